package eu.indriva.accounting.procountor;

import eu.indriva.accounting.MarkPaidReason;
import eu.indriva.accounting.PaymentKind;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.indriva.accounting.AccountingInvoice.Payment;
import eu.indriva.accounting.AccountingSystem.JournalReceipt;
import eu.indriva.accounting.JournalEntry;
import eu.indriva.support.AdapterHttp;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The booking side of the Procountor adapter (payment events, markpaid, journal receipts) against real HTTP. */
class ProcountorBookingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate SETTLED = LocalDate.of(2025, 6, 16);

    private static WireMockServer wm;

    private final AtomicLong nanos = new AtomicLong();
    private ProcountorAdapter adapter;

    @BeforeAll
    static void startServer() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stopServer() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        Clock clock = Clock.fixed(Instant.parse("2025-06-16T08:00:00Z"), ZoneOffset.UTC);
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(20, Duration.ofSeconds(1), nanos::get, nanos::addAndGet);
        UpstreamHttp http = AdapterHttp.upstream("procountor", Duration.ofSeconds(5), clock);
        adapter = ProcountorAdapter.create(wm.baseUrl() + "/api", "client-1", "secret", "api-key-1", null, http, limiter, JSON, clock);
        wm.stubFor(post("/api/oauth/token").willReturn(okJson("{\"access_token\": \"tok\", \"expires_in\": 3600}")));
    }

    private static String error(String field, String message) {
        return "{\"errors\": [{\"status\": 400, \"field\": \"" + field + "\", \"message\": \"" + message + "\"}]}";
    }

    private static LoggedRequest onlyRequest(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> sent = wm.findAll(pattern);
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    // ---- payment events ----

    @Test
    void paymentsReadsTheEventsInProcountorsOrderWithExactAmounts() {
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("""
                {"results": [
                  {"id": 71, "invoiceId": 1001, "type": "REFERENCEPAYMENT", "paymentDate": "2025-05-28", "amount": 0.10, "currency": "SEK"},
                  {"id": 72, "type": "BANKTRANSFERELSEWHERE", "paymentDate": "2025-06-02", "amount": 0.20,
                   "description": "Kravia settlement 9001 line 1", "somethingNew": {"x": 1}},
                  {"id": 73, "type": "CORRECTION", "paymentDate": "2025-06-03", "amount": -12345678901234567.8}
                 ], "meta": {"pageNumber": 0, "pageSize": 200, "resultCount": 3}}""")));

        List<Payment> payments = adapter.payments("1001");

        assertThat(payments).containsExactly(
                new Payment("71", "REFERENCEPAYMENT", PaymentKind.DEBTOR_PAYMENT, LocalDate.of(2025, 5, 28), new BigDecimal("0.10"), null),
                new Payment("72", "BANKTRANSFERELSEWHERE", PaymentKind.DEBTOR_PAYMENT, LocalDate.of(2025, 6, 2), new BigDecimal("0.20"), "Kravia settlement 9001 line 1"),
                new Payment("73", "CORRECTION", PaymentKind.OTHER, LocalDate.of(2025, 6, 3), new BigDecimal("-12345678901234567.80"), null));
        assertThat(payments.get(0).amount().add(payments.get(1).amount())).isEqualTo(new BigDecimal("0.30"));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/invoices/1001/paymentevents"))
                .withQueryParam("size", equalTo("200")).withHeader("Authorization", equalTo("Bearer tok")));
    }

    @Test
    void paymentsOfAnInvoiceWithoutEventsIsEmpty() {
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("{\"results\": []}")));

        assertThat(adapter.payments("1001")).isEmpty();
    }

    @Test
    void paymentsOfAnUnknownInvoiceIsPermanentNotEmpty() {
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(aResponse().withStatus(404)
                .withBody(error("invoiceId", "Invoice not found"))));

        assertThatThrownBy(() -> adapter.payments("1001"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("1001");
    }

    @Test
    void paymentsWithAnUnreadableDateArePermanent() {
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("""
                {"results": [{"id": 71, "type": "CASH", "paymentDate": "2025-13-40", "amount": 1.00}]}""")));

        assertThatThrownBy(() -> adapter.payments("1001")).isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("1001");
    }

    @Test
    void aNonNumericInvoiceIdIsRefusedWithoutACall() {
        assertThatThrownBy(() -> adapter.payments("1001/../1002")).isInstanceOfSatisfying(UpstreamException.Permanent.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> adapter.markPaid("x", SETTLED, new BigDecimal("1.00"), "SEK", "d", MarkPaidReason.AGENCY_PAYOUT))
                .isInstanceOf(UpstreamException.Permanent.class);
        wm.verify(0, getRequestedFor(anyUrl()));
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    // ---- markpaid ----

    @Test
    void markPaidSendsTheMarkingAndReturnsTheNewEventId() throws Exception {
        wm.stubFor(put(urlPathEqualTo("/api/invoices/1001/paymentevents/markpaid")).willReturn(okJson("""
                {"id": 8123, "invoiceId": 1001, "type": "BANKTRANSFERELSEWHERE", "paymentDate": "2025-06-16", "amount": 1250.00,
                 "currency": "SEK", "description": "Kravia settlement 9001 line 1 [indriva:s9001:1]"}""")));

        String id = adapter.markPaid("1001", SETTLED, new BigDecimal("1250"), "SEK", "Kravia settlement 9001 line 1 [indriva:s9001:1]", MarkPaidReason.AGENCY_PAYOUT);

        assertThat(id).isEqualTo("8123");
        LoggedRequest sent = onlyRequest(putRequestedFor(urlEqualTo("/api/invoices/1001/paymentevents/markpaid"))
                .withHeader("Authorization", equalTo("Bearer tok"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"paymentDate": "2025-06-16", "amount": 1250.00, "currency": "SEK",
                         "description": "Kravia settlement 9001 line 1 [indriva:s9001:1]", "paymentMethodType": "EXTERNAL_BANK_TRANSFER"}""")));
        // a JSON number with two decimals, not a string and not 1250 or 1.25E+3
        assertThat(sent.getBodyAsString()).contains("\"amount\":1250.00");
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.get("amount").isNumber()).isTrue();
        assertThat(body.size()).isEqualTo(5);
    }

    @Test
    void markPaidAmountsStayExact() {
        wm.stubFor(put(urlPathEqualTo("/api/invoices/1001/paymentevents/markpaid")).willReturn(okJson("{\"id\": 1}")));

        adapter.markPaid("1001", SETTLED, new BigDecimal("0.10").add(new BigDecimal("0.20")), "EUR", "write-off [m]", MarkPaidReason.CREDIT_LOSS);

        LoggedRequest sent = onlyRequest(putRequestedFor(urlEqualTo("/api/invoices/1001/paymentevents/markpaid")));
        assertThat(sent.getBodyAsString()).contains("\"amount\":0.30").contains("\"paymentMethodType\":\"CREDIT_LOSS\"")
                .contains("\"currency\":\"EUR\"");
    }

    @Test
    void markPaidRefusesMoreThanTwoDecimalsInsteadOfRounding() {
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.markPaid("1001", SETTLED, new BigDecimal("10.005"), "SEK", "d", MarkPaidReason.AGENCY_PAYOUT)).withMessageContaining("10.005");
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void markPaidTakesA140CharacterDescriptionAndRefusesALongerOne() {
        wm.stubFor(put(urlPathEqualTo("/api/invoices/1001/paymentevents/markpaid")).willReturn(okJson("{\"id\": 5}")));

        assertThat(adapter.markPaid("1001", SETTLED, BigDecimal.ONE, "SEK", "d".repeat(140), MarkPaidReason.AGENCY_PAYOUT)).isEqualTo("5");
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.markPaid("1001", SETTLED, BigDecimal.ONE, "SEK", "d".repeat(141), MarkPaidReason.AGENCY_PAYOUT)).withMessageContaining("140");

        wm.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void markPaidAboveTheBalanceIsPermanentWithProcountorsMessage() {
        wm.stubFor(put(urlPathEqualTo("/api/invoices/1001/paymentevents/markpaid")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(error("amount", "Amount exceeds the open balance of the invoice"))));

        assertThatThrownBy(() -> adapter.markPaid("1001", SETTLED, new BigDecimal("99999.00"), "SEK", "d", MarkPaidReason.AGENCY_PAYOUT))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Amount exceeds the open balance").hasMessageContaining("amount");
        wm.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void markPaidForbiddenIsPermanentWithProcountorsMessage() {
        wm.stubFor(put(urlPathEqualTo("/api/invoices/1001/paymentevents/markpaid")).willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\": [{\"status\": 403, \"message\": \"User has no right to mark invoices paid\"}]}")));

        assertThatThrownBy(() -> adapter.markPaid("1001", SETTLED, BigDecimal.TEN, "SEK", "d", MarkPaidReason.AGENCY_PAYOUT))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("no right to mark invoices paid");
    }

    @Test
    void markPaidAnsweredWithoutAnIdIsAnUnknownOutcome() {
        wm.stubFor(put(urlPathEqualTo("/api/invoices/1001/paymentevents/markpaid")).willReturn(okJson("{}")));

        assertThatThrownBy(() -> adapter.markPaid("1001", SETTLED, BigDecimal.TEN, "SEK", "d", MarkPaidReason.AGENCY_PAYOUT))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("unknown");
    }

    @Test
    void markPaidRefusedWith429IsSentAgainBecauseNothingWasDone() {
        String path = "/api/invoices/1001/paymentevents/markpaid";
        wm.stubFor(put(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(aResponse().withStatus(429)));
        wm.stubFor(put(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs("calm").willReturn(okJson("{\"id\": 77}")));

        assertThat(adapter.markPaid("1001", SETTLED, BigDecimal.TEN, "SEK", "d", MarkPaidReason.AGENCY_PAYOUT)).isEqualTo("77");
        wm.verify(2, putRequestedFor(urlEqualTo(path)));
    }

    @Test
    void markPaidFailingOnProcountorsSideIsTransient() {
        wm.stubFor(put(urlPathEqualTo("/api/invoices/1001/paymentevents/markpaid")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> adapter.markPaid("1001", SETTLED, BigDecimal.TEN, "SEK", "d", MarkPaidReason.AGENCY_PAYOUT))
                .isInstanceOf(UpstreamException.Transient.class);
        wm.verify(1, putRequestedFor(anyUrl()));
    }

    // ---- journal receipts: find ----

    private static String receipt(long id, String name, String status) {
        return "{\"id\": " + id + ", \"type\": \"JOURNAL\", \"status\": \"" + status + "\", \"name\": \"" + name
                + "\", \"receiptDate\": \"2025-06-16\", \"version\": \"2025-06-16T08:00:00Z\"}";
    }

    private static String receiptPage(int page, List<String> receipts) {
        return "{\"results\": [" + String.join(",", receipts) + "], \"meta\": {\"pageNumber\": " + page
                + ", \"pageSize\": 200, \"resultCount\": " + receipts.size() + "}}";
    }

    @Test
    void findJournalReceiptPagesUntilItFindsTheExactName() {
        List<String> full = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            full.add(receipt(1000 + i, "Kravia settlement 9001" + i, "APPROVED"));
        }
        wm.stubFor(get(urlPathEqualTo("/api/ledgerreceipts")).withQueryParam("page", equalTo("0")).willReturn(okJson(receiptPage(0, full))));
        wm.stubFor(get(urlPathEqualTo("/api/ledgerreceipts")).withQueryParam("page", equalTo("1")).willReturn(okJson(receiptPage(1, List.of(
                receipt(2000, "kravia settlement 9001", "APPROVED"),
                receipt(2001, "Kravia settlement 9001", "APPROVED"),
                receipt(2002, "Kravia settlement 9002", "UNFINISHED"))))));

        assertThat(adapter.findJournalReceipt("Kravia settlement 9001", SETTLED))
                .contains(new JournalReceipt("2001", "Kravia settlement 9001", true));

        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/ledgerreceipts"))
                .withQueryParam("types", equalTo("JOURNAL"))
                .withQueryParam("startDate", equalTo("2025-06-09"))
                .withQueryParam("endDate", equalTo("2025-06-23"))
                .withQueryParam("size", equalTo("200"))
                .withHeader("Authorization", equalTo("Bearer tok")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/ledgerreceipts")).withQueryParam("page", equalTo("1")));
    }

    @Test
    void findJournalReceiptStopsAtAShortPageWhenTheNameIsNotThere() {
        wm.stubFor(get(urlPathEqualTo("/api/ledgerreceipts")).withQueryParam("page", equalTo("0")).willReturn(okJson(receiptPage(0, List.of(
                receipt(1, "Kravia settlement 900", "APPROVED"), receipt(2, "Kravia settlement 9001 ", "APPROVED"))))));
        wm.stubFor(get(urlPathEqualTo("/api/ledgerreceipts")).withQueryParam("page", equalTo("1")).willReturn(okJson(receiptPage(1, List.of(
                receipt(3, "Kravia settlement 9001", "APPROVED"))))));

        assertThat(adapter.findJournalReceipt("Kravia settlement 9001", SETTLED)).isEmpty();

        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/ledgerreceipts")));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/ledgerreceipts")).withQueryParam("page", equalTo("1")));
    }

    @Test
    void anUnfinishedReceiptIsFoundAsNotApproved() {
        wm.stubFor(get(urlPathEqualTo("/api/ledgerreceipts")).willReturn(okJson(receiptPage(0, List.of(
                receipt(31, "Kravia settlement 9001", "UNFINISHED"))))));

        assertThat(adapter.findJournalReceipt("Kravia settlement 9001", SETTLED))
                .contains(new JournalReceipt("31", "Kravia settlement 9001", false));
    }

    @Test
    void findJournalReceiptOnAnEmptyListIsEmpty() {
        wm.stubFor(get(urlPathEqualTo("/api/ledgerreceipts")).willReturn(okJson("{\"results\": []}")));

        assertThat(adapter.findJournalReceipt("Kravia settlement 9001", SETTLED)).isEmpty();
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/ledgerreceipts")));
    }

    @Test
    void findJournalReceiptRefusedIsPermanent() {
        wm.stubFor(get(urlPathEqualTo("/api/ledgerreceipts")).willReturn(aResponse().withStatus(400).withBody(error("startDate", "bad range"))));

        assertThatThrownBy(() -> adapter.findJournalReceipt("Kravia settlement 9001", SETTLED))
                .isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("bad range");
    }

    // ---- journal receipts: create and approve ----

    private static JournalEntry settlementEntry() {
        return new JournalEntry("Kravia settlement 9001", SETTLED, "Kravia settlement 9001: commission and VAT kept back", List.of(
                new JournalEntry.Row("6063", new BigDecimal("100.40"), "Kravia commission"),
                new JournalEntry.Row("2640", new BigDecimal("25.10"), "VAT on Kravia's costs"),
                new JournalEntry.Row("1689", new BigDecimal("-125.5"), "Kravia clearing")));
    }

    @Test
    void createJournalReceiptSendsAPurchaseReceiptWithoutDerivedVatAndReturnsItsId() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/ledgerreceipts")).willReturn(okJson("""
                {"id": 4711, "type": "JOURNAL", "status": "UNFINISHED", "name": "Kravia settlement 9001", "transactions": []}""")));

        assertThat(adapter.createJournalReceipt(settlementEntry())).isEqualTo("4711");

        LoggedRequest sent = onlyRequest(postRequestedFor(urlEqualTo("/api/ledgerreceipts"))
                .withHeader("Authorization", equalTo("Bearer tok"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"type": "JOURNAL", "name": "Kravia settlement 9001", "receiptDate": "2025-06-16",
                         "vatType": "PURCHASE", "vatStatus": 1,
                         "transactionDescription": "Kravia settlement 9001: commission and VAT kept back",
                         "transactions": [
                           {"transactionType": "ENTRY", "account": "6063", "accountingValue": 100.40, "vatPercent": 0, "description": "Kravia commission"},
                           {"transactionType": "ENTRY", "account": "2640", "accountingValue": 25.10, "vatPercent": 0, "description": "VAT on Kravia's costs"},
                           {"transactionType": "ENTRY", "account": "1689", "accountingValue": -125.50, "vatPercent": 0, "description": "Kravia clearing"}
                         ]}""")));
        String raw = sent.getBodyAsString();
        assertThat(raw).contains("\"accountingValue\":100.40").contains("\"accountingValue\":25.10").contains("\"accountingValue\":-125.50");
        JsonNode body = JSON.readTree(raw);
        assertThat(body.get("vatStatus").isInt()).isTrue();
        for (JsonNode row : body.get("transactions")) {
            assertThat(row.get("vatPercent").asInt()).isZero();
            assertThat(row.get("transactionType").asText()).isEqualTo("ENTRY");
            assertThat(row.get("account").isTextual()).isTrue();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(raw).get("transactions")) {
            sum = sum.add(row.get("accountingValue").decimalValue());
        }
        assertThat(sum).isEqualByComparingTo("0");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/ledgerreceipts")).withQueryParam("createReconciliation", equalTo("true")));
    }

    @Test
    void aRefusedReceiptIsPermanentWithProcountorsMessage() {
        wm.stubFor(post(urlPathEqualTo("/api/ledgerreceipts")).willReturn(aResponse().withStatus(400)
                .withBody(error("receiptDate", "Accounting period is closed"))));

        assertThatThrownBy(() -> adapter.createJournalReceipt(settlementEntry()))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Accounting period is closed");
    }

    @Test
    void aReceiptAnsweredWithoutAnIdIsAnUnknownOutcome() {
        wm.stubFor(post(urlPathEqualTo("/api/ledgerreceipts")).willReturn(okJson("{\"status\": \"UNFINISHED\"}")));

        assertThatThrownBy(() -> adapter.createJournalReceipt(settlementEntry())).isInstanceOf(UpstreamException.Transient.class);
    }

    @Test
    void aReceiptNameThatProcountorWouldCutIsRefusedBeforeSending() {
        JournalEntry longName = new JournalEntry("n".repeat(81), SETTLED, null,
                List.of(new JournalEntry.Row("1", new BigDecimal("1.00"), null), new JournalEntry.Row("2", new BigDecimal("-1.00"), null)));

        assertThatIllegalArgumentException().isThrownBy(() -> adapter.createJournalReceipt(longName)).withMessageContaining("80");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/ledgerreceipts")));
    }

    @Test
    void approveJournalReceiptPutsToTheApprovePath() {
        wm.stubFor(put("/api/ledgerreceipts/4711/approve").willReturn(aResponse().withStatus(200)));

        adapter.approveJournalReceipt("4711");

        wm.verify(1, putRequestedFor(urlEqualTo("/api/ledgerreceipts/4711/approve")).withHeader("Authorization", equalTo("Bearer tok")));
    }

    @Test
    void approvingAnApprovedReceiptIsPermanentWithProcountorsMessage() {
        wm.stubFor(put("/api/ledgerreceipts/4711/approve").willReturn(aResponse().withStatus(400)
                .withBody(error("status", "Receipt is already approved"))));

        assertThatThrownBy(() -> adapter.approveJournalReceipt("4711"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("already approved");
    }

    @Test
    void approveWithANonNumericIdIsRefusedWithoutACall() {
        assertThatThrownBy(() -> adapter.approveJournalReceipt("47/11")).isInstanceOf(UpstreamException.Permanent.class)
                .hasMessageContaining("receipt");
        wm.verify(0, putRequestedFor(anyUrl()));
    }
}
