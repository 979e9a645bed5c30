package eu.indriva.accounting.procountor;

import eu.indriva.accounting.InvoiceState;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.indriva.accounting.AccountingSystem.ChangedInvoice;
import eu.indriva.accounting.AccountingSystem.ChangedPage;
import eu.indriva.support.AdapterHttp;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Procountor's "changed since" search (GET /invoices with versionStartDate) against real HTTP. */
class ProcountorChangedInvoicesTest {

    private static final String INVOICES = "/api/invoices";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SINCE = Instant.parse("2025-06-15T08:30:00.123Z");

    private static WireMockServer wm;

    private final AtomicLong nanos = new AtomicLong();
    private final List<Long> sleeps = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-16T08:00:00Z"), ZoneOffset.UTC);
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
        adapter = adapter(Duration.ofSeconds(5));
        wm.stubFor(post("/api/oauth/token").willReturn(okJson("{\"access_token\": \"tok\", \"expires_in\": 3600}")));
    }

    private ProcountorAdapter adapter(Duration readTimeout) {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(20, Duration.ofSeconds(1), nanos::get, n -> {
            sleeps.add(n);
            nanos.addAndGet(n);
        });
        UpstreamHttp http = AdapterHttp.upstream("procountor", readTimeout, clock);
        return ProcountorAdapter.create(wm.baseUrl() + "/api", "client-1", "secret", "api-key-1", null, http, limiter, JSON, clock);
    }

    private static String hit(int id, String status) {
        return """
                {"id": %d, "type": "SALES_INVOICE", "status": "%s", "invoiceNumber": %d, "dueDate": "2025-05-01",
                 "version": "2025-06-15T09:00:00.000Z",
                 "invoiceSumInfo": [{"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": 100.00}]}"""
                .formatted(id, status, id + 1000);
    }

    private static String page(int pageNumber, int pageSize, Integer totalCount, String... hits) {
        return "{\"results\": [" + String.join(",", hits) + "], \"meta\": {\"pageNumber\": " + pageNumber
                + ", \"pageSize\": " + pageSize + ", \"resultCount\": " + hits.length
                + (totalCount == null ? "" : ", \"totalCount\": " + totalCount) + "}}";
    }

    private static LoggedRequest onlySearch() {
        List<LoggedRequest> sent = wm.findAll(getRequestedFor(urlPathEqualTo(INVOICES)));
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    @Test
    void asksForSalesInvoicesChangedSinceTheInstantInIdOrderWithoutAStatusFilter() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson(page(0, 200, 1, hit(1001, "SENT")))));

        adapter.changedInvoices(SINCE, 0);

        LoggedRequest sent = onlySearch();
        assertThat(sent.getUrl()).isEqualTo(INVOICES + "?types=SALES_INVOICE&versionStartDate=2025-06-15T08%3A30%3A00.123Z"
                + "&orderById=ASC&size=200&page=0");
        wm.verify(1, getRequestedFor(urlPathEqualTo(INVOICES))
                .withQueryParam("types", equalTo("SALES_INVOICE"))
                .withQueryParam("versionStartDate", equalTo("2025-06-15T08:30:00.123Z"))
                .withQueryParam("orderById", equalTo("ASC"))
                .withQueryParam("size", equalTo("200"))
                .withQueryParam("page", equalTo("0"))
                .withQueryParam("status", absent())
                .withQueryParam("dueEndDate", absent())
                .withHeader("Authorization", equalTo("Bearer tok")));
    }

    @Test
    void theInstantIsSentInUtcAsWrittenWithWholeSecondsAndNanos() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson(page(0, 200, 0))));

        adapter.changedInvoices(Instant.parse("2025-01-02T03:04:05Z"), 3);
        adapter.changedInvoices(Instant.parse("2025-01-02T03:04:05.000000007Z"), 0);

        List<LoggedRequest> sent = wm.findAll(getRequestedFor(urlPathEqualTo(INVOICES)));
        assertThat(sent).extracting(r -> r.queryParameter("versionStartDate").firstValue())
                .containsExactly("2025-01-02T03:04:05Z", "2025-01-02T03:04:05.000000007Z");
        assertThat(sent).extracting(r -> r.queryParameter("page").firstValue()).containsExactly("3", "0");
        assertThat(sent.get(0).getUrl()).contains("versionStartDate=2025-01-02T03%3A04%3A05Z&");
    }

    @Test
    void everyStatusComesBackAsProcountorWritesIt() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson(page(0, 200, 5, hit(1001, "SENT"), hit(1002, "INVALIDATED"),
                hit(1003, "DELETED"), hit(1004, "MARKED_PAID"), hit(1005, "SOMETHING_NEW_IN_27_01")))));

        ChangedPage page = adapter.changedInvoices(SINCE, 0);

        assertThat(page.invoices()).containsExactly(
                new ChangedInvoice("1001", "SENT", InvoiceState.OPEN),
                new ChangedInvoice("1002", "INVALIDATED", InvoiceState.VOID),
                new ChangedInvoice("1003", "DELETED", InvoiceState.VOID),
                new ChangedInvoice("1004", "MARKED_PAID", InvoiceState.PAID),
                new ChangedInvoice("1005", "SOMETHING_NEW_IN_27_01", InvoiceState.OTHER));
        assertThat(page.last()).isTrue();
    }

    @Test
    void pagesThroughTheChangesAndKnowsTheLastPage() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).withQueryParam("page", equalTo("0"))
                .willReturn(okJson(page(0, 2, 5, hit(1, "SENT"), hit(2, "PAID")))));
        wm.stubFor(get(urlPathEqualTo(INVOICES)).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(page(1, 2, 5, hit(3, "SENT"), hit(4, "DELETED")))));
        wm.stubFor(get(urlPathEqualTo(INVOICES)).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page(2, 2, 5, hit(5, "INVALIDATED")))));

        List<ChangedPage> pages = new ArrayList<>();
        int p = 0;
        do {
            pages.add(adapter.changedInvoices(SINCE, p++));
        } while (!pages.get(pages.size() - 1).last() && p < 10);

        assertThat(pages).extracting(ChangedPage::last).containsExactly(false, false, true);
        assertThat(pages.stream().flatMap(pg -> pg.invoices().stream()).map(ChangedInvoice::invoiceId))
                .containsExactly("1", "2", "3", "4", "5");
        wm.verify(3, getRequestedFor(urlPathEqualTo(INVOICES)).withQueryParam("versionStartDate", equalTo("2025-06-15T08:30:00.123Z")));
    }

    @Test
    void aFullPageWithoutTotalCountIsNotLastAndAnEmptyPageIs() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).withQueryParam("page", equalTo("0"))
                .willReturn(okJson(page(0, 2, null, hit(1, "SENT"), hit(2, "SENT")))));
        wm.stubFor(get(urlPathEqualTo(INVOICES)).withQueryParam("page", equalTo("1")).willReturn(okJson(page(1, 2, null))));

        assertThat(adapter.changedInvoices(SINCE, 0).last()).isFalse();
        ChangedPage empty = adapter.changedInvoices(SINCE, 1);
        assertThat(empty.last()).isTrue();
        assertThat(empty.invoices()).isEmpty();
    }

    @Test
    void aFullPageThatReachesTheTotalCountIsLast() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(page(1, 2, 4, hit(3, "SENT"), hit(4, "SENT")))));

        assertThat(adapter.changedInvoices(SINCE, 1).last()).isTrue();
    }

    @Test
    void aFullPageOfTheDefaultSizeWithoutMetaIsNotLast() {
        List<String> hits = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            hits.add(hit(i, "SENT"));
        }
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson("{\"results\": [" + String.join(",", hits) + "]}")));

        ChangedPage page = adapter.changedInvoices(SINCE, 0);

        assertThat(page.invoices()).hasSize(200);
        assertThat(page.last()).isFalse();
    }

    @Test
    void anEmptyPageIsLastEvenWhenMetaClaimsAPageSizeOfZero() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson("{\"results\": [], \"meta\": {\"pageNumber\": 4, \"pageSize\": 0}}")));

        ChangedPage page = adapter.changedInvoices(SINCE, 4);

        assertThat(page.invoices()).isEmpty();
        assertThat(page.last()).as("an empty page must end the paging, or the caller loops for ever").isTrue();
    }

    @Test
    void aHitWithoutAnIdIsLeftOutButDoesNotShortenTheFullPage() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson(page(0, 2, null, hit(1, "SENT"), "{\"status\": \"SENT\"}"))));

        ChangedPage page = adapter.changedInvoices(SINCE, 0);

        assertThat(page.invoices()).containsExactly(new ChangedInvoice("1", "SENT", InvoiceState.OPEN));
        assertThat(page.last()).as("Procountor sent a full page: there may be more").isFalse();
    }

    @Test
    void withoutAnInstantEverySalesInvoiceIsListed() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson(page(0, 200, 0))));

        adapter.changedInvoices(null, 0);

        assertThat(onlySearch().getUrl()).isEqualTo(INVOICES + "?types=SALES_INVOICE&orderById=ASC&size=200&page=0");
    }

    @Test
    void aNegativePageIsRefusedWithoutACall() {
        assertThatIllegalArgumentException().isThrownBy(() -> adapter.changedInvoices(SINCE, -1));

        wm.verify(0, getRequestedFor(urlPathEqualTo(INVOICES)));
    }

    @Test
    void aServerErrorIsTransient() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> adapter.changedInvoices(SINCE, 0)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("503");
    }

    @Test
    void aReadTimeoutIsTransient() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(okJson(page(0, 200, 0)).withFixedDelay(1_500)));

        assertThatThrownBy(() -> adapter(Duration.ofMillis(300)).changedInvoices(SINCE, 0)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void a429IsWaitedOutThenTheSearchSucceeds() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).inScenario("busy").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        wm.stubFor(get(urlPathEqualTo(INVOICES)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson(page(0, 200, 1, hit(7, "PARTLY_PAID")))));

        ChangedPage page = adapter.changedInvoices(SINCE, 0);

        assertThat(page.invoices()).containsExactly(new ChangedInvoice("7", "PARTLY_PAID", InvoiceState.PARTLY_PAID));
        assertThat(sleeps.stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(2_000_000_000L);
    }

    @Test
    void aBadRequestIsPermanentWithProcountorsMessage() {
        wm.stubFor(get(urlPathEqualTo(INVOICES)).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\": [{\"status\": 400, \"field\": \"versionStartDate\", \"message\": \"invalid timestamp\"}]}")));

        assertThatThrownBy(() -> adapter.changedInvoices(SINCE, 0))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("versionStartDate").hasMessageContaining("invalid timestamp");
    }
}
