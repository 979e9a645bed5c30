package eu.indriva.flow;

import static eu.indriva.support.Upstreams.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.config.OperationsMetrics;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The three-way reconciliation end to end: Procountor and Kravia over real HTTP (WireMock, the
 * ledger with memory), Indriva's own record built by its real flows (poll, payment scan, agency sync).
 * A clean tenant has no difference and its equation holds; each kind of difference is made on purpose
 * on its own claim and reported once, with its figures; after the cause is mended a new run no longer
 * reports it.
 */
class ReconciliationFlowTest extends AppTestBase {

    @Autowired
    ProducerTemplate camel;

    @Autowired
    MeterRegistry meters;

    @Autowired
    OperationsMetrics.Gauges gauges;

    private static final String OPEN = "2026-12-01T10:00:00";

    private String reconciliations(String tenant) {
        return "/api/v1/tenants/" + tenant + "/reconciliations";
    }

    /** Starts a reconciliation and waits for its end; returns it with its differences. */
    private JsonNode reconcile(String tenant) {
        ResponseEntity<JsonNode> started = api(HttpMethod.POST, reconciliations(tenant), null);
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
        String id = started.getBody().path("id").asText();
        assertThat(started.getHeaders().getLocation().toString()).endsWith(reconciliations(tenant) + "/" + id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                !api(HttpMethod.GET, reconciliations(tenant) + "/" + id, null).getBody().path("status").asText().equals("RUNNING"));
        JsonNode done = api(HttpMethod.GET, reconciliations(tenant) + "/" + id, null).getBody();
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("DONE");
        return done;
    }

    private String claimId(Upstreams.Slice s, String invoiceId) {
        return s.agencyClaims().get(invoiceId).toString();
    }

    private void open(Upstreams.Slice s, String invoiceId, String capital) {
        s.details(claimId(s, invoiceId), invoiceId, "DebtCollection", null, OPEN, capital);
    }

    private void scan(Upstreams.Slice s, String tenant, String... invoiceIds) {
        s.changedInvoices(java.util.Arrays.stream(invoiceIds).map(id -> new String[] {id, "PARTLY_PAID"}).toArray(String[][]::new));
        camel.sendBody("seda:payment-sync?waitForTaskToComplete=Always&timeout=60000", tenant);
    }

    private static ObjectNode event(long id, String invoiceId, String type, String amount, String description) {
        ObjectNode e = Upstreams.JSON.createObjectNode().put("id", id).put("invoiceId", Long.parseLong(invoiceId)).put("type", type)
                .put("paymentDate", LocalDate.now().toString()).put("status", "PAID").put("amount", new BigDecimal(amount))
                .put("currency", "SEK");
        if (description != null) {
            e.put("description", description);
        }
        return e;
    }

    private static Map<String, List<JsonNode>> byInvoice(JsonNode reconciliation) {
        Map<String, List<JsonNode>> by = new HashMap<>();
        reconciliation.path("differences").forEach(d -> by.computeIfAbsent(d.path("invoiceId").asText(), k -> new ArrayList<>()).add(d));
        return by;
    }

    private static JsonNode only(Map<String, List<JsonNode>> by, String invoiceId, String kind) {
        assertThat(by.get(invoiceId)).as("differences of %s", invoiceId).hasSize(1);
        JsonNode d = by.get(invoiceId).get(0);
        assertThat(d.path("kind").asText()).as("%s", d).isEqualTo(kind);
        assertThat(d.path("action").asText()).isNotBlank();
        return d;
    }

    private static void figures(JsonNode d, String ledger, String indriva, String agency) {
        for (String[] f : new String[][] {{"ledger", ledger}, {"indriva", indriva}, {"agency", agency}}) {
            if (f[1] == null) {
                assertThat(d.path(f[0]).isNull() || d.path(f[0]).isMissingNode()).as("%s of %s", f[0], d).isTrue();
            } else {
                assertThat(d.path(f[0]).decimalValue()).as("%s of %s", f[0], d).isEqualByComparingTo(f[1]);
            }
        }
    }

