import java.sql.*;
import java.nio.file.*;
/**
 * The cost of one H2 commit of a claim update (plus a history row with mode "uh", two updates and
 * two history rows with "uh2", the same changes as one UPDATE and one two-row INSERT with "m2") on a
 * 20,000-row claim table built by the app's migrations, with the app's JDBC settings (WRITE_DELAY=0).
 * Prints the last of four rounds of 4,000 transactions.
 *
 *   java -cp ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar bench/src/H2CommitCost.java uh
 *
 * Optional second argument: SQL run after the migrations (e.g. "DROP INDEX claim_by_status").
 */
public class H2CommitCost {
  public static void main(String[] a) throws Exception {
    String url = "jdbc:h2:file:/tmp/h2x/c" + System.nanoTime() + (a.length > 2 ? a[2] : "") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;QUERY_CACHE_SIZE=0";
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      for (String f : new String[]{"V1__tenants_and_claims.sql","V2__agency_status_and_settlements.sql","V3__payments_and_recall.sql"})
        s.execute(Files.readString(Path.of("src/main/resources/db/migration/" + f)));
      if (a.length > 1 && !a[1].isEmpty()) s.execute(a[1]);
      s.execute("INSERT INTO tenant (id,name,enabled,settings,created_at,updated_at) VALUES ('bench','b',TRUE,'{}',NOW(),NOW())");
      int n = 20000;
      PreparedStatement ins = c.prepareStatement("INSERT INTO claim (tenant_id, invoice_id, invoice_number, customer_number, status, manual, dispatch_key, attempts, attachment_done, note_done, created_at, updated_at, amount, currency) VALUES ('bench', ?, ?, ?, 'PENDING', FALSE, 'f2a0c8a4-1b7e-4b8e-9d55-3a1f9c2b7d11', 0, FALSE, FALSE, NOW(), NOW(), 1250.00, 'SEK')");
      for (int i = 1; i <= n; i++) { ins.setString(1, String.valueOf(i)); ins.setString(2, "INV-"+i); ins.setString(3, "C"+i); ins.addBatch(); if (i % 1000 == 0) ins.executeBatch(); }
      ins.executeBatch();
      String mode = a[0];
      PreparedStatement up = c.prepareStatement("UPDATE claim SET attachment_done = TRUE, updated_at = NOW() WHERE tenant_id = ? AND invoice_id = ?");
      PreparedStatement up2 = c.prepareStatement("UPDATE claim SET note_done = TRUE, updated_at = NOW() WHERE tenant_id = ? AND invoice_id = ?");
      PreparedStatement both = c.prepareStatement("UPDATE claim SET attachment_done = TRUE, note_done = TRUE, updated_at = NOW() WHERE tenant_id = ? AND invoice_id = ?");
      PreparedStatement hist2 = c.prepareStatement("INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail) VALUES (?, ?, NOW(), 'ATTACHED', 'invoice copy invoice-123.pdf sent to Kravia'), (?, ?, NOW(), 'NOTED', 'transfer note written on the invoice')");
      PreparedStatement hist = c.prepareStatement("INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail) VALUES (?, ?, NOW(), 'ATTACHED', 'invoice copy invoice-123.pdf sent to Kravia')");
      for (int round = 0; round < 4; round++) {
        long t0 = System.nanoTime();
        for (int i = 1; i <= 4000; i++) {
          String id = String.valueOf(1 + (i * 7 + round * 1000) % n);
          c.setAutoCommit(false);
          if (mode.equals("m2")) {
            both.setString(1, "bench"); both.setString(2, id); both.executeUpdate();
            hist2.setString(1, "bench"); hist2.setString(2, id); hist2.setString(3, "bench"); hist2.setString(4, id); hist2.executeUpdate();
            c.commit();
            continue;
          }
          up.setString(1, "bench"); up.setString(2, id); up.executeUpdate();
          if (mode.contains("h")) { hist.setString(1, "bench"); hist.setString(2, id); hist.executeUpdate(); }
          if (mode.contains("2")) { up2.setString(1, "bench"); up2.setString(2, id); up2.executeUpdate(); if (mode.contains("h")) { hist.setString(1, "bench"); hist.setString(2, id); hist.executeUpdate(); } }
          c.commit();
        }
        if (round == 3) System.out.printf("%s: %.3f ms per transaction%n", mode + (a.length > 1 ? " [" + a[1] + "]" : ""), (System.nanoTime() - t0) / 1e6 / 4000);
      }
    }
  }
}
