package eu.indriva.agency.kravia;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.indriva.agency.AgencyAction;
import eu.indriva.agency.AgencyCase;
import eu.indriva.claim.ClaimStage;
import eu.indriva.claim.CloseReason;
import eu.indriva.agency.AgencyChange;
import eu.indriva.agency.Settlement;
import eu.indriva.support.AdapterHttp;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following claims and settlements at Kravia (details, change search, settlements, bookkeep) against real HTTP. */
class KraviaFollowUpTest {

    private static final String SEARCH = "/api/v2/invoice/search";
    private static final String SETTLEMENTS = "/api/v2/settlements";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        UpstreamHttp http = AdapterHttp.upstream("kravia", Duration.ofSeconds(5));
        kravia = new KraviaAdapter(wm.baseUrl(), "kravia-token-123", 10759, http, JSON);
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = wm.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    // ---- details ----

    private static final String DETAILS = """
            {"invoiceId": 98765, "creditorId": 10759, "accountingInvoiceId": "1002", "invoiceNo": "2502", "claimType": "CollectionCase",
             "status": "DebtCollection", "closeReason": null, "lastUpdatedTime": "2021-06-01T15:13:14.4044853", "currencyCode": "SEK",
             "amounts": {"originalCapital": 3499.75, "outstandingCapital": 0.30, "outstandingInterest": 12.10, "outstandingFees": 180},
             "payments": [{"paymentId": "p1", "date": "2021-05-30", "source": "Debtor", "amount": 3499.45}],
             "timeline": [{"time": "2021-05-20T10:00:00", "event": "DemandSent"}],
             "availableActions": ["Pause", "Withdraw"], "somethingKraviaAddedLater": {"a": [1]}}""";

    @Test
    void detailsReadsTheClaimAsKraviaSeesIt() {
        wm.stubFor(get("/api/v2/invoice/98765/details").willReturn(okJson(DETAILS)));

        AgencyCase c = kravia.details("98765").orElseThrow();

        assertThat(c).isEqualTo(new AgencyCase("98765", "1002", "DebtCollection", ClaimStage.COLLECTION, null,
                LocalDateTime.of(2021, 6, 1, 15, 13, 14, 404_485_300), "SEK",
                new BigDecimal("3499.75"), new BigDecimal("0.30"), new BigDecimal("12.10"), new BigDecimal("180.00"),
                List.of(AgencyAction.PAUSE, AgencyAction.WITHDRAW)));
        assertThat(c.closed()).isFalse();
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("GET");
        assertThat(sent.getUrl()).isEqualTo("/api/v2/invoice/98765/details");
        assertThat(sent.getHeader("Authorization")).isEqualTo("kravia-token-123");
    }

