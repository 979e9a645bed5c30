package eu.indriva.agency.kravia;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.indriva.support.AdapterHttp;
import eu.indriva.agency.AgencyAction;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Direct payments, credit notes and claim actions at Kravia, against real HTTP. */
class KraviaPaymentsAndActionsTest {

    private static final String PAYMENT = "/api/v2/invoice/payment";
    private static final String CREDIT_NOTE = "/api/v2/invoice/creditnote";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads the sent body as written: 1234.50 stays 1234.50, and a number stays distinguishable from a string. */
    private static final ObjectReader EXACT = JSON.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    private static final LocalDate PAID = LocalDate.of(2025, 6, 16);

    private static WireMockServer wm;
    private KraviaAdapter kravia;

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
        kravia = adapter(Duration.ofSeconds(5));
    }

    private static KraviaAdapter adapter(Duration readTimeout) {
        UpstreamHttp http = AdapterHttp.upstream("kravia", readTimeout);
        return new KraviaAdapter(wm.baseUrl(), "kravia-token-123", 10759, http, JSON);
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = wm.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static JsonNode sentBody() throws Exception {
        return EXACT.readTree(onlyRequest().getBodyAsString());
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A JSON number (not a string) with exactly this value and scale. */
    private static void assertMoney(JsonNode n, String expected) {
        assertThat(n.isNumber()).as("%s is a JSON number", n).isTrue();
        assertThat(n.decimalValue()).isEqualTo(new BigDecimal(expected));
    }

    private static String errors(String field, String message) {
        return "{\"errors\": [{\"field\": \"" + field + "\", \"message\": \"" + message + "\"}]}";
    }

    // ---- direct payment ----

    @Test
    void aDirectPaymentSendsTheDocumentedBodyAndIsRegistered() throws Exception {
        wm.stubFor(post(PAYMENT).willReturn(okJson("{}")));

        boolean registered = kravia.directPayment("98765", "procountor-pe-71", PAID, new BigDecimal("1234.50"), "Paid to the creditor");

        assertThat(registered).isTrue();
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo(PAYMENT);
        assertThat(sent.getHeader("Authorization")).isEqualTo("kravia-token-123");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = sentBody();
        assertThat(keys(body)).containsExactlyInAnyOrder("date", "description", "AccountingPaymentId", "amount", "invoices");
        assertThat(body.path("date").asText()).isEqualTo("2025-06-16");
        assertThat(body.path("description").asText()).isEqualTo("Paid to the creditor");
        assertThat(body.path("AccountingPaymentId").asText()).isEqualTo("procountor-pe-71");
        assertMoney(body.path("amount"), "1234.50");
        assertThat(body.path("invoices")).hasSize(1);
        JsonNode line = body.path("invoices").get(0);
        assertThat(keys(line)).containsExactlyInAnyOrder("invoiceId", "amount");
        assertThat(line.path("invoiceId").isIntegralNumber()).as("the claim id is a number").isTrue();
        assertThat(line.path("invoiceId").longValue()).isEqualTo(98765L);
        assertMoney(line.path("amount"), "1234.50");
    }

    @Test
    void aDirectPaymentAlwaysCarriesTwoDecimalsAndLeavesAnAbsentDescriptionOut() throws Exception {
        wm.stubFor(post(PAYMENT).willReturn(okJson("{}")));

        kravia.directPayment("98765", "pe-1", PAID, new BigDecimal("1000"), null);

        String raw = onlyRequest().getBodyAsString();
        assertThat(raw).contains("\"amount\":1000.00").doesNotContain("1E+3").doesNotContain("\"1000");
        JsonNode body = EXACT.readTree(raw);
        assertThat(body.has("description")).isFalse();
        assertMoney(body.path("invoices").get(0).path("amount"), "1000.00");
    }

    @Test
    void aDirectPaymentKraviaAlreadyHasIsNotAnError() {
        wm.stubFor(post(PAYMENT).willReturn(aResponse().withStatus(409).withBody("{\"message\": \"AccountingPaymentId already registered\"}")));

        assertThat(kravia.directPayment("98765", "pe-1", PAID, new BigDecimal("10.00"), "x")).isFalse();
    }

    @Test
    void aRejectedDirectPaymentIsPermanentWithKraviasMessage() {
        wm.stubFor(post(PAYMENT).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(errors("invoices[0].invoiceId", "Invoice is closed"))));

        assertThatThrownBy(() -> kravia.directPayment("98765", "pe-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("invoices[0].invoiceId: Invoice is closed")
                .hasMessageContaining("pe-1");
    }

    @Test
    void aDirectPaymentFailingOnKraviasSideIsTransient() {
        wm.stubFor(post(PAYMENT).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> kravia.directPayment("98765", "pe-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("503");
    }

    @Test
    void aDirectPaymentThatTimesOutIsTransient() {
        wm.stubFor(post(PAYMENT).willReturn(okJson("{}").withFixedDelay(1_500)));

        assertThatThrownBy(() -> adapter(Duration.ofMillis(300)).directPayment("98765", "pe-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("timed out");
    }

    @Test
    void rateLimitingAndARefusedTokenAreTransientForPayments() {
        wm.stubFor(post(PAYMENT).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        wm.stubFor(post(CREDIT_NOTE).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> kravia.directPayment("98765", "pe-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("retry after 7 s");
        assertThatThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("agency token");
    }

    @Test
    void aDirectPaymentThatCannotBeSentExactlyIsRefusedWithoutACall() {
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.directPayment("98765", "pe-1", PAID, new BigDecimal("10.005"), "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.directPayment("98765", "pe-1", PAID, BigDecimal.ZERO, "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.directPayment("98765", "pe-1", PAID, null, "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.directPayment("98765", " ", PAID, BigDecimal.TEN, "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.directPayment("98765", "pe-1", null, BigDecimal.TEN, "x"));
        assertThatThrownBy(() -> kravia.directPayment("C-98765", "pe-1", PAID, BigDecimal.TEN, "x"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    // ---- credit note ----

    @Test
    void aCreditNoteSendsCapitalisedKeysAndNegativeAmounts() throws Exception {
        wm.stubFor(post(CREDIT_NOTE).willReturn(okJson("{}")));

        boolean registered = kravia.creditNote("98765", "recall-98765", PAID, new BigDecimal("1234.50"), "Recalled by the creditor");

        assertThat(registered).isTrue();
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo(CREDIT_NOTE);
        assertThat(sent.getHeader("Authorization")).isEqualTo("kravia-token-123");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = sentBody();
        assertThat(keys(body)).containsExactlyInAnyOrder("Date", "Amount", "AccountingPaymentId", "Description", "Invoices");
        assertThat(body.path("Date").asText()).isEqualTo("2025-06-16T00:00:00");
        assertMoney(body.path("Amount"), "-1234.50");
        assertThat(body.path("AccountingPaymentId").asText()).isEqualTo("recall-98765");
        assertThat(body.path("Description").asText()).isEqualTo("Recalled by the creditor");
        assertThat(body.path("Invoices")).hasSize(1);
        JsonNode line = body.path("Invoices").get(0);
        assertThat(keys(line)).containsExactlyInAnyOrder("InvoiceId", "Amount");
        assertThat(line.path("InvoiceId").isIntegralNumber()).as("the claim id is a number").isTrue();
        assertThat(line.path("InvoiceId").longValue()).isEqualTo(98765L);
        assertMoney(line.path("Amount"), "-1234.50");
    }

    @Test
    void aCreditNoteOfACentIsMinusOneCentWithTwoDecimals() throws Exception {
        wm.stubFor(post(CREDIT_NOTE).willReturn(okJson("{}")));

        kravia.creditNote("7", "cn-1", PAID, new BigDecimal("0.1"), null);

        String raw = onlyRequest().getBodyAsString();
        assertThat(raw).contains("\"Amount\":-0.10");
        JsonNode body = EXACT.readTree(raw);
        assertThat(body.has("Description")).isFalse();
        assertMoney(body.path("Invoices").get(0).path("Amount"), "-0.10");
        assertThat(body.path("Invoices").get(0).path("InvoiceId").longValue()).isEqualTo(7L);
    }

    @Test
    void aCreditNoteKraviaAlreadyHasIsNotAnError() {
        wm.stubFor(post(CREDIT_NOTE).willReturn(aResponse().withStatus(409)));

        assertThat(kravia.creditNote("98765", "recall-98765", PAID, new BigDecimal("10.00"), "x")).isFalse();
    }

    @Test
    void aRejectedCreditNoteIsPermanentWithKraviasMessage() {
        wm.stubFor(post(CREDIT_NOTE).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(errors("Amount", "Amount must be negative"))));

        assertThatThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Amount: Amount must be negative");
    }

    @Test
    void aCreditNoteFailingOnKraviasSideOrTimingOutIsTransient() {
        wm.stubFor(post(CREDIT_NOTE).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("500");

        wm.resetAll();
        wm.stubFor(post(CREDIT_NOTE).willReturn(okJson("{}").withFixedDelay(1_500)));
        assertThatThrownBy(() -> adapter(Duration.ofMillis(300)).creditNote("98765", "cn-1", PAID, new BigDecimal("10.00"), "x"))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("timed out");
    }

    @Test
    void aCreditNoteForNothingOrANegativeAmountIsRefusedWithoutACall() {
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, BigDecimal.ZERO, "x"))
                .withMessageContaining("positive");
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, new BigDecimal("0.00"), "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, new BigDecimal("-10.00"), "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, new BigDecimal("1.001"), "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.creditNote("98765", "cn-1", PAID, null, "x"));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    // ---- actions ----

    @Test
    void eachActionIsAPostToTheClaimsActionPath() {
        for (String action : List.of("Pause", "Resume", "Withdraw")) {
            wm.stubFor(post("/api/v2/invoice/98765/actions/" + action).willReturn(aResponse().withStatus(200)));
        }

        kravia.action("98765", AgencyAction.PAUSE);
        kravia.action("98765", AgencyAction.RESUME);
        kravia.action("98765", AgencyAction.WITHDRAW);

        List<LoggedRequest> sent = wm.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).extracting(LoggedRequest::getUrl).containsExactly("/api/v2/invoice/98765/actions/Pause",
                "/api/v2/invoice/98765/actions/Resume", "/api/v2/invoice/98765/actions/Withdraw");
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("POST");
            assertThat(r.getHeader("Authorization")).isEqualTo("kravia-token-123");
        });
    }

    @Test
    void anyTwoHundredIsDone() {
        wm.stubFor(post(urlEqualTo("/api/v2/invoice/98765/actions/Pause")).willReturn(aResponse().withStatus(204)));

        kravia.action("98765", AgencyAction.PAUSE);

        wm.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedActionIsPermanent409WithKraviasReason() {
        wm.stubFor(post("/api/v2/invoice/98765/actions/Pause").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(errors("action", "Claim is in Legal"))));

        assertThatThrownBy(() -> kravia.action("98765", AgencyAction.PAUSE))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("Kravia refused Pause for claim 98765: action: Claim is in Legal");
    }

    @Test
    void aRefusedActionWithAPlainBodyGivesThatBody() {
        wm.stubFor(post("/api/v2/invoice/98765/actions/Resume").willReturn(aResponse().withStatus(409).withBody("Claim is not paused")));

        assertThatThrownBy(() -> kravia.action("98765", AgencyAction.RESUME))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("Kravia refused Resume for claim 98765: Claim is not paused");
    }

    @Test
    void aRefusedActionWithoutABodySaysWhyAConflictHappens() {
        wm.stubFor(post("/api/v2/invoice/98765/actions/Withdraw").willReturn(aResponse().withStatus(409)));

        assertThatThrownBy(() -> kravia.action("98765", AgencyAction.WITHDRAW))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("Kravia refused Withdraw for claim 98765: the action is not available in the claim's current state");
    }

    @Test
    void anActionOnAnUnknownClaimIsPermanent404() {
        wm.stubFor(post("/api/v2/invoice/98765/actions/Withdraw").willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> kravia.action("98765", AgencyAction.WITHDRAW))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("98765");
    }

    @Test
    void anActionFailingOnKraviasSideOrTimingOutIsTransient() {
        wm.stubFor(post("/api/v2/invoice/98765/actions/Pause").willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> kravia.action("98765", AgencyAction.PAUSE)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("502");

        wm.resetAll();
        wm.stubFor(post("/api/v2/invoice/98765/actions/Pause").willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        assertThatThrownBy(() -> adapter(Duration.ofMillis(300)).action("98765", AgencyAction.PAUSE)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("timed out");

        wm.resetAll();
        wm.stubFor(post("/api/v2/invoice/98765/actions/Pause").willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> kravia.action("98765", AgencyAction.PAUSE)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("agency token");
    }

    @Test
    void anUnknownActionIsRefusedWithoutACall() {
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.action("98765", null)).withMessageContaining("no action");
        assertThatThrownBy(() -> kravia.action("98765/../1", AgencyAction.PAUSE)).isInstanceOf(UpstreamException.Permanent.class);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }
}
