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

    @Test
    void killedInTheMiddleOfBookingAReportAndAgainBeforeItsAckTheReportIsBookedOnceAndAcknowledgedOnce() throws Exception {
        List<Invoice> invoices = invoices(33_001, 2);
        Upstreams.Slice s = Upstreams.slice();
        s.standard(invoices.toArray(Invoice[]::new));
        s.ledger();
        Path log = Files.createTempFile("indriva-promentor-km-crash-", ".log");
        ObjectNode tenant = s.tenantJson(10, "0", List.of());
        try (SftpServer sftp = SftpServer.start()) {
            tenant.putObject("agency").put("system", "promentor").put("host", "127.0.0.1").put("port", sftp.port())
                    .put("user", SftpServer.USER).put("hostKeyFingerprint", sftp.fingerprint()).put("creditorNo", "4722")
                    .put("password", SftpServer.PASSWORD);
            // the journal receipt is created at Procountor, but its answer is held: the process dies waiting for it
            var heldReceipt = Upstreams.PROCOUNTOR.stubFor(com.github.tomakehurst.wiremock.client.WireMock
                    .post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(s.prefix + "/ledgerreceipts")).atPriority(1)
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{}").withFixedDelay(120_000)));
            try (AppProcess first = AppProcess.start(data, log, PROMENTOR)) {
                assertThat(first.call("PUT", "/api/v1/tenants/pcrash", tenant.toString()).statusCode()).isEqualTo(201);
                first.call("POST", "/api/v1/tenants/pcrash/poll", null);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> submitted(first, invoices) == invoices.size());
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    sync(first);
                    return !names(sftp, "NC_4722_").isEmpty();
                });
                String nc = names(sftp, "NC_4722_").get(0);
                Files.writeString(sftp.root().resolve("out/KV_4722_20261205130000_001.csv"),
                        receipts(nc, invoices.stream().map(Invoice::id).toList(), "ACCEPTED", "7"));
                awaitRegistered(first, invoices, "7", log);

                // Promentor's report: both cases paid in full (collection: commission 10 %, VAT 25 % of it)
                String today = java.time.LocalDate.now().toString();
                Files.writeString(sftp.root().resolve("out/KM_4722_20261205180000_001.csv"),
                        "reportNo;reportDate;currency;payoutTotal;caseNo;claimRef;capital;interest;fees;commission;vat;payout\n"
                                + "6001;" + today + ";SEK;2187.50;733001;33001;1250.00;0.00;0.00;125.00;31.25;1093.75\n"
                                + "6001;" + today + ";SEK;2187.50;733002;33002;1250.00;0.00;0.00;125.00;31.25;1093.75\n");
                // asked until one runs (one asked while the last ran is that one); the booking then holds it
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    sync(first);
                    return !Upstreams.LEDGER.receipts(s.prefix).isEmpty();
                });
                first.kill();
            } finally {
                Upstreams.PROCOUNTOR.removeStub(heldReceipt);
            }
            assertThat(names(sftp, "ACK_")).as("not acknowledged before it was booked").isEmpty();

            // second life: the booking goes on (the receipt found, not made again); killed at the ACK's rename
            CountDownLatch atRename = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            sftp.beforeRename((from, to) -> {
                if (to.startsWith("ACK_")) {
                    atRename.countDown();
                    try {
                        killed.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("the client is gone");
                }
            });
            try (AppProcess second = AppProcess.start(data, log, PROMENTOR)) {
                // the dead instance's lease on the sync runs out after 20 s; syncs asked for until then are refused
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    sync(second);
                    return atRename.getCount() == 0;
                });
                second.kill();
            } finally {
                killed.countDown();
                sftp.beforeRename(null);
            }
            assertThat(names(sftp, "ACK_")).as("only the .part of the ACK").allMatch(n -> n.endsWith(".part"));

            // third life: the ACK goes again; one receipt, approved; each invoice marked paid once
            try (AppProcess third = AppProcess.start(data, log, PROMENTOR)) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    sync(third);
                    assertThat(names(sftp, "ACK_")).as("log in %s", log).anyMatch(n -> !n.endsWith(".part"));
                });
                List<String> acks = names(sftp, "ACK_").stream().filter(n -> !n.endsWith(".part")).toList();
                assertThat(acks).hasSize(1);
                List<PromentorCsv.Row> ack = PromentorCsv.read(Files.readAllBytes(sftp.root().resolve("in/" + acks.get(0))));
                assertThat(Upstreams.LEDGER.receipts(s.prefix)).as("one journal entry, whatever the crashes").hasSize(1);
                JsonNode receipt = Upstreams.LEDGER.receipts(s.prefix).get(0);
                assertThat(receipt.path("status").asText()).isEqualTo("APPROVED");
                assertThat(ack).hasSize(1);
                assertThat(ack.get(0).fields()).containsEntry("reportNo", "6001").containsEntry("journalRef", receipt.path("id").asText());
                for (Invoice inv : invoices) {
                    assertThat(Upstreams.LEDGER.events(s.prefix, inv.id())).as("invoice %s marked paid once", inv.id()).hasSize(1);
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode booked = null;
                    for (JsonNode b : third.json("/api/v1/tenants/pcrash/settlements")) {
                        booked = b.path("settlementId").asText().equals("6001") ? b : booked;
                    }
                    assertThat(booked).isNotNull();
                    assertThat(booked.path("status").asText()).isEqualTo("BOOKED");
                    assertThat(booked.path("acknowledged").asBoolean()).isTrue();
                });
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
