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
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one case per invoice at Promentor across a crash in the middle of sending: Indriva runs
 * in its own JVM and is killed with SIGKILL while the SFTP server holds the NC file's rename, then
 * started again on the same H2 file and Artemis journal.
 */
class PromentorCrashTest {

    @TempDir
    Path data;

    private static final String[] PROMENTOR = {"--indriva.promentor.enabled=true"};

    private static List<String> names(SftpServer sftp, String prefix) throws IOException {
        try (Stream<Path> in = Files.list(sftp.root().resolve("in"))) {
            return in.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    private static void sync(AppProcess app, String tenant) throws IOException {
        assertThat(app.call("POST", "/api/v1/tenants/" + tenant + "/agency-sync", null).statusCode()).isEqualTo(202);
    }

    @Test
    void killedBetweenUploadAndRenameTheFileIsSentAgainUnderItsNameAndEachInvoiceIsOneCase() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        List<Invoice> invoices = IntStream.rangeClosed(1, 5).mapToObj(i -> Invoice.overdue(Integer.toString(31_000 + i))).toList();
        s.standard(invoices.toArray(Invoice[]::new));
        s.ledger();
        Path log = Files.createTempFile("indriva-promentor-crash-", ".log");
        try (SftpServer sftp = SftpServer.start()) {
            ObjectNode tenant = s.tenantJson(10, "0", List.of());
            tenant.putObject("agency").put("system", "promentor").put("host", "127.0.0.1").put("port", sftp.port())
                    .put("user", SftpServer.USER).put("hostKeyFingerprint", sftp.fingerprint()).put("creditorNo", "4720")
                    .put("password", SftpServer.PASSWORD);
            CountDownLatch atRename = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            List<String> held = new CopyOnWriteArrayList<>();
            // the server holds the NC file's rename until the process that asked for it is dead, then refuses it
            sftp.beforeRename((from, to) -> {
                if (to.startsWith("NC_") && held.isEmpty()) {
                    held.add(to);
                    atRename.countDown();
                    try {
                        killed.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("the client is gone");
                }
            });

            try (AppProcess first = AppProcess.start(data, log, PROMENTOR)) {
                assertThat(first.call("PUT", "/api/v1/tenants/pcrash", tenant.toString()).statusCode()).isEqualTo(201);
                first.call("POST", "/api/v1/tenants/pcrash/poll", null);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> submitted(first, invoices) == 5);
                sync(first, "pcrash");
                assertThat(atRename.await(60, TimeUnit.SECONDS)).as("the NC file reached its rename; log in %s", log).isTrue();
                first.kill();
            } finally {
                killed.countDown();
            }
            String name = held.get(0);
            assertThat(names(sftp, "NC_4720_")).as("only the .part was written").containsExactly(name + ".part");

            sftp.beforeRename(null);
            try (AppProcess second = AppProcess.start(data, log, PROMENTOR)) {
                // not known to be sent: the same file goes again, under its name, once the killed instance's lease on
                // the tenant's sync has run out (indriva.cluster.lock-ttl, 20 s)
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    sync(second, "pcrash");
                    return names(sftp, "NC_4720_").contains(name);
                });
                assertThat(names(sftp, "NC_4720_")).as("the same file, under the same name; no second file").containsExactly(name);
                List<PromentorCsv.Row> lines = PromentorCsv.read(Files.readAllBytes(sftp.root().resolve("in/" + name)));
                assertThat(lines).extracting(r -> r.fields().get("claimRef"))
                        .containsExactlyInAnyOrderElementsOf(invoices.stream().map(Invoice::id).toList());

                // Promentor reads it and answers each line once
                StringBuilder kv = new StringBuilder("file;lineRef;status;caseNo;message\n");
                invoices.forEach(inv -> kv.append(name).append(';').append(inv.id()).append(";ACCEPTED;9").append(inv.id()).append(";\n"));
                Files.writeString(sftp.root().resolve("out/KV_4720_20261205130000_001.csv"), kv);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(syncThen(second).json("/api/v1/tenants/pcrash/claims?status=REGISTERED&size=50").path("total").asInt())
                                .as("registered; log in %s", log).isEqualTo(5));
                for (Invoice inv : invoices) {
                    assertThat(second.json("/api/v1/tenants/pcrash/claims/" + inv.id()).path("agencyClaimId").asText()).isEqualTo("9" + inv.id());
                }
            }
        }
    }

    @Test
    void killedAfterTheRenameBeforeItWasRecordedTheFileGoesAgainAndItsDuplicatesAreAdopted() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        List<Invoice> invoices = IntStream.rangeClosed(1, 3).mapToObj(i -> Invoice.overdue(Integer.toString(32_000 + i))).toList();
        s.standard(invoices.toArray(Invoice[]::new));
        s.ledger();
        Path log = Files.createTempFile("indriva-promentor-crash-", ".log");
        try (SftpServer sftp = SftpServer.start()) {
            ObjectNode tenant = s.tenantJson(10, "0", List.of());
            tenant.putObject("agency").put("system", "promentor").put("host", "127.0.0.1").put("port", sftp.port())
                    .put("user", SftpServer.USER).put("hostKeyFingerprint", sftp.fingerprint()).put("creditorNo", "4721")
                    .put("password", SftpServer.PASSWORD);
            CountDownLatch renamed = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            List<String> sent = new CopyOnWriteArrayList<>();
            // the rename is done, but the client never hears of it
            sftp.afterRename((from, to) -> {
                if (to.startsWith("NC_") && sent.isEmpty()) {
                    sent.add(to);
                    renamed.countDown();
                    try {
                        killed.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            try (AppProcess first = AppProcess.start(data, log, PROMENTOR)) {
                assertThat(first.call("PUT", "/api/v1/tenants/pcrash", tenant.toString()).statusCode()).isEqualTo(201);
                first.call("POST", "/api/v1/tenants/pcrash/poll", null);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> submitted(first, invoices) == 3);
                sync(first, "pcrash");
                assertThat(renamed.await(60, TimeUnit.SECONDS)).as("the NC file was renamed; log in %s", log).isTrue();
                first.kill();
            } finally {
                killed.countDown();
            }
            String name = sent.get(0);
            // Promentor reads the file (it leaves /in) and answers
            Path first = sftp.root().resolve("in/" + name);
            List<PromentorCsv.Row> firstLines = PromentorCsv.read(Files.readAllBytes(first));
            Files.delete(first);
            StringBuilder kv = new StringBuilder("file;lineRef;status;caseNo;message\n");
            firstLines.forEach(r -> kv.append(name).append(';').append(r.fields().get("claimRef")).append(";ACCEPTED;8")
                    .append(r.fields().get("claimRef")).append(";\n"));
            Files.writeString(sftp.root().resolve("out/KV_4721_20261205130000_001.csv"), kv);

            sftp.afterRename(null);
            try (AppProcess second = AppProcess.start(data, log, PROMENTOR)) {
                // not known to be sent: the same file goes again, under its name, once the killed instance's lease on
                // the tenant's sync has run out (indriva.cluster.lock-ttl, 20 s)
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    sync(second, "pcrash");
                    return names(sftp, "NC_4721_").contains(name);
                });
                assertThat(names(sftp, "NC_4721_")).containsExactly(name);
                // Promentor knows every case of it: DUPLICATE, naming the same cases
                StringBuilder dup = new StringBuilder("file;lineRef;status;caseNo;message\n");
                invoices.forEach(inv -> dup.append(name).append(';').append(inv.id()).append(";DUPLICATE;8").append(inv.id()).append(";\n"));
                Files.writeString(sftp.root().resolve("out/KV_4721_20261205131000_001.csv"), dup);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(syncThen(second).json("/api/v1/tenants/pcrash/claims?status=REGISTERED&size=50").path("total").asInt())
                                .as("registered; log in %s", log).isEqualTo(3));
                for (Invoice inv : invoices) {
                    JsonNode claim = second.json("/api/v1/tenants/pcrash/claims/" + inv.id());
                    assertThat(claim.path("agencyClaimId").asText()).isEqualTo("8" + inv.id());
                    assertThat(claim.path("history").findValuesAsText("event").stream().filter("REGISTERED"::equals).count())
                            .as("registered once").isEqualTo(1);
                }
                assertThat(second.json("/api/v1/tenants/pcrash/agency-problems").size()).as("the repeated answers are no problem").isZero();
            }
        }
    }

    /** Asks for a sync (a no-op while one runs) and then reads, for a condition awaited with syncs in between. */
    private static AppProcess syncThen(AppProcess app) throws IOException {
        sync(app, "pcrash");
        return app;
    }

    /** How many of the invoices are claims handed to Promentor (waiting for the next file). */
    private static int submitted(AppProcess app, List<Invoice> invoices) throws IOException {
        int n = 0;
        for (Invoice inv : invoices) {
            JsonNode c = app.json("/api/v1/tenants/pcrash/claims/" + inv.id());
            if (c.path("history").toString().contains("SUBMITTED")) {
                n++;
            }
        }
        return n;
    }
}
