package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.agency.promentor.PromentorCsv;
import eu.indriva.support.AppProcess;
import eu.indriva.support.SftpServer;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one case per invoice at Promentor across a crash in the middle of sending: Indriva runs
 * in its own JVM and is killed with SIGKILL while the SFTP server holds the NC file's rename (before
 * it, or after it but before the client hears of it), then started again on the same H2 file and
 * Artemis journal.
 */
class PromentorCrashTest {

    @TempDir
    Path data;

    private static final String[] PROMENTOR = {"--indriva.promentor.enabled=true"};

    /** Where the first life of the process ended: the NC file it was sending, and the log. */
    private record Killed(String ncFile, Path log) {}

    /**
     * Creates the tenant, has its invoices handed over, and asks for the sync that sends them; the
     * server calls {@code hold} with the NC file's name at the rename (before or after, as the test
     * set it up), where the test kills the process. {@code hold} then returns (or throws) to the dead client.
     */
    private Killed firstLifeKilledAtTheRename(Upstreams.Slice s, SftpServer sftp, String creditorNo, List<Invoice> invoices,
                                              boolean beforeRename) throws Exception {
        s.standard(invoices.toArray(Invoice[]::new));
        s.ledger();
        Path log = Files.createTempFile("indriva-promentor-crash-", ".log");
        ObjectNode tenant = s.tenantJson(10, "0", List.of());
        tenant.putObject("agency").put("system", "promentor").put("host", "127.0.0.1").put("port", sftp.port())
                .put("user", SftpServer.USER).put("hostKeyFingerprint", sftp.fingerprint()).put("creditorNo", creditorNo)
                .put("password", SftpServer.PASSWORD);
        CountDownLatch atRename = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        List<String> held = new CopyOnWriteArrayList<>();
        SftpServer.RenameHook hold = (from, to) -> {
            if (to.startsWith("NC_") && held.isEmpty()) {
                held.add(to);
                atRename.countDown();
                try {
                    killed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (beforeRename) {
                    throw new IOException("the client is gone");
                }
            }
        };
        Consumer<SftpServer.RenameHook> at = beforeRename ? sftp::beforeRename : sftp::afterRename;
        at.accept(hold);
        try (AppProcess first = AppProcess.start(data, log, PROMENTOR)) {
            assertThat(first.call("PUT", "/api/v1/tenants/pcrash", tenant.toString()).statusCode()).isEqualTo(201);
            first.call("POST", "/api/v1/tenants/pcrash/poll", null);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> submitted(first, invoices) == invoices.size());
            sync(first);
            assertThat(atRename.await(60, TimeUnit.SECONDS)).as("the NC file reached its rename; log in %s", log).isTrue();
            first.kill();
        } finally {
            killed.countDown();
            at.accept(null);
        }
        return new Killed(held.get(0), log);
    }