    @Test
    void aCleanTenantHasNoDifferenceAndItsEquationHolds() {
        var s = Upstreams.slice();
        String tenant = tenantWithRegistered(s, Invoice.overdue("91001"), Invoice.overdue("91002").withTotal("800.00"));
        open(s, "91001", "1250.00");
        open(s, "91002", "800.00");

        String details = "/api/v2/invoice/" + claimId(s, "91001") + "/details";
        int detailsBefore = s.kraviaRequests("GET", details);
        int eventsBefore = s.procountorRequests("GET", "/invoices/9100[12]/paymentevents");

        JsonNode r = reconcile(tenant);

        assertThat(r.path("claims").asInt()).isEqualTo(2);
        assertThat(r.path("differences")).as("%s", r).isEmpty();
        assertThat(r.path("asOf").asText()).isEqualTo(LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")).toString());
        JsonNode sek = r.path("totals").path("SEK");
        assertThat(sek.path("transferred").decimalValue()).isEqualByComparingTo("2050.00");
        assertThat(sek.path("closing").decimalValue()).isEqualByComparingTo("2050.00");
        assertThat(sek.path("holds").asBoolean()).as("%s", sek).isTrue();
        // one read of each claim's payment events, one of its details at the agency
        assertThat(s.procountorRequests("GET", "/invoices/9100[12]/paymentevents") - eventsBefore).isEqualTo(2);
        assertThat(s.kraviaRequests("GET", details) - detailsBefore).isEqualTo(1);

        JsonNode list = api(HttpMethod.GET, reconciliations(tenant), null).getBody();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).has("differences")).as("a list leaves the differences out").isFalse();
        assertThat(list.get(0).path("totals").path("SEK").path("holds").asBoolean()).isTrue();
        gauges.refresh();
        assertThat(meters.get("indriva.reconciliation.differences").tag("tenant", tenant).gauge().value()).isZero();
    }

    @Test
    void eachKindOfDifferenceIsFoundOnceWithItsFiguresAndGoesWhenMended() {
        var s = Upstreams.slice();
        String tenant = tenantWithRegistered(s,
                Invoice.overdue("92001"), // paid directly, not forwarded
                Invoice.overdue("92002"), // forwarded, the agency did not apply it
                Invoice.overdue("92003"), // the agency says paid, no payout booked
                Invoice.overdue("92004"), // the payout marked paid twice
                Invoice.overdue("92005"), // written off at the agency, open in the ledger
                Invoice.overdue("92006"), // settled in the ledger, open at the agency
                Invoice.overdue("92007"), // the agency's capital is off
                Invoice.overdue("92008"), // the agency does not know the claim
                Invoice.overdue("92009"), // the agency charges more fees than the law allows
                Invoice.overdue("92010")); // in order
        // forwarded by the payment scan: 200.00 on 92002
        LEDGER.addEvent(s.prefix, "92002", event(93002, "92002", "REFERENCEPAYMENT", "200.00", null));
        scan(s, tenant, "92002");
        assertThat(s.agencyPayments()).containsOnlyKeys("93002");
        // after the scan: 300.00 paid directly on 92001 (the next scan would forward it)
        LEDGER.addEvent(s.prefix, "92001", event(93001, "92001", "REFERENCEPAYMENT", "300.00", null));
        // a set-off closes 92006 in the ledger; it is not the agency's (a person decides)
        LEDGER.addEvent(s.prefix, "92006", event(93006, "92006", "SETOFF", "1250.00", null));
        // the agency's payout for 92004 is booked by the agency sync, then the same marking appears a second time
        long claim4 = s.agencyClaims().get("92004");
        s.settlements("[{\"settlementId\":9921,\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"currencyCode\":\"SEK\",\"amount\":1171.87,"
                + "\"status\":\"Open\",\"lines\":[{\"invoiceId\":" + claim4 + ",\"accountingInvoiceId\":\"92004\",\"capital\":1250.00,"
                + "\"commission\":62.50,\"vat\":15.63}]}]");
        assertThat(agencySync(tenant).path("outcome").asText()).isEqualTo("OK");
        List<ObjectNode> marked = LEDGER.events(s.prefix, "92004");
        assertThat(marked).hasSize(1);
        LEDGER.addEvent(s.prefix, "92004", marked.get(0).deepCopy().put("id", 93004));

        open(s, "92001", "1250.00");
        open(s, "92002", "1250.00");
        s.details(claimId(s, "92003"), "92003", "Closed", "Paid", OPEN, "0.00");
        s.details(claimId(s, "92004"), "92004", "Closed", "Paid", OPEN, "0.00");
        s.details(claimId(s, "92005"), "92005", "Closed", "WrittenOff", OPEN, "1250.00");
        open(s, "92006", "1250.00");
        open(s, "92007", "1100.00");
        // 92008: no details at the agency (404)
        String claim9 = claimId(s, "92009");
        Upstreams.KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(s.prefix + "/api/v2/invoice/" + claim9 + "/details"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        s.detailsJson(claim9, "92009", "DebtCollection", null, OPEN, "1250.00").replace("\"outstandingFees\":180.00",
                                "\"outstandingFees\":600.00"))));
        open(s, "92010", "1250.00");
        // a claim at the agency for this creditor that Indriva never transferred
        s.changes(new String[] {"7999001", "99001", OPEN});
        s.details("7999001", "99001", "DebtCollection", null, OPEN, "640.00");

        JsonNode r = reconcile(tenant);

        assertThat(r.path("claims").asInt()).isEqualTo(10);
        Map<String, List<JsonNode>> by = byInvoice(r);
        assertThat(by).as("%s", r.path("differences")).doesNotContainKey("92010");
        figures(only(by, "92001", "DIRECT_PAYMENT_NOT_FORWARDED"), "300.00", "0", null);
        figures(only(by, "92002", "FORWARD_NOT_APPLIED"), "1050.00", "1050.00", "1250.00");
        figures(only(by, "92003", "PAYOUT_NOT_BOOKED"), "1250.00", "0", "0");
        figures(only(by, "92004", "BOOKED_TWICE"), "2", "1", null);
        JsonNode writtenOff = only(by, "92005", "CLOSED_BUT_OPEN");
        figures(writtenOff, "1250.00", "1250.00", "1250.00");
        assertThat(writtenOff.path("action").asText()).contains("credit loss");
        figures(only(by, "92006", "OPEN_BUT_CLOSED"), "0", "1250.00", "1250.00");
        figures(only(by, "92007", "AMOUNT_MISMATCH"), "1250.00", "1250.00", "1100.00");
        figures(only(by, "92008", "UNKNOWN_AT_AGENCY"), null, "1250.00", null);
        JsonNode over = only(by, "92009", "OVERCHARGE");
        // a Swedish company: at most the 450 kr compensation
        figures(over, null, "450.00", "600.00");
        JsonNode unknown = only(by, "99001", "UNKNOWN_AT_INDRIVA");
        assertThat(unknown.path("agencyClaimId").asText()).isEqualTo("7999001");
        figures(unknown, null, null, "640.00");
        assertThat(r.path("differences")).hasSize(10);
        assertThat(r.path("differenceCount").asInt()).isEqualTo(10);
        assertThat(r.path("totals").path("SEK").path("holds").asBoolean()).as("%s", r.path("totals")).isFalse();

        // the accountant's CSV: the same differences, one a line
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(TOKEN);
        h.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        ResponseEntity<String> csv = http.exchange(reconciliations(tenant) + "/" + r.path("id").asText(), HttpMethod.GET,
                new HttpEntity<>(h), String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFinvoiceId;agencyClaimId;kind;ledger;indriva;agency;action");
        assertThat(lines).hasSize(11);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("92001;" + claimId(s, "92001") + ";DIRECT_PAYMENT_NOT_FORWARDED;300.00;0.00;;"));
        gauges.refresh();
        assertThat(meters.get("indriva.reconciliation.differences").tag("tenant", tenant).gauge().value()).isEqualTo(10);

        // mended: the scan forwards 92001's payment and the agency applies it; 92007's capital is put right
        scan(s, tenant, "92001");
        assertThat(s.agencyPayments()).containsKey("93001");
        open(s, "92001", "950.00");
        open(s, "92007", "1250.00");

        JsonNode again = reconcile(tenant);

        Map<String, List<JsonNode>> after = byInvoice(again);
        assertThat(after).doesNotContainKeys("92001", "92007", "92010");
        assertThat(again.path("differences")).hasSize(8);
        gauges.refresh();
        assertThat(meters.get("indriva.reconciliation.differences").tag("tenant", tenant).gauge().value()).isEqualTo(8);
    }

    @Test
    void theAccountantStartsOneInTheWebAndReadsItsDifferencesThere() {
        var s = Upstreams.slice();
        String tenant = tenantWithRegistered(s, Invoice.overdue("96001"), Invoice.overdue("96002"));
        open(s, "96001", "1250.00");
        open(s, "96002", "1100.00");
        var other = Upstreams.slice();
        String otherTenant = tenantWithRegistered(other, Invoice.overdue("96003"));
        String password = "accountant-password-" + s.n;
        webUser("accountant-" + s.n, "CREDITOR", tenant, password);
        webUser("stranger-" + s.n, "CREDITOR", otherTenant, password);
        var web = signedIn("accountant-" + s.n, password);
        String page = "/tenants/" + tenant + "/reconciliations";
        org.jsoup.nodes.Document list = org.jsoup.Jsoup.parse(web.get(page).body());
        assertThat(list.getElementById("no-runs")).isNotNull();

        var started = web.post(page, Map.of("asOf", ""), true);
        assertThat(started.statusCode()).isEqualTo(302);
        String runPage = java.net.URI.create(eu.indriva.support.WebSession.location(started)).getPath();
        assertThat(runPage).contains(page + "/");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                org.jsoup.Jsoup.parse(web.get(runPage).body()).getElementById("recon-status").attr("data-status").equals("DONE"));
        org.jsoup.nodes.Document run = org.jsoup.Jsoup.parse(web.get(runPage).body());
        assertThat(run.getElementById("recon-claims").text()).isEqualTo("2");
        assertThat(run.select("#differences tbody tr")).hasSize(1);
        assertThat(run.select("#differences tbody tr").attr("data-invoice")).isEqualTo("96002");
        assertThat(run.select("#differences tbody tr").attr("data-kind")).isEqualTo("AMOUNT_MISMATCH");
        assertThat(run.select("#totals tr[data-currency=SEK]").attr("data-holds")).isEqualTo("false");
        // in Swedish, what to do in Swedish (the API's words in the cell's title)
        assertThat(run.select("#differences tbody tr td.wrap").text()).startsWith("Inkassobolagets kapital skiljer sig");
        assertThat(run.select("#differences tbody tr td.wrap").attr("title")).contains("differs from what Indriva transferred");
        org.jsoup.nodes.Document english = org.jsoup.Jsoup.parse(web.get(runPage + "?lang=en").body());
        assertThat(english.select("#differences tbody tr td.wrap").text()).contains("differs from what Indriva transferred");
        var csv = web.get(run.getElementById("csv").attr("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body()).contains("96002;" + claimId(s, "96002") + ";AMOUNT_MISMATCH;1250.00;1250.00;1100.00;");
        // a date to come is refused in words on the page, nothing started
        var future = web.post(page, Map.of("asOf", LocalDate.now().plusDays(2).toString()), true);
        org.jsoup.nodes.Document refused = org.jsoup.Jsoup.parse(web.get(java.net.URI.create(eu.indriva.support.WebSession.location(future)).getPath()).body());
        assertThat(refused.getElementById("refused").text()).contains("after today");
        assertThat(refused.select("#runs tbody tr")).hasSize(1);

        var stranger = signedIn("stranger-" + s.n, password);
        assertThat(stranger.get(runPage).statusCode()).isEqualTo(403);
        assertThat(stranger.get(page).statusCode()).isEqualTo(403);
    }

    @Test
    void theAgencysClaimsAreReadPageByPageToTheEnd() {
        var s = Upstreams.slice();
        String tenant = tenantWithRegistered(s, Invoice.overdue("97001"));
        open(s, "97001", "1250.00");
        // Kravia answers its change search 100 at a time: 150 claims Indriva never sent, on two pages
        java.util.function.IntFunction<String> time = i -> java.time.LocalDateTime.of(2026, 11, 1, 8, 0).plusMinutes(i).toString();
        java.util.function.BiFunction<Integer, Integer, String> page = (from, to) -> {
            StringBuilder items = new StringBuilder();
            for (int i = from; i < to; i++) {
                items.append(items.length() == 0 ? "" : ",").append("{\"invoiceId\":").append(7_980_000 + i).append(",\"creditorId\":")
                        .append(s.creditorId).append(",\"accountingInvoiceId\":\"").append(98_000 + i)
                        .append("\",\"status\":\"DebtCollection\",\"lastUpdatedTime\":\"").append(time.apply(i)).append("\"}");
            }
            return "{\"totalCount\":150,\"items\":[" + items + "]}";
        };
        var search = com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(s.prefix + "/api/v2/invoice/search");
        Upstreams.KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(search).atPriority(5)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(page.apply(0, 100))));
        Upstreams.KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(search).atPriority(1)
                .withQueryParam("lastUpdatedTime", com.github.tomakehurst.wiremock.client.WireMock.equalTo(time.apply(99)))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(page.apply(100, 150))));
        Upstreams.KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(search).atPriority(1)
                .withQueryParam("lastUpdatedTime", com.github.tomakehurst.wiremock.client.WireMock.equalTo(time.apply(149)))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"totalCount\":0,\"items\":[]}")));

        JsonNode r = reconcile(tenant);

        List<String> unknown = new ArrayList<>();
        r.path("differences").forEach(d -> unknown.add(d.path("kind").asText() + " " + d.path("agencyClaimId").asText()));
        assertThat(unknown).hasSize(150).doesNotHaveDuplicates().allMatch(u -> u.startsWith("UNKNOWN_AT_INDRIVA 798"));
        assertThat(unknown).contains("UNKNOWN_AT_INDRIVA 7980149");
    }

    @Test
    void badRequestsAreAnsweredInWordsAndATenantSeesOnlyItsOwn() {
        var s = Upstreams.slice();
        String tenant = tenantWithRegistered(s, Invoice.overdue("94001"));
        open(s, "94001", "1250.00");
        JsonNode r = reconcile(tenant);
        var other = Upstreams.slice();
        String otherTenant = tenantWithRegistered(other, Invoice.overdue("94002"));

        ResponseEntity<JsonNode> elsewhere = api(HttpMethod.GET, reconciliations(otherTenant) + "/" + r.path("id").asText(), null);
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.GET, reconciliations(otherTenant), null).getBody()).isEmpty();
        assertThat(api(HttpMethod.GET, reconciliations(tenant) + "/no-such-id", null).getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/nobody/reconciliations", null).getStatusCode().value()).isEqualTo(404);

        ResponseEntity<JsonNode> notADate = api(HttpMethod.POST, reconciliations(tenant), Upstreams.JSON.createObjectNode().put("asOf", "30.11.2026"));
        assertThat(notADate.getStatusCode().value()).isEqualTo(400);
        assertThat(notADate.getBody().path("field").asText()).isEqualTo("asOf");
        ResponseEntity<JsonNode> future = api(HttpMethod.POST, reconciliations(tenant),
                Upstreams.JSON.createObjectNode().put("asOf", LocalDate.now().plusDays(3).toString()));
        assertThat(future.getStatusCode().value()).isEqualTo(400);
        assertThat(future.getBody().toString()).contains("after today");

        // a month already ended: its period is that month; the claim transferred today is not in it
        LocalDate endOfLastMonth = LocalDate.now().withDayOfMonth(1).minusDays(1);
        ResponseEntity<JsonNode> past = api(HttpMethod.POST, reconciliations(tenant),
                Upstreams.JSON.createObjectNode().put("asOf", endOfLastMonth.toString()));
        assertThat(past.getStatusCode().value()).isEqualTo(202);
        String id = past.getBody().path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api(HttpMethod.GET, reconciliations(tenant) + "/" + id, null).getBody().path("status").asText().equals("DONE"));
        JsonNode october = api(HttpMethod.GET, reconciliations(tenant) + "/" + id, null).getBody();
        assertThat(october.path("periodStart").asText()).isEqualTo(endOfLastMonth.withDayOfMonth(1).toString());
        assertThat(october.path("claims").asInt()).isZero();
    }
}
