package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static eu.indriva.support.Upstreams.KRAVIA;
import static eu.indriva.support.Upstreams.PROCOUNTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The outbound flow end to end against WireMock Procountor and Kravia (H2 file, embedded Artemis). */
class OutboundFlowTest extends AppTestBase {

    @Test
    void pagesThroughEveryPageAndRegistersEachInvoiceOnce() {
        var s = Upstreams.slice();
        List<Invoice> all = IntStream.rangeClosed(1, 5).mapToObj(i -> Invoice.overdue(Integer.toString(1000 + i))).toList();
        s.token();
        s.kravia();
        s.searchPages(2, List.of(all.subList(0, 2), all.subList(2, 4), all.subList(4, 5)));
        all.forEach(s::invoice);
        String tenant = createTenant(s);

        poll(tenant);

        all.forEach(inv -> awaitStatus(tenant, inv.id(), "REGISTERED"));
        assertThat(s.agencyClaims().keySet()).containsExactlyInAnyOrder("1001", "1002", "1003", "1004", "1005");
        assertThat(s.registerRequests()).isEqualTo(5);
        PROCOUNTOR.verify(3, getRequestedFor(urlPathEqualTo(s.prefix + "/invoices")).withQueryParam("dueEndDate", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
        JsonNode claim = claim(tenant, "1003");
        assertThat(claim.path("agencyClaimId").asText()).isEqualTo(s.agencyClaims().get("1003").toString());
        assertThat(claim.path("transferredAt").isNull()).isFalse();
        // the transfer note keeps the user's text and names the agency and the claim
        PROCOUNTOR.verify(putRequestedFor(urlPathEqualTo(s.prefix + "/invoices/1003/notes"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("Customer promised to pay. /Eva\\n[Indriva] Transferred to Kravia for collection, claim "
                        + s.agencyClaims().get("1003"))));
        KRAVIA.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo(s.prefix + "/api/v2/invoice/" + s.agencyClaims().get("1003") + "/attachment")));
    }

    @Test
    void partlyPaidInvoiceIsClaimedForTheOutstandingAmount() throws Exception {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("2001").withStatus("PARTLY_PAID").withTotal("5000.00").withPayments("2000.00", "500.50");
        s.standard(inv);
        String tenant = createTenant(s);

        poll(tenant);

        JsonNode claim = awaitStatus(tenant, "2001", "REGISTERED");
        assertThat(claim.path("amount").decimalValue()).isEqualByComparingTo("2499.50");
        JsonNode sent = Upstreams.JSON.readTree(s.registerBodies().get(0));
        assertThat(sent.path("originalAmount").decimalValue()).isEqualByComparingTo("2499.50");
        assertThat(sent.path("accountingInvoiceId").asText()).isEqualTo("2001");
        assertThat(sent.path("debtorNumber").asText()).isEqualTo("C-2001");
        assertThat(sent.path("organizationNumber").asText()).isEqualTo("556036-0793");
        assertThat(sent.path("postalAddress").path("addressCountryCode").asText()).isEqualTo("SE");
        assertThat(sent.path("creditorId").asLong()).isEqualTo(s.creditorId);
    }

    @Test
    void policyExclusionsStayWithTheCreditorAndAreNotClaims() {
        var s = Upstreams.slice();
        Invoice eligible = Invoice.overdue("3001");
        Invoice paid = Invoice.overdue("3002").withStatus("PARTLY_PAID").withPayments("1250.00");
        Invoice small = Invoice.overdue("3003").withTotal("99.99");
        Invoice dollars = Invoice.overdue("3004").withCurrency("USD");
        Invoice excluded = Invoice.overdue("3005").withCustomer("VIP-1");
        Invoice notYet = Invoice.overdue("3006").withDueDate(LocalDate.now().minusDays(5));
        s.standard(eligible, paid, small, dollars, excluded, notYet);
        String tenant = createTenant(s, s.tenantJson(10, "100.00", List.of("VIP-1")));

        poll(tenant);

        awaitStatus(tenant, "3001", "REGISTERED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(claims(tenant).path("total").asInt()).isEqualTo(1));
        assertThat(s.agencyClaims().keySet()).containsExactly("3001");
        for (String stays : List.of("3002", "3003", "3004", "3005", "3006")) {
            assertThat(claim(tenant, stays)).as(stays).isNull();
        }
    }

    @Test
    void twoPollsAtOnceMakeOneClaimPerInvoice() {
        var s = Upstreams.slice();
        Invoice[] invoices = IntStream.rangeClosed(1, 8).mapToObj(i -> Invoice.overdue(Integer.toString(4000 + i))).toArray(Invoice[]::new);
        s.standard(invoices);
        String tenant = createTenant(s);

        List<CompletableFuture<Void>> polls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            polls.add(CompletableFuture.runAsync(() -> poll(tenant)));
        }
        polls.forEach(CompletableFuture::join);

        for (Invoice inv : invoices) {
            awaitStatus(tenant, inv.id(), "REGISTERED");
        }
        assertThat(s.agencyClaims()).hasSize(8);
        assertThat(s.registerRequests()).as("one register request per invoice").isEqualTo(8);
    }

    @Test
    void rateLimitAndServerErrorsAreRetriedUntilSuccess() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("5001");
        s.standard(inv);
        // Procountor: 429 (with Retry-After) then the invoice
        PROCOUNTOR.stubFor(get(urlPathEqualTo(s.prefix + "/invoices/5001")).inScenario("p" + s.n).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(Upstreams.status(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        s.stubInvoice(inv, get(urlPathEqualTo(s.prefix + "/invoices/5001")).inScenario("p" + s.n).whenScenarioStateIs("ok"));
        // Kravia: 503 twice, then accepted
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).inScenario("k" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(Upstreams.status(503)).willSetStateTo("second"));
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).inScenario("k" + s.n)
                .whenScenarioStateIs("second").willReturn(Upstreams.status(502)).willSetStateTo("ok"));
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).inScenario("k" + s.n)
                .whenScenarioStateIs("ok").willReturn(okJson("{}")));
        String tenant = createTenant(s);

        poll(tenant);

        JsonNode claim = awaitStatus(tenant, "5001", "REGISTERED");
        assertThat(s.agencyClaims()).containsOnlyKeys("5001");
        assertThat(s.registerRequests()).isEqualTo(3);
        assertThat(claim.path("history").toString()).contains("ATTEMPT_FAILED").contains("answered 503").contains("answered 502");
    }

    @Test
    void aFailedAttachmentIsRetriedWithoutASecondTransferNote() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("5101");
        s.standard(inv);
        String attachment = s.prefix + "/api/v2/invoice/[0-9]+/attachment";
        KRAVIA.stubFor(post(urlPathMatching(attachment)).inScenario("a" + s.n).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(Upstreams.status(503)).willSetStateTo("ok"));
        KRAVIA.stubFor(post(urlPathMatching(attachment)).inScenario("a" + s.n).whenScenarioStateIs("ok")
                .willReturn(okJson("{}")));
        String tenant = createTenant(s);

        poll(tenant);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(claim(tenant, "5101").path("history").toString()).contains("ATTACHMENT_SENT"));
        String history = claim(tenant, "5101").path("history").toString();
        assertThat(history).contains("FOLLOW_UP_FAILED").contains("answered 503");
        assertThat(history.split("NOTE_WRITTEN", -1)).as("one NOTE_WRITTEN entry").hasSize(2);
        assertThat(history.split("ATTACHMENT_SENT", -1)).as("one ATTACHMENT_SENT entry").hasSize(2);
        KRAVIA.verify(2, postRequestedFor(urlPathMatching(attachment)));
        PROCOUNTOR.verify(1, putRequestedFor(urlPathEqualTo(s.prefix + "/invoices/5101/notes")));
        assertThat(s.registerRequests()).isEqualTo(1);
    }

    @Test
    void agencyValidationErrorRejectsTheClaimWithTheAgencysMessage() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("6001");
        s.standard(inv);
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).willReturn(Upstreams.status(400)
                .withBody("{\"errors\":[{\"field\":\"postalAddress.addressPostalCode\",\"message\":\"postal code is not valid for SE\"}]}")));
        String tenant = createTenant(s);

        poll(tenant);

        JsonNode claim = awaitStatus(tenant, "6001", "REJECTED");
        assertThat(claim.path("reason").asText()).contains("postalAddress.addressPostalCode").contains("postal code is not valid for SE");
        assertThat(s.registerRequests()).isEqualTo(1);
        assertThat(s.agencyClaims()).isEmpty();
    }

    @Test
    void readTimeoutAfterTheAgencyCreatedTheClaimAdoptsItOn409() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("7001");
        s.standard(inv);
        // the first answer comes after the 3 s read timeout: Kravia created the claim, Indriva never heard
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).inScenario("k" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{}").withFixedDelay(5000)).willSetStateTo("fast"));
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).inScenario("k" + s.n)
                .whenScenarioStateIs("fast").willReturn(okJson("{}")));
        String tenant = createTenant(s);

        poll(tenant);

        JsonNode claim = awaitStatus(tenant, "7001", "REGISTERED");
        assertThat(s.agencyClaims()).hasSize(1);
        assertThat(s.registerRequests()).isEqualTo(2);
        assertThat(claim.path("agencyClaimId").asText()).isEqualTo(s.agencyClaims().get("7001").toString());
        assertThat(claim.path("history").toString()).contains("timed out").contains("adopted");
    }

    @Test
    void exhaustedRetriesFailTheClaimAndRetrySendsItAgain() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("8001");
        s.standard(inv);
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).willReturn(Upstreams.status(500)));
        String tenant = createTenant(s);

        poll(tenant);

        JsonNode failed = awaitStatus(tenant, "8001", "FAILED");
        assertThat(failed.path("reason").asText()).contains("gave up after 4 attempts").contains("answered 500");
        assertThat(s.registerRequests()).isEqualTo(4);
        // retrying a claim that is not FAILED/REJECTED is refused
        s.kravia();
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/8001/retry", null).getStatusCode().value()).isEqualTo(202);
        awaitStatus(tenant, "8001", "REGISTERED");
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/8001/retry", null).getStatusCode().value()).isEqualTo(409);
        assertThat(s.agencyClaims()).hasSize(1);
    }

    @Test
    void invalidDebtorIsRejectedWithAReasonAndSentOnceTheDataIsFixed() {
        var s = Upstreams.slice();
        Invoice bad = Invoice.overdue("9001").withIdentifier("556036-0794");
        s.standard(bad);
        String tenant = createTenant(s);

        poll(tenant);

        JsonNode rejected = awaitStatus(tenant, "9001", "REJECTED");
        assertThat(rejected.path("reason").asText()).contains("counterParty.identifier").contains("check digit").doesNotContain("0794");
        assertThat(s.registerRequests()).isZero();
        // a second poll does not send it again as it is
        poll(tenant);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> "REJECTED".equals(status(tenant, "9001")));
        assertThat(s.registerRequests()).isZero();

        s.invoice(bad.withIdentifier("556036-0793"));
        var r = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfers", Upstreams.JSON.createObjectNode().put("invoiceId", "9001"));
        assertThat(r.getStatusCode().value()).isEqualTo(202);
        awaitStatus(tenant, "9001", "REGISTERED");
        assertThat(s.agencyClaims()).containsOnlyKeys("9001");
    }

    @Test
    void aManualTransferOfAnExcludedCustomersInvoiceIsNotAClaimAndADisabledTenantTransfersNothing() {
        var s = Upstreams.slice();
        Invoice excluded = Invoice.overdue("9701").withCustomer("VIP-7");
        Invoice eligible = Invoice.overdue("9702");
        s.standard();
        s.invoice(excluded);
        s.invoice(eligible);
        String tenant = createTenant(s, s.tenantJson(0, "0", List.of("VIP-7")));

        var refused = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfers", Upstreams.JSON.createObjectNode().put("invoiceId", "9701"));
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("field").asText()).isEqualTo("invoiceId");
        assertThat(refused.getBody().path("message").asText()).contains("customer VIP-7 is excluded by the policy");
        assertThat(claim(tenant, "9701")).as("nothing stored").isNull();

        var json = s.tenantJson(0, "0", List.of("VIP-7"));
        json.put("enabled", false);
        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/" + tenant, json).getStatusCode().value()).isEqualTo(200);
        var disabled = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfers", Upstreams.JSON.createObjectNode().put("invoiceId", "9702"));
        assertThat(disabled.getStatusCode().value()).isEqualTo(409);
        assertThat(disabled.getBody().path("message").asText()).contains("disabled");
        assertThat(claim(tenant, "9702")).isNull();
        assertThat(s.registerRequests()).isZero();
    }

    @Test
    void manualTransferIgnoresGraceDaysMinimumAndAutomatic() {
        var s = Upstreams.slice();
        Invoice fresh = Invoice.overdue("9501").withDueDate(LocalDate.now().minusDays(1)).withTotal("10.00");
        s.standard();
        s.invoice(fresh);
        var json = s.tenantJson(30, "500", List.of());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("policy")).put("automatic", false);
        String tenant = createTenant(s, json);

        var accepted = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfers", Upstreams.JSON.createObjectNode().put("invoiceId", "9501"));
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody().path("invoiceId").asText()).isEqualTo("9501");

        awaitStatus(tenant, "9501", "REGISTERED");
        assertThat(s.agencyClaims()).containsOnlyKeys("9501");
        // transferring it again changes nothing, and says so
        var again = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfers", Upstreams.JSON.createObjectNode().put("invoiceId", "9501"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().path("message").asText()).contains("already registered as claim " + s.agencyClaims().get("9501"));
        assertThat(s.registerRequests()).isEqualTo(1);
        // an invoice Procountor does not know is a 404
        var unknown = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfers", Upstreams.JSON.createObjectNode().put("invoiceId", "9599"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody().path("message").asText()).contains("9599");
    }
}