    @Test
    void eachOfKraviasStatusesAndCloseReasonsIsReadAsTheStageAndReasonEveryAgencyShares() {
        String[][] statuses = {{"Registered", null}, {"Reminder", "REMINDER"}, {"DebtCollection", "COLLECTION"}, {"Legal", "LEGAL"},
                {"Surveillance", "SURVEILLANCE"}, {"Paused", "PAUSED"}, {"Disputed", "DISPUTED"}, {"Closed", "CLOSED"},
                {"SomethingNew", null}};
        for (String[] s : statuses) {
            AgencyCase c = KraviaMapping.details(json("{\"invoiceId\": 1, \"status\": \"" + s[0]
                    + "\", \"lastUpdatedTime\": \"2021-06-01T15:13:14\", \"availableActions\": [\"Pause\", \"Teleport\"]}"));
            assertThat(c.status()).as("Kravia's word is kept").isEqualTo(s[0]);
            assertThat(c.stage()).as(s[0]).isEqualTo(s[1] == null ? null : ClaimStage.valueOf(s[1]));
            assertThat(c.availableActions()).as("an action Indriva does not know is left out").containsExactly(AgencyAction.PAUSE);
        }
        String[][] reasons = {{"Paid", "PAID"}, {"Credited", "CREDITED"}, {"Withdrawn", "WITHDRAWN"}, {"WrittenOff", "WRITTEN_OFF"},
                {"Lost", null}};
        for (String[] r : reasons) {
            AgencyCase c = KraviaMapping.details(json("{\"invoiceId\": 1, \"status\": \"Closed\", \"closeReason\": \"" + r[0]
                    + "\", \"lastUpdatedTime\": \"2021-06-01T15:13:14\"}"));
            assertThat(c.closeReason()).as(r[0]).isEqualTo(r[1] == null ? null : CloseReason.valueOf(r[1]));
        }
        assertThat(KraviaMapping.action(AgencyAction.WITHDRAW)).isEqualTo("Withdraw");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void detailsOfAnUnknownClaimIsEmpty() {
        wm.stubFor(get("/api/v2/invoice/98765/details").willReturn(aResponse().withStatus(404)));

        assertThat(kravia.details("98765")).isEmpty();
    }

    @Test
    void aClosedClaimWithoutAmountsOrActionsHasNullAmountsAndNoActions() {
        wm.stubFor(get("/api/v2/invoice/98765/details").willReturn(okJson("""
                {"invoiceId": 98765, "status": "Closed", "closeReason": "Withdrawn", "lastUpdatedTime": "2021-06-01T15:13:14"}""")));

        AgencyCase c = kravia.details("98765").orElseThrow();

        assertThat(c.closed()).isTrue();
        assertThat(c.stage()).isEqualTo(ClaimStage.CLOSED);
        assertThat(c.closeReason()).isEqualTo(CloseReason.WITHDRAWN);
        assertThat(c.accountingInvoiceId()).isNull();
        assertThat(c.currency()).isNull();
        assertThat(c.originalCapital()).isNull();
        assertThat(c.outstandingCapital()).isNull();
        assertThat(c.outstandingInterest()).isNull();
        assertThat(c.outstandingFees()).isNull();
        assertThat(c.availableActions()).isEmpty();
        assertThat(c.lastUpdated()).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13, 14));
    }

    @Test
    void aTrailingZOrAnOffsetIsConvertedToUtc() {
        wm.stubFor(get("/api/v2/invoice/1/details").willReturn(okJson("""
                {"invoiceId": 1, "status": "Reminder", "lastUpdatedTime": "2021-06-01T15:13:14.5Z"}""")));
        wm.stubFor(get("/api/v2/invoice/2/details").willReturn(okJson("""
                {"invoiceId": 2, "status": "Reminder", "lastUpdatedTime": "2021-06-01T17:13:14.5+02:00"}""")));

        assertThat(kravia.details("1").orElseThrow().lastUpdated()).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13, 14, 500_000_000));
        assertThat(kravia.details("2").orElseThrow().lastUpdated()).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13, 14, 500_000_000));
    }

    @Test
    void anOutOfRangeTimeIsAnUnreadableAnswerNotACrash() {
        wm.stubFor(get("/api/v2/invoice/1/details").willReturn(okJson("""
                {"invoiceId": 1, "status": "Reminder", "lastUpdatedTime": "2021-13-01T25:13:14"}""")));

        assertThatThrownBy(() -> kravia.details("1"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("lastUpdatedTime");
    }

    @Test
    void detailsWithoutAStatusOrTimeOrWithANonNumericAmountIsUnreadable() {
        wm.stubFor(get("/api/v2/invoice/1/details").willReturn(okJson("{\"invoiceId\": 1, \"lastUpdatedTime\": \"2021-06-01T15:13:14\"}")));
        wm.stubFor(get("/api/v2/invoice/2/details").willReturn(okJson("{\"invoiceId\": 2, \"status\": \"Reminder\"}")));
        wm.stubFor(get("/api/v2/invoice/3/details").willReturn(okJson("""
                {"invoiceId": 3, "status": "Reminder", "lastUpdatedTime": "2021-06-01T15:13:14", "amounts": {"outstandingCapital": "lots"}}""")));
        wm.stubFor(get("/api/v2/invoice/4/details").willReturn(okJson("""
                {"invoiceId": 4, "status": "Reminder", "lastUpdatedTime": "2021-06-01T15:13:14", "amounts": {"outstandingCapital": 1.005}}""")));

        assertThatThrownBy(() -> kravia.details("1")).isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("status");
        assertThatThrownBy(() -> kravia.details("2")).isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("lastUpdatedTime");
        assertThatThrownBy(() -> kravia.details("3")).isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("outstandingCapital");
        assertThatThrownBy(() -> kravia.details("4")).isInstanceOf(UpstreamException.Permanent.class).hasMessageContaining("2 decimals");
    }

    @Test
    void detailsErrorsAreClassified() {
        wm.stubFor(get("/api/v2/invoice/1/details").willReturn(aResponse().withStatus(503)));
        wm.stubFor(get("/api/v2/invoice/2/details").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        wm.stubFor(get("/api/v2/invoice/3/details").willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\": [{\"field\": \"invoiceId\", \"message\": \"Invoice belongs to another creditor\"}]}")));
        wm.stubFor(get("/api/v2/invoice/4/details").willReturn(aResponse().withStatus(401)));
        wm.stubFor(get("/api/v2/invoice/5/details").willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));

        assertThatThrownBy(() -> kravia.details("1")).isInstanceOf(UpstreamException.Transient.class);
        assertThatThrownBy(() -> kravia.details("2")).isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("retry after 7 s");
        assertThatThrownBy(() -> kravia.details("3"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("invoiceId: Invoice belongs to another creditor");
        assertThatThrownBy(() -> kravia.details("4")).isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("agency token");
        assertThatThrownBy(() -> kravia.details("5")).isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("not JSON");
    }

    @Test
    void aClaimIdThatIsNotANumberIsRefusedWithoutACall() {
        assertThatThrownBy(() -> kravia.details("1/../2")).isInstanceOfSatisfying(UpstreamException.Permanent.class,
                e -> assertThat(e.status()).isEqualTo(400));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    // ---- changes since ----

    private static String item(long claimId, String accountingId, String time) {
        return "{\"invoiceId\": " + claimId + ", \"creditorId\": 10759, \"accountingInvoiceId\": \"" + accountingId
                + "\", \"invoiceNo\": \"x\", \"status\": \"Reminder\", \"lastUpdatedTime\": \"" + time + "\"}";
    }

    private static String searchPage(String... items) {
        return "{\"totalCount\": " + items.length + ", \"items\": [" + String.join(",", items) + "]}";
    }

    @Test
    void changesSinceSendsTheWatermarkUrlEncodedAndTheDocumentedOrdering() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage())));

        kravia.changesSince("2021-06-01T15:13:14.4044853", 50);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo(SEARCH + "?lastUpdatedTime=2021-06-01T15%3A13%3A14.4044853"
                + "&orderBy=11&byAscending=true&skip=0&top=50&creditorId=10759");
        assertThat(sent.getHeader("Authorization")).isEqualTo("kravia-token-123");
    }

    @Test
    void aWatermarkWithAnOffsetKeepsItsPlusSign() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage())));

        kravia.changesSince("2021-06-01T17:13:14+02:00", 10);

        assertThat(onlyRequest().getUrl()).contains("lastUpdatedTime=2021-06-01T17%3A13%3A14%2B02%3A00&");
        wm.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("lastUpdatedTime", equalTo("2021-06-01T17:13:14+02:00")));
    }

    @Test
    void fromTheBeginningSendsNoWatermark() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage())));

        assertThat(kravia.changesSince(null, 20)).isEmpty();

        wm.verify(1, getRequestedFor(urlPathEqualTo(SEARCH))
                .withQueryParam("lastUpdatedTime", absent())
                .withQueryParam("orderBy", equalTo("11"))
                .withQueryParam("byAscending", equalTo("true"))
                .withQueryParam("skip", equalTo("0"))
                .withQueryParam("top", equalTo("20"))
                .withQueryParam("creditorId", equalTo("10759")));
    }

    @Test
    void topIsCappedAtAHundred() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage())));

        kravia.changesSince(null, 5000);

        wm.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("top", equalTo("100")));
    }

    @Test
    void changesCarryTheClaimTheInvoiceTheTimeAndTheVerbatimWatermark() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage(
                item(700001, "1003", "2021-06-01T15:13:14.4044853"),
                item(700002, "1002", "2021-06-01T15:13:15.1000000"),
                item(700003, "1001", "2021-06-02T08:00:00")))));

        List<AgencyChange> changes = kravia.changesSince("2021-06-01T00:00:00", 10);

        assertThat(changes).containsExactly(
                new AgencyChange("700001", "1003", LocalDateTime.of(2021, 6, 1, 15, 13, 14, 404_485_300), "2021-06-01T15:13:14.4044853"),
                new AgencyChange("700002", "1002", LocalDateTime.of(2021, 6, 1, 15, 13, 15, 100_000_000), "2021-06-01T15:13:15.1000000"),
                new AgencyChange("700003", "1001", LocalDateTime.of(2021, 6, 2, 8, 0), "2021-06-02T08:00:00"));
    }

    @Test
    void anEchoOfTheWatermarkIsNotAChangeAndNoMoreThanMaxComeBack() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage(
                item(1, "a", "2021-06-01T15:13:14.4044853"),
                item(2, "b", "2021-06-01T15:13:14.4044854"),
                item(3, "c", "2021-06-01T15:13:14.5"),
                item(4, "d", "2021-06-01T15:13:14.6")))));

        List<AgencyChange> changes = kravia.changesSince("2021-06-01T15:13:14.4044853", 2);

        assertThat(changes).extracting(AgencyChange::agencyClaimId).containsExactly("2", "3");
        wm.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("top", equalTo("2")));
    }

    @Test
    void changesComeBackOldestFirst() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage(
                item(2, "b", "2021-06-01T15:13:16"), item(1, "a", "2021-06-01T15:13:15")))));

        assertThat(kravia.changesSince(null, 10)).extracting(AgencyChange::agencyClaimId).containsExactly("1", "2");
    }

    @Test
    void aSearchItemWithoutATimeIsUnreadable() {
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"items\": [{\"invoiceId\": 1, \"accountingInvoiceId\": \"a\"}]}")));

        assertThatThrownBy(() -> kravia.changesSince(null, 10)).isInstanceOf(UpstreamException.Permanent.class)
                .hasMessageContaining("lastUpdatedTime");
    }

    @Test
    void changesSinceNeedsAPositiveMaxAndFailuresAreClassified() {
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.changesSince(null, 0));
        wm.verify(0, anyRequestedFor(anyUrl()));

        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> kravia.changesSince(null, 10)).isInstanceOf(UpstreamException.Transient.class);
        wm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\": [{\"field\": \"lastUpdatedTime\", \"message\": \"Invalid date\"}]}")));
        assertThatThrownBy(() -> kravia.changesSince("garbage", 10)).isInstanceOf(UpstreamException.Permanent.class)
                .hasMessageContaining("Invalid date");
    }

    // ---- settlements ----

    private static final String TWO_SETTLEMENTS = """
            [
              {"settlementId": 9001, "creditorId": 10759, "date": "2025-06-15", "currencyCode": "SEK", "amount": 12345678901234567.89,
               "bankReference": "KRV-9001", "status": "Open", "internalAccountingId": null,
               "lines": [
                 {"invoiceId": 700001, "accountingInvoiceId": "1003", "capital": 0.10, "interest": 1.5, "fees": 180, "commission": 0, "vat": 45.00},
                 {"invoiceId": 700002, "accountingInvoiceId": "1002", "capital": 0.20, "interest": null, "commission": 0.05}
               ]},
              {"settlementId": 9002, "date": "2025-06-16", "currencyCode": "SEK", "amount": 0,
               "status": "Bookkept", "internalAccountingId": "no-entry", "lines": []}
            ]""";

    @Test
    void openSettlementsAreReadExactlyWithMissingLineNumbersAsZero() {
        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(okJson(TWO_SETTLEMENTS)));

        List<Settlement> settlements = kravia.openSettlements();

        assertThat(settlements).hasSize(2);
        Settlement s = settlements.get(0);
        assertThat(s.settlementId()).isEqualTo("9001");
        assertThat(s.date()).isEqualTo(LocalDate.of(2025, 6, 15));
        assertThat(s.currency()).isEqualTo("SEK");
        assertThat(s.payout()).isEqualTo(new BigDecimal("12345678901234567.89"));
        assertThat(s.bankReference()).isEqualTo("KRV-9001");
        assertThat(s.bookkept()).isFalse();
        assertThat(s.lines()).containsExactly(
                new Settlement.Line("700001", "1003", new BigDecimal("0.10"), new BigDecimal("1.50"), new BigDecimal("180.00"),
                        new BigDecimal("0.00"), new BigDecimal("45.00")),
                new Settlement.Line("700002", "1002", new BigDecimal("0.20"), new BigDecimal("0.00"), new BigDecimal("0.00"),
                        new BigDecimal("0.05"), new BigDecimal("0.00")));
        assertThat(s.lines().get(0).capital().add(s.lines().get(1).capital())).isEqualTo(new BigDecimal("0.30"));

        Settlement booked = settlements.get(1);
        assertThat(booked.bookkept()).isTrue();
        assertThat(booked.payout()).isEqualTo(new BigDecimal("0.00"));
        assertThat(booked.bankReference()).isNull();
        assertThat(booked.lines()).isEmpty();

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getUrl()).isEqualTo(SETTLEMENTS + "?ExcludeClosed=true&creditorId=10759");
        assertThat(sent.getHeader("Authorization")).isEqualTo("kravia-token-123");
    }

    @Test
    void settlementsComeBackOldestFirstAndAMissingPayoutIsComputedFromTheLines() {
        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(okJson("""
                [{"settlementId": 2, "date": "2025-06-16", "amount": 1.00, "lines": []},
                 {"settlementId": 1, "date": "2025-06-15",
                  "lines": [{"invoiceId": 5, "capital": 1000.00, "commission": 100.00, "vat": 25.00},
                            {"invoiceId": 6, "capital": "0.30"}]}]""")));

        List<Settlement> settlements = kravia.openSettlements();

        assertThat(settlements).extracting(Settlement::settlementId).containsExactly("1", "2");
        assertThat(settlements.get(0).payout()).isEqualTo(new BigDecimal("875.30"));
        assertThat(settlements.get(0).lines().get(1).capital()).isEqualTo(new BigDecimal("0.30"));
    }

    @Test
    void noOpenSettlementsIsAnEmptyList() {
        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(okJson("[]")));

        assertThat(kravia.openSettlements()).isEmpty();
    }

    @Test
    void anUnreadableSettlementIsPermanentAndNamesIt() {
        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(okJson("""
                [{"settlementId": 9003, "date": "2025-02-30", "amount": 1.00, "lines": []}]""")));

        assertThatThrownBy(() -> kravia.openSettlements()).isInstanceOf(UpstreamException.Permanent.class)
                .hasMessageContaining("9003").hasMessageContaining("2025-02-30");
    }

    @Test
    void aSettlementListThatIsNotAListIsUnreadable() {
        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(okJson("{\"message\": \"hello\"}")));

        assertThatThrownBy(() -> kravia.openSettlements()).isInstanceOf(UpstreamException.Permanent.class);
    }

    @Test
    void settlementFailuresAreClassified() {
        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> kravia.openSettlements()).isInstanceOf(UpstreamException.Transient.class);

        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(aResponse().withStatus(404).withBody("no such creditor")));
        assertThatThrownBy(() -> kravia.openSettlements())
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("no such creditor");
    }

    // ---- bookkeep ----

    @Test
    void acknowledgeIsAPatchNamingTheVoucherUrlEncoded() {
        wm.stubFor(patch(urlPathEqualTo("/api/v2/settlements/9001/bookkeep")).willReturn(aResponse().withStatus(200)));

        kravia.acknowledgeSettlement("9001", "JR 4711/2025+A&B");

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("PATCH");
        assertThat(sent.getUrl()).isEqualTo("/api/v2/settlements/9001/bookkeep?internalAccountingId=JR+4711%2F2025%2BA%26B");
        assertThat(sent.getHeader("Authorization")).isEqualTo("kravia-token-123");
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/api/v2/settlements/9001/bookkeep"))
                .withQueryParam("internalAccountingId", equalTo("JR 4711/2025+A&B")));
    }

    @Test
    void acknowledgingAgainWithTheSameVoucherIsFine() {
        wm.stubFor(patch(urlPathEqualTo("/api/v2/settlements/9001/bookkeep")).willReturn(aResponse().withStatus(204)));

        kravia.acknowledgeSettlement("9001", "no-entry");
        kravia.acknowledgeSettlement("9001", "no-entry");

        wm.verify(2, patchRequestedFor(urlPathEqualTo("/api/v2/settlements/9001/bookkeep"))
                .withQueryParam("internalAccountingId", equalTo("no-entry")));
    }

    @Test
    void anotherVoucherIsAConflictThatSaysSo() {
        wm.stubFor(patch(urlPathEqualTo("/api/v2/settlements/9001/bookkeep")).willReturn(aResponse().withStatus(409)));

        assertThatThrownBy(() -> kravia.acknowledgeSettlement("9001", "4712"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("Kravia says settlement 9001 was already booked with another voucher");
    }

    @Test
    void acknowledgingAnUnknownSettlementIsPermanent() {
        wm.stubFor(patch(urlPathEqualTo("/api/v2/settlements/9001/bookkeep")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> kravia.acknowledgeSettlement("9001", "4711"))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void acknowledgingFailingOnKraviasSideIsTransient() {
        wm.stubFor(patch(urlPathEqualTo("/api/v2/settlements/9001/bookkeep")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> kravia.acknowledgeSettlement("9001", "4711")).isInstanceOf(UpstreamException.Transient.class);
    }

    @Test
    void acknowledgeNeedsANumericSettlementAndAVoucher() {
        assertThatThrownBy(() -> kravia.acknowledgeSettlement("9001?x=1", "4711")).isInstanceOf(UpstreamException.Permanent.class);
        assertThatIllegalArgumentException().isThrownBy(() -> kravia.acknowledgeSettlement("9001", " "));
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void manyLinesStayExact() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("{\"invoiceId\": " + i + ", \"capital\": 0.10, \"commission\": 0.01, \"vat\": 0.01}");
        }
        wm.stubFor(get(urlPathEqualTo(SETTLEMENTS)).willReturn(okJson(
                "[{\"settlementId\": 1, \"date\": \"2025-06-15\", \"lines\": [" + String.join(",", lines) + "]}]")));

        Settlement s = kravia.openSettlements().get(0);

        BigDecimal capital = s.lines().stream().map(Settlement.Line::capital).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(capital).isEqualTo(new BigDecimal("3.00"));
        assertThat(s.payout()).isEqualTo(new BigDecimal("2.40"));
    }
}