    /**
     * The restarted process sends the file again under its name: once the killed instance's lease on
     * the tenant's sync has run out (indriva.cluster.lock-ttl, 20 s), the next sync asked for does it.
     */
    private static void awaitSentAgain(AppProcess app, SftpServer sftp, String ncFile) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            sync(app);
            return names(sftp, "NC_").contains(ncFile);
        });
    }

    /** Syncs until every invoice is REGISTERED with the case number Promentor gave it ({@code prefix} + invoice id). */
    private static void awaitRegistered(AppProcess app, List<Invoice> invoices, String prefix, Path log) throws IOException {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            sync(app);
            assertThat(app.json("/api/v1/tenants/pcrash/claims?status=REGISTERED&size=50").path("total").asInt())
                    .as("registered; log in %s", log).isEqualTo(invoices.size());
        });
        for (Invoice inv : invoices) {
            JsonNode claim = app.json("/api/v1/tenants/pcrash/claims/" + inv.id());
            assertThat(claim.path("agencyClaimId").asText()).isEqualTo(prefix + inv.id());
            assertThat(claim.path("history").findValuesAsText("event").stream().filter("REGISTERED"::equals).count())
                    .as("registered once").isEqualTo(1);
        }
    }

    private static String receipts(String ncFile, List<String> claimRefs, String status, String casePrefix) {
        StringBuilder kv = new StringBuilder("file;lineRef;status;caseNo;message\n");
        claimRefs.forEach(ref -> kv.append(ncFile).append(';').append(ref).append(';').append(status).append(';').append(casePrefix)
                .append(ref).append(";\n"));
        return kv.toString();
    }

    private static List<Invoice> invoices(int first, int n) {
        return IntStream.range(0, n).mapToObj(i -> Invoice.overdue(Integer.toString(first + i))).toList();
    }

    @Test
    void killedBetweenUploadAndRenameTheFileIsSentAgainUnderItsNameAndEachInvoiceIsOneCase() throws Exception {
        List<Invoice> invoices = invoices(31_001, 5);
        try (SftpServer sftp = SftpServer.start()) {
            Killed k = firstLifeKilledAtTheRename(Upstreams.slice(), sftp, "4720", invoices, true);
            assertThat(names(sftp, "NC_")).as("only the .part was written").containsExactly(k.ncFile() + ".part");

            try (AppProcess second = AppProcess.start(data, k.log(), PROMENTOR)) {
                awaitSentAgain(second, sftp, k.ncFile());
                assertThat(names(sftp, "NC_")).as("the same file, under the same name; no second file").containsExactly(k.ncFile());
                List<PromentorCsv.Row> lines = PromentorCsv.read(Files.readAllBytes(sftp.root().resolve("in/" + k.ncFile())));
                List<String> refs = lines.stream().map(r -> r.fields().get("claimRef")).toList();
                assertThat(refs).containsExactlyInAnyOrderElementsOf(invoices.stream().map(Invoice::id).toList());

                // Promentor reads it and answers each line once
                Files.writeString(sftp.root().resolve("out/KV_4720_20261205130000_001.csv"), receipts(k.ncFile(), refs, "ACCEPTED", "9"));
                awaitRegistered(second, invoices, "9", k.log());
            }
        }
    }

    @Test
    void killedAfterTheRenameBeforeItWasRecordedTheFileGoesAgainAndItsDuplicatesAreAdopted() throws Exception {
        List<Invoice> invoices = invoices(32_001, 3);
        try (SftpServer sftp = SftpServer.start()) {
            Killed k = firstLifeKilledAtTheRename(Upstreams.slice(), sftp, "4721", invoices, false);
            // Promentor reads the file (it leaves /in) and answers
            Path sent = sftp.root().resolve("in/" + k.ncFile());
            List<String> refs = PromentorCsv.read(Files.readAllBytes(sent)).stream().map(r -> r.fields().get("claimRef")).toList();
            Files.delete(sent);
            Files.writeString(sftp.root().resolve("out/KV_4721_20261205130000_001.csv"), receipts(k.ncFile(), refs, "ACCEPTED", "8"));

            try (AppProcess second = AppProcess.start(data, k.log(), PROMENTOR)) {
                // not known to be sent: the same file goes again, under its name
                awaitSentAgain(second, sftp, k.ncFile());
                assertThat(names(sftp, "NC_")).containsExactly(k.ncFile());
                // Promentor knows every case of it: DUPLICATE, naming the same cases
                Files.writeString(sftp.root().resolve("out/KV_4721_20261205131000_001.csv"), receipts(k.ncFile(), refs, "DUPLICATE", "8"));
                awaitRegistered(second, invoices, "8", k.log());
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    try (Stream<Path> out = Files.list(sftp.root().resolve("out"))) {
                        return out.noneMatch(p -> p.getFileName().toString().startsWith("KV_"));
                    }
                });
                assertThat(second.json("/api/v1/tenants/pcrash/agency-problems").size()).as("the repeated answers are no problem").isZero();
            }
        }
    }

    private static List<String> names(SftpServer sftp, String prefix) throws IOException {
        try (Stream<Path> in = Files.list(sftp.root().resolve("in"))) {
            return in.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    private static void sync(AppProcess app) throws IOException {
        assertThat(app.call("POST", "/api/v1/tenants/pcrash/agency-sync", null).statusCode()).isEqualTo(202);
    }

    /** How many of the invoices are claims handed to Promentor (waiting for the next file). */
    private static int submitted(AppProcess app, List<Invoice> invoices) throws IOException {
        int n = 0;
        for (Invoice inv : invoices) {
            if (app.json("/api/v1/tenants/pcrash/claims/" + inv.id()).path("history").toString().contains("SUBMITTED")) {
                n++;
            }
        }
        return n;
    }
}
