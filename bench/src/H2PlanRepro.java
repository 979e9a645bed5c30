import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows, without the app, why claim UPDATEs get slower as the claim table grows (bench/README.md,
 * "What limits the figures", 1). Uses the app's own migration and SQL.
 *
 * <pre>
 *   H2=~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar
 *   java -cp $H2 bench/src/H2PlanRepro.java              # plans + 10,000 claims through 8 workers
 *   java -cp $H2 bench/src/H2PlanRepro.java 10000 ";QUERY_CACHE_SIZE=0"
 * </pre>
 *
 * Part 1 prints the plan H2 picks for the registrar's UPDATE as the table grows: the foreign-key
 * index on tenant_id (CONSTRAINT_INDEX_..) while it is small, the primary key later. Part 2 runs an
 * app-like mix: a poll thread inserting claims while 8 workers update them, over a pool of 10
 * connections; each connection keeps the plans it prepared early in H2's query cache.
 */
public class H2PlanRepro {

    static final BlockingQueue<Connection> POOL = new LinkedBlockingQueue<>();

    interface Work {
        void run(Connection c) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String extra = args.length > 1 ? args[1] : "";
        Path migration = Path.of("src/main/resources/db/migration/V1__tenants_and_claims.sql");
        String ddl = Files.readString(migration).replaceAll("(?m)--.*$", "");

        System.out.println("--- plans for the registrar's UPDATE and SELECT as the claim table grows (fresh statements)");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:plans;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "")) {
            schema(c, ddl);
            int inserted = 0;
            for (int target : new int[] {0, 200, 1000, 3000}) {
                for (; inserted < target; inserted++) {
                    upd(c, "INSERT INTO claim (tenant_id, invoice_id, status, manual, dispatch_key, attempts, attachment_done, note_done, created_at, updated_at)"
                            + " VALUES ('bench', ?, 'PENDING', FALSE, 'k', 0, FALSE, FALSE, NOW(), NOW())", "" + (inserted + 1));
                }
                System.out.printf("%5d rows: UPDATE uses %s; SELECT uses %s%n", target,
                        plan(c, "EXPLAIN UPDATE claim SET note_done = TRUE, updated_at = ? WHERE tenant_id = ? AND invoice_id = ? AND note_done = FALSE",
                                new Timestamp(0), "bench", "7"),
                        plan(c, "EXPLAIN SELECT status FROM claim WHERE tenant_id = ? AND invoice_id = ?", "bench", "7"));
            }
        }

        System.out.println("--- " + n + " claims: 1 poll thread inserting, 8 workers updating, a pool of 10 connections"
                + (extra.isEmpty() ? "" : ", URL + " + extra));
        Path dir = Files.createTempDirectory("h2-plan-repro");
        String url = "jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" + extra;
        for (int i = 0; i < 10; i++) {
            POOL.add(DriverManager.getConnection(url, "sa", ""));
        }
        tx(true, c -> schema(c, ddl));
        BlockingQueue<Integer> selected = new LinkedBlockingQueue<>();
        AtomicInteger done = new AtomicInteger();
        Thread poll = new Thread(() -> {
            try {
                for (int i = 1; i <= n; i++) {
                    String id = "" + i;
                    tx(false, c -> {
                        upd(c, "INSERT INTO claim (tenant_id, invoice_id, invoice_number, customer_number, status, amount, currency, due_date, manual,"
                                + " dispatch_key, attempts, attachment_done, note_done, created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, 0, FALSE, FALSE, ?, ?)",
                                "bench", id, "10" + id, "C-" + id, new BigDecimal("1250.00"), "SEK", Date.valueOf("2026-10-01"), false,
                                UUID.randomUUID().toString(), now(), now());
                        upd(c, "INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail) VALUES (?, ?, ?, ?, ?)",
                                "bench", id, now(), "SELECTED", "selected by the overdue poll");
                    });
                    selected.add(i);
                    while (selected.size() > 2000) {
                        Thread.sleep(5);
                    }
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        poll.start();
        long t0 = System.nanoTime();
        long[] last = {t0};
        ExecutorService workers = Executors.newFixedThreadPool(8);
        for (int w = 0; w < 8; w++) {
            workers.submit(() -> {
                try {
                    while (done.get() < n) {
                        Integer next = selected.poll(100, TimeUnit.MILLISECONDS);
                        if (next == null) {
                            continue;
                        }
                        String id = "" + next;
                        tx(true, c -> query(c, "SELECT status FROM claim WHERE tenant_id = ? AND invoice_id = ?", "bench", id));
                        tx(true, c -> upd(c, "UPDATE claim SET invoice_number = ?, customer_number = ?, amount = ?, currency = ?, due_date = ?, updated_at = ?"
                                + " WHERE tenant_id = ? AND invoice_id = ?", "10" + id, "C-" + id, new BigDecimal("1250.00"), "SEK",
                                Date.valueOf("2026-10-01"), now(), "bench", id));
                        tx(false, c -> {
                            upd(c, "UPDATE claim SET status = 'REGISTERED', agency_claim_id = ?, agency_status = 'Registered', reason = NULL,"
                                    + " transferred_at = ?, updated_at = ? WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING'",
                                    "5" + id, now(), now(), "bench", id);
                            upd(c, "INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail) VALUES (?, ?, ?, ?, ?)",
                                    "bench", id, now(), "REGISTERED", "registered");
                        });
                        for (String column : new String[] {"attachment_done", "note_done"}) {
                            tx(false, c -> {
                                upd(c, "UPDATE claim SET " + column + " = TRUE, updated_at = ? WHERE tenant_id = ? AND invoice_id = ? AND "
                                        + column + " = FALSE", now(), "bench", id);
                                upd(c, "INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail) VALUES (?, ?, ?, ?, ?)",
                                        "bench", id, now(), column, "done");
                            });
                        }
                        int d = done.incrementAndGet();
                        if (d % 1000 == 0) {
                            long t = System.nanoTime();
                            System.out.printf("%6d claims: %5.0f/s over the last 1000%n", d, 1000 / ((t - last[0]) / 1e9));
                            last[0] = t;
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
        System.out.printf("%d claims: %.0f/s overall%n", n, n / ((System.nanoTime() - t0) / 1e9));
        for (Connection c : POOL) {
            c.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.exit(0);
    }

    static void schema(Connection c, String ddl) throws SQLException {
        for (String statement : ddl.split(";")) {
            if (!statement.isBlank()) {
                c.createStatement().execute(statement);
            }
        }
        c.createStatement().execute("INSERT INTO tenant VALUES ('bench', 'Bench', TRUE, '{}', NULL, NOW(), NOW(), NULL)");
    }

    static String plan(Connection c, String explain, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(explain)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getString(1).replaceAll("\\s+", " ").replaceAll(".*/\\* ([^*]*) \\*/.*", "$1");
            }
        }
    }

    static void tx(boolean autoCommit, Work work) throws Exception {
        Connection c = POOL.take();
        try {
            c.setAutoCommit(autoCommit);
            work.run(c);
            if (!autoCommit) {
                c.commit();
            }
        } finally {
            c.setAutoCommit(true);
            POOL.add(c);
        }
    }

    static Timestamp now() {
        return new Timestamp(System.currentTimeMillis());
    }

    static void upd(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    static void query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    // drain
                }
            }
        }
    }
}
