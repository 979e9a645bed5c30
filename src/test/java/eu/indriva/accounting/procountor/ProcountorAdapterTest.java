package eu.indriva.accounting.procountor;

import eu.indriva.support.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem.InvoicePage;
import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.support.AdapterHttp;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcountorAdapterTest {

    private static final String TOKEN_PATH = "/api/oauth/token";
    private static final long SECOND = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer wm;


    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T08:00:00Z"));
    private final AtomicLong nanos = new AtomicLong(-42L * SECOND);
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
    private SlidingWindowRateLimiter limiter;
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
        limiter = limiter(20);
        adapter = adapter(limiter, Duration.ofSeconds(5), null);
    }

    /** A limiter on a fake nano clock: waiting costs no real time, and the test sees every wait. */
    private SlidingWindowRateLimiter limiter(int permits) {
        return new SlidingWindowRateLimiter(permits, Duration.ofSeconds(1), nanos::get, n -> {
            sleeps.add(n);
            nanos.addAndGet(n);
        });
    }

    private ProcountorAdapter adapter(SlidingWindowRateLimiter limiter, Duration readTimeout, String redirectUri) {
        UpstreamHttp http = AdapterHttp.upstream("procountor", readTimeout, clock);
        return ProcountorAdapter.create(wm.baseUrl() + "/api", "client-1", "s3cr&t=+ ä", "api-key-1", redirectUri,
                http, limiter, JSON, clock);
    }

    private static void stubToken(String token) {
        wm.stubFor(post(TOKEN_PATH).willReturn(okJson(
                "{\"access_token\": \"" + token + "\", \"token_type\": \"bearer\", \"expires_in\": 3600}")));
    }

    /** Hands out tok-1, tok-2, tok-3 in turn. */
    private static void stubTokenSequence() {
        String[] states = {STARTED, "second", "third"};
        for (int i = 0; i < 3; i++) {
            wm.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(states[i])
                    .willSetStateTo(i < 2 ? states[i + 1] : "done")
                    .willReturn(okJson("{\"access_token\": \"tok-" + (i + 1) + "\", \"expires_in\": 3600}")));
        }
    }

    private static final String INVOICE_1001 = """
            {"id": 1001, "status": "SENT", "invoiceNumber": 2501, "date": "2025-04-01",
             "counterParty": {"identifier": "556036-0793", "customerNumber": "C-101",
               "counterPartyAddress": {"name": "Nordvik Bygg AB", "street": "Industrigatan 12", "zip": "721 30", "city": "Västerås", "country": "SWEDEN"}},
             "paymentInfo": {"currency": "SEK", "dueDate": "2025-05-01", "bankReferenceCode": "25010"},
             "notes": "%s",
             "invoiceSumInfo": [{"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": 1250.00}]}
            """;

    private static String invoiceJson(String notes) {
        return INVOICE_1001.formatted(notes.replace("\n", "\\n"));
    }

    private static String hit(int id) {
        return """
                {"id": %d, "status": "SENT", "invoiceNumber": %d, "dueDate": "2025-05-01",
                 "invoiceSumInfo": [{"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": 100.00}],
                 "counterParty": {"customerNumber": "C-%d"}}""".formatted(id, id + 1000, id);
    }

    private static String page(int pageNumber, int pageSize, Integer totalCount, int... ids) {
        List<String> hits = new ArrayList<>();
        for (int id : ids) {
            hits.add(hit(id));
        }
        return "{\"results\": [" + String.join(",", hits) + "], \"meta\": {\"pageNumber\": " + pageNumber
                + ", \"pageSize\": " + pageSize + ", \"resultCount\": " + ids.length
                + (totalCount == null ? "" : ", \"totalCount\": " + totalCount) + "}}";
    }

    // ---- search and paging ----

    @Test
    void pagesThroughTheOverdueSearchAndKnowsTheLastPage() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).withQueryParam("page", equalTo("0")).willReturn(okJson(page(0, 2, 5, 1, 2))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).withQueryParam("page", equalTo("1")).willReturn(okJson(page(1, 2, 5, 3, 4))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).withQueryParam("page", equalTo("2")).willReturn(okJson(page(2, 2, 5, 5))));
        LocalDate dueOnOrBefore = LocalDate.of(2025, 6, 5);

        List<InvoicePage> pages = new ArrayList<>();
        int p = 0;
        do {
            pages.add(adapter.overdueInvoices(dueOnOrBefore, p++));
        } while (!pages.get(pages.size() - 1).last() && p < 10);

        assertThat(pages).extracting(InvoicePage::last).containsExactly(false, false, true);
        assertThat(pages.stream().flatMap(pg -> pg.invoices().stream()).map(InvoiceSummary::invoiceId))
                .containsExactly("1", "2", "3", "4", "5");
        InvoiceSummary first = pages.get(0).invoices().get(0);
        assertThat(first).isEqualTo(new InvoiceSummary("1", "1001", "C-1", "SEK", new BigDecimal("100.00"), LocalDate.of(2025, 5, 1)));
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/invoices"))
                .withQueryParam("types", equalTo("SALES_INVOICE"))
                .withQueryParam("status", equalTo("SENT,PARTLY_PAID"))
                .withQueryParam("dueEndDate", equalTo("2025-06-05"))
                .withQueryParam("size", equalTo("200"))
                .withHeader("Authorization", equalTo("Bearer tok")));
        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aFullPageWithoutTotalCountIsNotLastAndAnEmptyPageIs() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).withQueryParam("page", equalTo("0")).willReturn(okJson(page(0, 2, null, 1, 2))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).withQueryParam("page", equalTo("1")).willReturn(okJson(page(1, 2, null))));

        assertThat(adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0).last()).isFalse();
        InvoicePage empty = adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 1);
        assertThat(empty.last()).isTrue();
        assertThat(empty.invoices()).isEmpty();
    }

    @Test
    void aFullPageThatReachesTheTotalCountIsLast() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).withQueryParam("page", equalTo("1")).willReturn(okJson(page(1, 2, 4, 3, 4))));

        assertThat(adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 1).last()).isTrue();
    }

    // ---- token ----

    @Test
    void theTokenRequestSendsTheClientCredentialsForm() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(okJson(page(0, 200, 0))));

        adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0);

        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withHeader("Authorization", absent())
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo("client-1"))
                .withFormParam("client_secret", equalTo("s3cr&t=+ ä"))
                .withFormParam("api_key", equalTo("api-key-1"))
                .withFormParam("redirect_uri", absent()));
    }

    @Test
    void theRedirectUriIsSentWhenTheTenantHasOne() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(okJson(page(0, 200, 0))));

        adapter(limiter, Duration.ofSeconds(5), "https://indriva.example/cb").overdueInvoices(LocalDate.of(2025, 6, 5), 0);

        wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withFormParam("redirect_uri", equalTo("https://indriva.example/cb")));
    }

    @Test
    void theTokenIsCachedAcrossCalls() {
        stubTokenSequence();
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(okJson(page(0, 200, 0))));
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson(""))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("{\"results\": []}")));

        adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0);
        adapter.invoice("1001");
        adapter.invoice("1001");

        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        wm.verify(5, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    void theTokenIsRefreshedAMinuteBeforeItExpires() {
        stubTokenSequence();
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(okJson(page(0, 200, 0))));

        adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0);
        clock.advance(Duration.ofSeconds(3600 - 61));
        adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0);
        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(1));
        adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0);

        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        List<LoggedRequest> gets = wm.findAll(getRequestedFor(urlPathEqualTo("/api/invoices")));
        assertThat(gets).extracting(r -> r.getHeader("Authorization")).containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void a401FetchesExactlyOneNewTokenAndRetriesOnce() {
        stubTokenSequence();
        wm.stubFor(get("/api/invoices/1001").withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"errors\": [{\"status\": 401, \"message\": \"token expired\"}]}")));
        wm.stubFor(get("/api/invoices/1001").withHeader("Authorization", equalTo("Bearer tok-2")).willReturn(okJson(invoiceJson(""))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("{\"results\": []}")));

        Optional<AccountingInvoice> invoice = adapter.invoice("1001");

        assertThat(invoice).get().extracting(AccountingInvoice::invoiceId).isEqualTo("1001");
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        wm.verify(2, getRequestedFor(urlEqualTo("/api/invoices/1001")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/invoices/1001/paymentevents")).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void aSecond401IsAnErrorNotAnEndlessLoop() {
        stubTokenSequence();
        wm.stubFor(get("/api/invoices/1001").willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> adapter.invoice("1001")).isInstanceOfSatisfying(UpstreamException.Permanent.class,
                e -> assertThat(e.status()).isEqualTo(401)).hasMessageContaining("credentials");

        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        wm.verify(2, getRequestedFor(urlEqualTo("/api/invoices/1001")));
    }

    @Test
    void refusedCredentialsArePermanentAndSayWhatToCheck() {
        wm.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0))
                .isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("clientId, clientSecret and apiKey");
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void tokenRequestsCountAgainstTheRateLimit() {
        SlidingWindowRateLimiter three = limiter(3);
        ProcountorAdapter tight = adapter(three, Duration.ofSeconds(5), null);
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(okJson(page(0, 200, 0))));

        tight.overdueInvoices(LocalDate.of(2025, 6, 5), 0);
        tight.overdueInvoices(LocalDate.of(2025, 6, 5), 0);
        assertThat(sleeps).as("token + 2 searches fit in 3 per second").isEmpty();

        tight.overdueInvoices(LocalDate.of(2025, 6, 5), 0);

        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isGreaterThanOrEqualTo(SECOND);
    }

    // ---- 429, 5xx, timeouts ----

    @Test
    void a429WithRetryAfterPausesTheLimiterThenSucceeds() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson(page(0, 200, 1, 7))));

        InvoicePage page = adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0);

        assertThat(page.invoices()).extracting(InvoiceSummary::invoiceId).containsExactly("7");
        assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).as("waited out Retry-After").isGreaterThanOrEqualTo(3 * SECOND);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/invoices")));
    }

    @Test
    void a429WithoutRetryAfterWaitsAtLeastOneSecond() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(aResponse().withStatus(429)));
        wm.stubFor(get("/api/invoices/1001").inScenario("busy").whenScenarioStateIs("calm").willReturn(okJson(invoiceJson(""))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("{\"results\": []}")));

        assertThat(adapter.invoice("1001")).isPresent();

        assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(SECOND);
        wm.verify(2, getRequestedFor(urlEqualTo("/api/invoices/1001")));
    }

    @Test
    void endless429sEndInATransientError() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        assertThatThrownBy(() -> adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0))
                .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("429");
        wm.verify(6, getRequestedFor(urlPathEqualTo("/api/invoices")));
    }

    @Test
    void aServerErrorIsTransient() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0)).isInstanceOf(UpstreamException.Transient.class);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/invoices")));
    }

    @Test
    void aReadTimeoutIsTransient() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson("")).withFixedDelay(1_500)));
        ProcountorAdapter impatient = adapter(limiter, Duration.ofMillis(300), null);

        assertThatThrownBy(() -> impatient.invoice("1001")).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void aBadRequestIsPermanentWithProcountorsMessage() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices")).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\": [{\"status\": 400, \"field\": \"dueEndDate\", \"message\": \"invalid date\"}]}")));

        assertThatThrownBy(() -> adapter.overdueInvoices(LocalDate.of(2025, 6, 5), 0))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("dueEndDate").hasMessageContaining("invalid date");
    }

    // ---- one invoice ----

    @Test
    void readsTheInvoiceWithItsPaymentEvents() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson(""))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("""
                {"results": [{"id": 9, "type": "REFERENCEPAYMENT", "paymentDate": "2025-05-10", "amount": 250.00}]}""")));

        AccountingInvoice inv = adapter.invoice("1001").orElseThrow();

        assertThat(inv.total()).isEqualTo(new BigDecimal("1250.00"));
        assertThat(inv.outstanding()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(inv.debtor().name()).isEqualTo("Nordvik Bygg AB");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/invoices/1001/paymentevents")).withQueryParam("size", equalTo("200")));
    }

    @Test
    void anInvoiceThatCannotBeReadIsAPermanentUpstreamErrorNamingTheInvoice() {
        // AccountingSystem promises UpstreamExceptions: a Permanent one rejects the claim with a reason instead of dead-lettering it
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson("").replace("\"currency\": \"SEK\", \"dueDate\"",
                "\"currency\": \"EUR\", \"dueDate\""))));
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/paymentevents")).willReturn(okJson("{\"results\": []}")));

        assertThatThrownBy(() -> adapter.invoice("1001")).isInstanceOf(UpstreamException.Permanent.class)
                .hasMessageContaining("1001").hasMessageContaining("EUR");
    }

    @Test
    void anInvoiceProcountorDoesNotKnowIsEmpty() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/4040").willReturn(aResponse().withStatus(404)
                .withBody("{\"errors\": [{\"status\": 404, \"message\": \"not found\"}]}")));

        assertThat(adapter.invoice("4040")).isEmpty();
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/invoices/4040/paymentevents")));
    }

    @Test
    void aNonNumericInvoiceIdIsRefusedWithoutACall() {
        assertThatThrownBy(() -> adapter.invoice("1001/../../oauth")).isInstanceOf(UpstreamException.Permanent.class);
        assertThatThrownBy(() -> adapter.appendNote("abc", "m", "t")).isInstanceOf(UpstreamException.Permanent.class);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    // ---- notes ----

    @Test
    void appendNoteKeepsTheUsersTextAndAddsOneLine() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson("Customer promised to pay.\nCall again on Monday."))));
        wm.stubFor(put("/api/invoices/1001/notes").willReturn(okJson("{}")));

        boolean written = adapter.appendNote("1001", "[indriva:claim-1]", "Sent to Kravia 2025-06-15 [indriva:claim-1]");

        assertThat(written).isTrue();
        wm.verify(1, putRequestedFor(urlEqualTo("/api/invoices/1001/notes"))
                .withHeader("Authorization", equalTo("Bearer tok"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"notes\": \"Customer promised to pay.\\nCall again on Monday.\\n"
                        + "Sent to Kravia 2025-06-15 [indriva:claim-1]\"}")));
    }

    @Test
    void appendNoteOnEmptyNotesWritesJustTheText() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson(""))));
        wm.stubFor(put("/api/invoices/1001/notes").willReturn(okJson("{}")));

        assertThat(adapter.appendNote("1001", "[m]", "Sent to Kravia [m]")).isTrue();

        wm.verify(putRequestedFor(urlEqualTo("/api/invoices/1001/notes")).withRequestBody(equalToJson("{\"notes\": \"Sent to Kravia [m]\"}")));
    }

    @Test
    void appendNoteDoesNotWriteWhenTheMarkerIsAlreadyThere() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson("Call Monday.\nSent to Kravia [indriva:claim-1]"))));
        wm.stubFor(put("/api/invoices/1001/notes").willReturn(okJson("{}")));

        assertThat(adapter.appendNote("1001", "[indriva:claim-1]", "Sent to Kravia [indriva:claim-1]")).isFalse();

        wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void appendNoteOnAVanishedInvoiceIsPermanent() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> adapter.appendNote("1001", "[m]", "x")).isInstanceOf(UpstreamException.Permanent.class);
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedNoteWriteIsPermanent() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson(""))));
        wm.stubFor(put("/api/invoices/1001/notes").willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\": [{\"field\": \"notes\", \"message\": \"too long\"}]}")));

        assertThatThrownBy(() -> adapter.appendNote("1001", "[m]", "x")).isInstanceOf(UpstreamException.Permanent.class)
                .hasMessageContaining("too long");
    }

    @Test
    void notesThatWouldOverflowAreNotTruncatedButRefused() {
        stubToken("tok");
        wm.stubFor(get("/api/invoices/1001").willReturn(okJson(invoiceJson("n".repeat(9_995)))));

        assertThatThrownBy(() -> adapter.appendNote("1001", "[m]", "Sent to Kravia [m]"))
                .isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("10,000");
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    // ---- invoice copy ----

    @Test
    void invoiceCopyDecodesTheBase64Image() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, (byte) 0xff, (byte) 0xfe};
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/image")).willReturn(okJson(
                "{\"name\": \"invoice-2501.png\", \"mimeType\": \"image/png\", \"content\": \"" + Base64.getEncoder().encodeToString(png) + "\"}")));

        InvoiceCopy copy = adapter.invoiceCopy("1001").orElseThrow();

        assertThat(copy.content()).isEqualTo(png);
        assertThat(copy.fileName()).isEqualTo("invoice-2501.png");
        assertThat(copy.mimeType()).isEqualTo("image/png");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/invoices/1001/image"))
                .withQueryParam("page", equalTo("1")).withQueryParam("format", equalTo("PNG")));
    }

    @Test
    void invoiceCopyToleratesLineBrokenBase64AndMissingMetadata() {
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        String mime = Base64.getMimeEncoder().encodeToString(bytes).replace("\r\n", "\\r\\n");
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/image")).willReturn(okJson("{\"content\": \"" + mime + "\"}")));

        InvoiceCopy copy = adapter.invoiceCopy("1001").orElseThrow();

        assertThat(copy.content()).isEqualTo(bytes);
        assertThat(copy.fileName()).isEqualTo("invoice-1001.png");
        assertThat(copy.mimeType()).isEqualTo("image/png");
    }

    @Test
    void noCopyWhenProcountorHasNone() {
        stubToken("tok");
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1001/image")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(get(urlPathEqualTo("/api/invoices/1002/image")).willReturn(okJson("{\"name\": \"x.png\"}")));

        assertThat(adapter.invoiceCopy("1001")).isEmpty();
        assertThat(adapter.invoiceCopy("1002")).isEmpty();
    }
}
