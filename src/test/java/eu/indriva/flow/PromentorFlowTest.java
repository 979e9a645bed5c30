package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.agency.promentor.PromentorCsv;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.SftpServer;
import eu.indriva.support.Upstreams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * A tenant on Promentor, through the whole application and a real SFTP server (MINA SSHD): claims
 * go out in one NC file with their copies ahead of it, Promentor's receipts and case updates come
 * back from /out, each file applied once.
 */
@TestPropertySource(properties = "indriva.promentor.enabled=true")
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class PromentorFlowTest extends AppTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    org.apache.camel.ProducerTemplate camel;

    static SftpServer sftp;

    /** A server that is down opens its circuit after two failures; its trial comes 2 s later. */
    @org.springframework.test.context.DynamicPropertySource
    static void circuits(org.springframework.test.context.DynamicPropertyRegistry r) {
        r.add("indriva.circuit.failure-threshold", () -> "2");
        r.add("indriva.circuit.open-for", () -> "PT2S");
        // a file is written as soon as three lines wait (by size); fewer wait for the next sync (by age)
        r.add("indriva.promentor.batch-size", () -> "3");
        // no scheduled sync after the first tick (5 s after start, see waitForTheFirstTick): each test syncs when it means to.
        // A scheduled sync between two claims of a batch sent a partial file (2 lines, two copies instead of three), in two
        // full runs on a loaded machine
        r.add("indriva.poll.tick", () -> "PT1H");
    }

    @org.springframework.beans.factory.annotation.Value("${local.management.port}")
    int managementPort;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    /** The schedules' first tick comes 5 s after start, whatever their period: every test here begins after it. */
    @org.junit.jupiter.api.BeforeEach
    void waitForTheFirstTick() {
        long firstTickDone = context.getStartupDate() + 7_000;
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() >= firstTickDone);
    }

    @BeforeAll
    static void startSftp() {
        sftp = SftpServer.start();
    }

    @AfterAll
    static void stopSftp() {
        sftp.stop();
    }

    private ObjectNode promentorTenant(Upstreams.Slice s, String creditorNo, String fingerprint) {
        ObjectNode json = s.tenantJson(10, "0", List.of());
        ObjectNode g = json.putObject("agency");
        g.put("system", "promentor").put("host", "127.0.0.1").put("port", sftp.port()).put("user", SftpServer.USER)
                .put("hostKeyFingerprint", fingerprint).put("creditorNo", creditorNo).put("privateKey", sftp.clientPrivateKey());
        ((ObjectNode) json.get("policy")).put("service", "REMINDER");
        return json;
    }

    private static List<Path> files(String folder, String prefix) throws IOException {
        try (Stream<Path> in = Files.list(sftp.root().resolve(folder))) {
            return in.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** Promentor's side: writes a file into /out as it would (whole, then visible). */
    private static void deliver(String name, String content) throws IOException {
        Path part = sftp.root().resolve("out/" + name + ".tmp");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, sftp.root().resolve("out/" + name));
    }

    private JsonNode awaitClaim(String tenant, String invoice, java.util.function.Predicate<JsonNode> done) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode c = claim(tenant, invoice);
            return c != null && done.test(c);
        });
        return claim(tenant, invoice);
    }

    @Test
    void aClaimsLifeThroughTheFiles(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        s.standard(Upstreams.Invoice.overdue("1001"), Upstreams.Invoice.overdue("1002"), Upstreams.Invoice.overdue("1003"));
        String tenant = createTenant(s, promentorTenant(s, "4711", sftp.fingerprint()));

        // 1. selected claims are handed over: each line is recorded with its copy, nothing sent one by one
        poll(tenant);
        for (String inv : List.of("1001", "1002", "1003")) {
            JsonNode c = awaitClaim(tenant, inv, j -> j.path("history").toString().contains("SUBMITTED"));
            assertThat(c.path("status").asText()).isEqualTo("PENDING");
            assertThat(c.path("history").toString()).contains("ATTACHMENT_SENT");
        }

        // 2. the third line fills a batch (batch-size 3 here): the copies, then one NC file for the three, are written at once,
        //    each under its final name only, without waiting for a sync
        await().atMost(Duration.ofSeconds(20)).until(() -> files("in", "NC_4711_").size() == 1);
        assertThat(files("in", "ATT_4711_")).extracting(p -> p.getFileName().toString())
                .containsExactly("ATT_4711_1001.png", "ATT_4711_1002.png", "ATT_4711_1003.png");
        Path nc = files("in", "NC_4711_").get(0);
        assertThat(nc.getFileName().toString()).matches("NC_4711_[0-9]{14}_001\\.csv");
        assertThat(files("in", "").stream().map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        List<PromentorCsv.Row> lines = PromentorCsv.read(Files.readAllBytes(nc));
        assertThat(lines).extracting(r -> r.fields().get("claimRef")).containsExactlyInAnyOrder("1001", "1002", "1003");
        assertThat(lines.stream().filter(r -> r.fields().get("claimRef").equals("1001")).findFirst().orElseThrow().fields()).containsEntry("service", "REMINDER").containsEntry("amount", "1250.00")
                .containsEntry("debtorType", "C").containsEntry("debtorId", "556036-0793").containsEntry("attachment", "ATT_4711_1001.png");
        String ncName = nc.getFileName().toString();
        Files.delete(nc); // Promentor read it

        // 3. receipts: accepted, already known (adopted), rejected (the message stays on the claim)
        deliver("KV_4711_20261205120500_001.csv", "file;lineRef;status;caseNo;message\n"
                + ncName + ";1001;ACCEPTED;880001;\n"
                + ncName + ";1002;DUPLICATE;770002;\n"
                + ncName + ";1003;REJECTED;;Gäldenärens adress saknas\n");
        agencySync(tenant);
        JsonNode registered = awaitStatus(tenant, "1001", "REGISTERED");
        assertThat(registered.path("agencyClaimId").asText()).isEqualTo("880001");
        assertThat(registered.path("agency").asText()).isEqualTo("promentor");
        assertThat(output.getOut()).contains("invoice=1001 registered at Promentor as claim 880001 (1250.00 SEK)");
        JsonNode adopted = awaitStatus(tenant, "1002", "REGISTERED");
        assertThat(adopted.path("agencyClaimId").asText()).isEqualTo("770002");
        assertThat(adopted.path("history").toString()).contains("already had this invoice as claim 770002");
        JsonNode rejected = awaitStatus(tenant, "1003", "REJECTED");
        assertThat(rejected.path("reason").asText()).isEqualTo("Gäldenärens adress saknas");
        await().atMost(Duration.ofSeconds(10)).until(() -> files("out/archive", "KV_4711_").size() == 1);
        assertThat(files("out", "KV_4711_")).isEmpty();

        // 4. case updates, out of order: the older line changes nothing
        deliver("ST_4711_20261206080000_001.csv", "caseNo;claimRef;stage;closeReason;changedAt;outstandingCapital;outstandingFees;outstandingInterest\n"
                + "880001;1001;COLLECTION;;2026-12-06T08:00:00+01:00;1250.00;180.00;4.10\n"
                + "880001;1001;REMINDER;;2026-12-05T09:00:00+01:00;1250.00;60.00;1.20\n"
                + "770002;1002;CLOSED;PAID;2026-12-06T07:30:00+01:00;0.00;0.00;0.00\n"
                + "770002;1002;SUED;;2026-12-06T09:30:00+01:00;0.00;0.00;0.00\n");
        // and a file that cannot be read at all
        Files.write(sftp.root().resolve("out/ST_4711_20261206080500_001.csv"), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        agencySync(tenant);
        JsonNode collecting = awaitClaim(tenant, "1001", c -> "COLLECTION".equals(c.path("stage").asText()));
        assertThat(collecting.path("agencyStatus").asText()).isEqualTo("COLLECTION");
        assertThat(collecting.path("outstanding").path("capital").decimalValue()).isEqualByComparingTo("1250.00");
        JsonNode closed = awaitClaim(tenant, "1002", c -> "CLOSED".equals(c.path("status").asText()));
        assertThat(closed.path("closeReason").asText()).isEqualTo("PAID");
        // the unusable line and the unreadable file are shown for a person; the rest of the file was applied
        JsonNode problems = api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/agency-problems", null).getBody();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path("file").asText()).isEqualTo("ST_4711_20261206080000_001.csv");
            assertThat(p.path("line").asInt()).isEqualTo(5);
            assertThat(p.path("reason").asText()).contains("'SUED'");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path("file").asText()).isEqualTo("ST_4711_20261206080500_001.csv");
            assertThat(p.path("line").asInt()).isZero();
            assertThat(p.path("reason").asText()).contains("not UTF-8");
        });
        assertThat(files("out/error", "ST_4711_")).hasSize(1);

        // 5. the same ST file again (a move that did not happen): nothing is applied twice
        long historyBefore = claim(tenant, "1001").path("history").size();
        deliver("ST_4711_20261206080000_001.csv", Files.readString(sftp.root().resolve("out/archive/ST_4711_20261206080000_001.csv")));
        agencySync(tenant);
        await().atMost(Duration.ofSeconds(10)).until(() -> files("out", "ST_4711_").isEmpty());
        assertThat(claim(tenant, "1001").path("history").size()).isEqualTo(historyBefore);
    }

    /** A tenant on Promentor with one claim REGISTERED as {@code caseNo}, its NC and KV files gone through. */
    private String registeredAtPromentor(Upstreams.Slice s, String creditorNo, String invoice, String caseNo) throws Exception {
        s.standard(Upstreams.Invoice.overdue(invoice));
        s.ledger();
        String tenant = createTenant(s, promentorTenant(s, creditorNo, sftp.fingerprint()));
        poll(tenant);
        awaitClaim(tenant, invoice, j -> j.path("history").toString().contains("SUBMITTED"));
        agencySync(tenant);
        Path nc = files("in", "NC_" + creditorNo + "_").get(0);
        deliver("KV_" + creditorNo + "_20261205120500_001.csv", "file;lineRef;status;caseNo;message\n"
                + nc.getFileName() + ";" + invoice + ";ACCEPTED;" + caseNo + ";\n");
        agencySync(tenant);
        awaitStatus(tenant, invoice, "REGISTERED");
        // the poll's payment scan has run; later scans see what the test adds
        await().atMost(Duration.ofSeconds(15)).until(() -> api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody()
                .path("lastRuns").has("payment-scan"));
        s.changedInvoices(new String[] {invoice, "PARTLY_PAID"});
        return tenant;
    }

    private static ObjectNode paymentEvent(long id, String invoiceId, String type, String amount) {
        return Upstreams.JSON.createObjectNode().put("id", id).put("invoiceId", Long.parseLong(invoiceId)).put("type", type)
                .put("paymentDate", java.time.LocalDate.now().toString()).put("status", "PAID").put("amount", new java.math.BigDecimal(amount))
                .put("currency", "SEK");
    }

    @Test
    void directPaymentsCreditNotesAndARecallGoOutInDpFilesOncePerLine() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        String tenant = registeredAtPromentor(s, "4714", "3001", "990001");
        Upstreams.LEDGER.addEvent(s.prefix, "3001", paymentEvent(81001, "3001", "REFERENCEPAYMENT", "100.00"));
        Upstreams.LEDGER.addEvent(s.prefix, "3001", paymentEvent(81002, "3001", "COMPENSATIONINVOICE", "200.00"));

        camel.sendBody("seda:payment-sync?waitForTaskToComplete=Always&timeout=60000", tenant);
        camel.sendBody("seda:payment-sync?waitForTaskToComplete=Always&timeout=60000", tenant);
        JsonNode claim = claim(tenant, "3001");
        assertThat(claim.path("forwardedPayments").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(claim.path("forwardedCreditNotes").decimalValue()).isEqualByComparingTo("200.00");

        // pause is not in Promentor's files: 409 with that reason
        ResponseEntity<JsonNode> pause = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/3001/pause", null);
        assertThat(pause.getStatusCode().value()).isEqualTo(409);
        assertThat(pause.getBody().path("message").asText()).contains("offers no pause");
        // a recall is a DP line too; asked twice, it goes out once
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/3001/recall", null).getStatusCode().value()).isEqualTo(202);
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/3001/recall", null).getStatusCode().value()).isEqualTo(202);

        agencySync(tenant);
        List<Path> dp = files("in", "DP_4714_");
        assertThat(dp).hasSize(1);
        List<PromentorCsv.Row> lines = PromentorCsv.read(Files.readAllBytes(dp.get(0)));
        assertThat(lines).extracting(r -> r.fields()).containsExactlyInAnyOrder(
                java.util.Map.of("lineRef", "81001", "claimRef", "3001", "caseNo", "990001", "kind", "PAYMENT",
                        "date", java.time.LocalDate.now().toString(), "amount", "100.00"),
                java.util.Map.of("lineRef", "81002", "claimRef", "3001", "caseNo", "990001", "kind", "CREDIT",
                        "date", java.time.LocalDate.now().toString(), "amount", "200.00"),
                java.util.Map.of("lineRef", "recall-990001", "claimRef", "3001", "caseNo", "990001", "kind", "RECALL",
                        "date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));

        // scanned and synced again: nothing new goes out
        camel.sendBody("seda:payment-sync?waitForTaskToComplete=Always&timeout=60000", tenant);
        agencySync(tenant);
        assertThat(files("in", "DP_4714_")).hasSize(1);
    }

    private JsonNode reconcile(String tenant) {
        String id = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/reconciliations", null).getBody().path("id").asText();
        String path = "/api/v1/tenants/" + tenant + "/reconciliations/" + id;
        await().atMost(Duration.ofSeconds(30)).until(() -> !api(HttpMethod.GET, path, null).getBody().path("status").asText().equals("RUNNING"));
        JsonNode r = api(HttpMethod.GET, path, null).getBody();
        assertThat(r.path("status").asText()).as("%s", r).isEqualTo("DONE");
        return r;
    }

    @Test
    void aPromentorTenantReconcilesFromItsReceiptsAndCaseUpdates() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        String tenant = registeredAtPromentor(s, "4717", "3101", "990111");
        // accepted, no case update yet: the agency has what was sent
        JsonNode accepted = reconcile(tenant);
        assertThat(accepted.path("claims").asInt()).isEqualTo(1);
        assertThat(accepted.path("differences")).as("%s", accepted).isEmpty();
        assertThat(accepted.path("totals").path("SEK").path("holds").asBoolean()).isTrue();

        deliver("ST_4717_20261206080000_001.csv", "caseNo;claimRef;stage;closeReason;changedAt;outstandingCapital;outstandingFees;outstandingInterest\n"
                + "990111;3101;COLLECTION;;2026-12-06T08:00:00+01:00;1250.00;180.00;4.10\n");
        agencySync(tenant);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COLLECTION".equals(claim(tenant, "3101").path("stage").asText()));
        JsonNode collecting = reconcile(tenant);
        assertThat(collecting.path("differences")).as("%s", collecting).isEmpty();
        assertThat(collecting.path("totals").path("SEK").path("closing").decimalValue()).isEqualByComparingTo("1250.00");

        // the agency lowers the capital with nothing paid: found, with both figures
        deliver("ST_4717_20261206090000_001.csv", "caseNo;claimRef;stage;closeReason;changedAt;outstandingCapital;outstandingFees;outstandingInterest\n"
                + "990111;3101;COLLECTION;;2026-12-06T09:00:00+01:00;1000.00;180.00;4.10\n");
        agencySync(tenant);
        JsonNode lowered = reconcile(tenant);
        assertThat(lowered.path("differences")).hasSize(1);
        JsonNode d = lowered.path("differences").get(0);
        assertThat(d.path("kind").asText()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(d.path("indriva").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(d.path("agency").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(lowered.path("totals").path("SEK").path("holds").asBoolean()).isFalse();
    }

    private JsonNode booking(String tenant, String reportNo) {
        for (JsonNode b : api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/settlements", null).getBody()) {
            if (b.path("settlementId").asText().equals(reportNo)) {
                return b;
            }
        }
        return null;
    }

    private static final String KM_HEADER = "reportNo;reportDate;currency;payoutTotal;caseNo;claimRef;capital;interest;fees;commission;vat;payout\n";

    @Test
    void aClientFundsReportIsBookedOnceAndAcknowledgedAndAReportThatDoesNotAddUpIsNot() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        String tenant = registeredAtPromentor(s, "4715", "4001", "990101");
        String today = java.time.LocalDate.now().toString();
        // reminder service: 1000.00 capital + 12.40 interest + 60.00 fees paid out, less 50.00 commission and 12.50 VAT
        String report = KM_HEADER + "5001;" + today + ";SEK;1009.90;990101;4001;1000.00;12.40;60.00;50.00;12.50;1009.90\n";
        deliver("KM_4715_20261205180000_001.csv", report);

        agencySync(tenant);

        JsonNode booked = booking(tenant, "5001");
        assertThat(booked.path("status").asText()).as("%s", booked).isEqualTo("BOOKED");
        assertThat(booked.path("acknowledged").asBoolean()).isTrue();
        assertThat(booked.path("capital").decimalValue()).isEqualByComparingTo("1000.00");
        List<ObjectNode> paid = Upstreams.LEDGER.events(s.prefix, "4001");
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).path("amount").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(paid.get(0).path("description").asText()).contains("Promentor settlement 5001 line 1");
        List<ObjectNode> receipts = Upstreams.LEDGER.receipts(s.prefix);
        assertThat(receipts).hasSize(1);
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (JsonNode row : receipts.get(0).path("transactions")) {
            sum = sum.add(row.path("accountingValue").decimalValue());
        }
        assertThat(sum).as("the journal entry balances").isEqualByComparingTo("0");
        java.util.Map<String, java.math.BigDecimal> byAccount = new java.util.HashMap<>();
        receipts.get(0).path("transactions").forEach(row -> byAccount.put(row.path("account").asText(), row.path("accountingValue").decimalValue()));
        assertThat(byAccount.get("8313")).as("late interest paid out: income").isEqualByComparingTo("-12.40");
        assertThat(byAccount.get("3590")).as("fees paid out: income").isEqualByComparingTo("-60.00");
        assertThat(byAccount.get("6570")).isEqualByComparingTo("50.00");
        assertThat(byAccount.get("2640")).isEqualByComparingTo("12.50");
        assertThat(byAccount.get("1930")).as("72.40 paid out less 62.50 kept back").isEqualByComparingTo("9.90");
        // the ACK went out at once, naming the receipt
        List<Path> acks = files("in", "ACK_4715_");
        assertThat(acks).hasSize(1);
        PromentorCsv.Row ack = PromentorCsv.read(Files.readAllBytes(acks.get(0))).get(0);
        assertThat(ack.fields()).containsEntry("reportNo", "5001").containsEntry("journalRef", booked.path("journalReceiptId").asText());

        // the same report delivered again under another name: read, nothing booked twice, no second ACK
        deliver("KM_4715_20261205180000_002.csv", report);
        agencySync(tenant);
        assertThat(files("out", "KM_4715_")).isEmpty();
        assertThat(Upstreams.LEDGER.events(s.prefix, "4001")).hasSize(1);
        assertThat(Upstreams.LEDGER.receipts(s.prefix)).hasSize(1);
        assertThat(files("in", "ACK_4715_")).hasSize(1);

        // a report whose lines do not add up to its payout: nothing of it is booked, nothing acknowledged
        deliver("KM_4715_20261206180000_001.csv", KM_HEADER + "5002;" + today + ";SEK;999.00;990101;4001;200.00;0.00;0.00;10.00;2.50;187.50\n");
        agencySync(tenant);
        JsonNode wrong = booking(tenant, "5002");
        assertThat(wrong.path("status").asText()).isEqualTo("NEEDS_ATTENTION");
        assertThat(wrong.path("reason").asText()).contains("999.00").contains("187.50");
        assertThat(Upstreams.LEDGER.events(s.prefix, "4001")).hasSize(1);
        assertThat(files("in", "ACK_4715_")).hasSize(1);
    }

    @Test
    void aServerThatIsDownOpensItsCircuitTheClaimsWaitAndNothingIsLost() throws Exception {
        SftpServer down = SftpServer.start();
        down.stop();
        Upstreams.Slice s = Upstreams.slice();
        s.standard(Upstreams.Invoice.overdue("6001"));
        ObjectNode json = promentorTenant(s, "4716", down.fingerprint());
        ((ObjectNode) json.get("agency")).put("port", down.port()).put("password", SftpServer.PASSWORD).remove("privateKey");
        String tenant = createTenant(s, json);

        // handing the claim over needs no server: it waits, with its copy, for the next file
        poll(tenant);
        awaitClaim(tenant, "6001", c -> c.path("history").toString().contains("SUBMITTED"));
        // the syncs cannot reach the server: each says so, and the circuit opens (health shows it)
        assertThat(agencySync(tenant).path("error").asText()).contains("cannot be reached");
        agencySync(tenant);
        String circuit = "promentor sftp://127.0.0.1:" + down.port();
        assertThat(http.getForObject("http://localhost:" + managementPort + "/actuator/health", JsonNode.class).path("components")
                .path("upstreams").path("details").path("circuits").path(circuit).asText()).startsWith("OPEN");
        assertThat(claim(tenant, "6001").path("status").asText()).isEqualTo("PENDING");

        SftpServer back = down.restart();
        try {
            // after the circuit's trial time, the next sync sends what waited
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                agencySync(tenant);
                try (Stream<Path> in = Files.list(back.root().resolve("in"))) {
                    return in.anyMatch(p -> p.getFileName().toString().matches("NC_4716_[0-9]{14}_001\\.csv"));
                }
            });
            assertThat(Files.exists(back.root().resolve("in/ATT_4716_6001.png"))).isTrue();
            assertThat(http.getForObject("http://localhost:" + managementPort + "/actuator/health", JsonNode.class).path("components")
                    .path("upstreams").path("details").path("circuits").path(circuit).asText()).isEqualTo("closed");
        } finally {
            back.stop();
        }
    }

    @Test
    void aServerShowingAnotherHostKeyIsRefusedAndReportedAndNothingIsSent() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        s.standard(Upstreams.Invoice.overdue("2001"));
        String tenant = createTenant(s, promentorTenant(s, "4712", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        poll(tenant);
        awaitClaim(tenant, "2001", c -> c.path("history").toString().contains("SUBMITTED"));

        JsonNode run = agencySync(tenant);

        assertThat(run.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(run.path("error").asText()).contains("not the pinned SHA256:AAAA");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody().path("needsAttention").asText())
                .contains("showed host key " + sftp.fingerprint()).contains("nothing was sent");
        assertThat(files("in", "ATT_4712_")).isEmpty();
        assertThat(files("in", "NC_4712_")).isEmpty();
        assertThat(claim(tenant, "2001").path("status").asText()).as("the claim waits; nothing was its fault").isEqualTo("PENDING");
    }

    @Test
    void settingsThePromentorAccountNeedsAreCheckedWhenTheTenantIsSaved() {
        Upstreams.Slice s = Upstreams.slice();
        ObjectNode bad = promentorTenant(s, "4713", "MD5:aa:bb");
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/tenants/tenant-" + s.n, bad);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().path("field").asText()).isEqualTo("agency.hostKeyFingerprint");

        ObjectNode noSecret = promentorTenant(s, "4713", sftp.fingerprint());
        ((ObjectNode) noSecret.get("agency")).remove("privateKey");
        r = api(HttpMethod.PUT, "/api/v1/tenants/tenant-" + s.n, noSecret);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().path("field").asText()).isEqualTo("agency.privateKey");

        ObjectNode kraviaWord = promentorTenant(s, "4713", sftp.fingerprint());
        ((ObjectNode) kraviaWord.get("agency")).put("creditorId", 1);
        r = api(HttpMethod.PUT, "/api/v1/tenants/tenant-" + s.n, kraviaWord);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().path("field").asText()).isEqualTo("agency.creditorId");

        ObjectNode ok = promentorTenant(s, "4713", sftp.fingerprint());
        r = api(HttpMethod.PUT, "/api/v1/tenants/tenant-" + s.n, ok);
        assertThat(r.getStatusCode().value()).isEqualTo(201);
        assertThat(r.getBody().path("agency").toString()).doesNotContain("BEGIN").contains("\"port\":" + sftp.port());
        assertThat(r.getBody().path("policy").path("service").asText()).isEqualTo("REMINDER");

        // Promentor offers the invoice service too (Kravia does not)
        ((ObjectNode) ok.get("policy")).put("service", "INVOICE");
        r = api(HttpMethod.PUT, "/api/v1/tenants/tenant-" + s.n, ok);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(200);
        assertThat(r.getBody().path("policy").path("service").asText()).isEqualTo("INVOICE");
    }
}
