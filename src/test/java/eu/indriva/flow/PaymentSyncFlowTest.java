package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static eu.indriva.support.Upstreams.KRAVIA;
import static eu.indriva.support.Upstreams.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Accounting → agency: direct payments and credit notes forwarded once, the agency's own payouts never; recall, pause, resume. */
class PaymentSyncFlowTest extends AppTestBase {

    @Autowired
    ProducerTemplate camel;

    private String tenantWithClaim(Upstreams.Slice s, Invoice invoice) {
        String tenant = tenantWithRegistered(s, invoice);
        s.changedInvoices(new String[] {invoice.id(), "PARTLY_PAID"});
        return tenant;
    }

    private void scan(String tenant) {
        camel.sendBody("seda:payment-sync?waitForTaskToComplete=Always&timeout=60000", tenant);
    }

    private static ObjectNode event(long id, String invoiceId, String type, String amount, LocalDate date, String description) {
        ObjectNode e = Upstreams.JSON.createObjectNode().put("id", id).put("invoiceId", Long.parseLong(invoiceId)).put("type", type)
                .put("paymentDate", date.toString()).put("status", "PAID").put("amount", new BigDecimal(amount)).put("currency", "SEK");
        if (description != null) {
            e.put("description", description);
        }
        return e;
    }

    @Test
    void eachKindOfPaymentEventIsHandledOnceAsTheTableSays() {
        var s = Upstreams.slice();
        // paid 250.00 before the transfer: part of the outstanding amount, never forwarded
        Invoice inv = Invoice.overdue("71001").withStatus("PARTLY_PAID").withTotal("1500.00").withPayments("250.00");
        String tenant = tenantWithClaim(s, inv);
        LocalDate today = LocalDate.now();
        LEDGER.addEvent(s.prefix, "71001", event(80001, "71001", "BANKTRANSFERELSEWHERE", "99.00", today, "[Indriva] Kravia write-off, claim 1"));
        LEDGER.addEvent(s.prefix, "71001", event(80002, "71001", "REFERENCEPAYMENT", "100.00", today, null));
        LEDGER.addEvent(s.prefix, "71001", event(80003, "71001", "CASH", "50.00", today, null));
        LEDGER.addEvent(s.prefix, "71001", event(80004, "71001", "COMPENSATIONINVOICE", "200.00", today, null));
        LEDGER.addEvent(s.prefix, "71001", event(80005, "71001", "ADJUSTMENT", "10.00", today, null));
        LEDGER.addEvent(s.prefix, "71001", event(80006, "71001", "SOMETHING_NEW", "5.00", today, null));

        scan(tenant);

        var sent = s.agencyPayments();
        assertThat(sent.keySet()).containsExactlyInAnyOrder("80002", "80003", "80004");
        String claimId = s.agencyClaims().get("71001").toString();
        JsonNode direct = sent.get("80002");
        assertThat(direct.path("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(direct.path("invoices").get(0).path("invoiceId").asText()).isEqualTo(claimId);
        JsonNode credit = sent.get("80004");
        assertThat(credit.path("Amount").decimalValue()).isEqualByComparingTo("-200.00");
        assertThat(credit.path("Invoices").get(0).path("Amount").decimalValue()).isEqualByComparingTo("-200.00");
        JsonNode claim = claim(tenant, "71001");
        assertThat(claim.path("needsAttention").asText()).contains("80006");
        // what reached the agency, on the claim: 100 + 50 paid directly, 200 credited
        assertThat(claim.path("forwardedPayments").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(claim.path("forwardedCreditNotes").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(claim.path("paidOutByAgency").decimalValue()).isEqualByComparingTo("0");
        // the claims list filters on it and takes the status in any case; a misspelt filter is a 400, not "everything"
        String list = "/api/v1/tenants/" + tenant + "/claims";
        assertThat(api(org.springframework.http.HttpMethod.GET, list + "?needsAttention=true&status=registered", null).getBody()
                .path("items").get(0).path("invoiceId").asText()).isEqualTo("71001");
        assertThat(api(org.springframework.http.HttpMethod.GET, list + "?needsAttention=false", null).getBody().path("total").asInt()).isZero();
        var misspelt = api(org.springframework.http.HttpMethod.GET, list + "?needsAttenton=true", null);
        assertThat(misspelt.getStatusCode().value()).isEqualTo(400);
        assertThat(misspelt.getBody().path("field").asText()).isEqualTo("needsAttenton");
        String history = claim.path("history").toString();
        assertThat(history).contains("DIRECT_PAYMENT_FORWARDED").contains("CREDIT_NOTE_FORWARDED").contains("PAYMENT_NEEDS_ATTENTION")
                .contains("80005").contains("80006");

        scan(tenant);
        assertThat(s.kraviaRequests("POST", "/api/v2/invoice/payment")).as("nothing forwarded twice").isEqualTo(2);
        assertThat(s.kraviaRequests("POST", "/api/v2/invoice/creditnote")).isEqualTo(1);
    }

    @Test
    void theAgencysPayoutArrivingOnTheInvoiceReferenceIsNeverForwarded() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("72001");
        String tenant = tenantWithClaim(s, inv);
        LocalDate day = LocalDate.now().minusDays(1);
        long claimId = s.agencyClaims().get("72001");
        s.settlements("[{\"settlementId\":9701,\"date\":\"" + day + "\",\"currencyCode\":\"SEK\",\"amount\":1171.87,\"status\":\"Open\","
                + "\"lines\":[{\"invoiceId\":" + claimId + ",\"accountingInvoiceId\":\"72001\",\"capital\":1250.00,\"commission\":62.50,\"vat\":15.63}]}]");
        camel.sendBody("seda:agency-sync?waitForTaskToComplete=Always&timeout=60000", tenant);
        assertThat(LEDGER.events(s.prefix, "72001")).as("settlement booked by part 2").hasSize(1);

        // then the same amount arrives on the invoice's reference two days later
        LEDGER.addEvent(s.prefix, "72001", event(81001, "72001", "REFERENCEPAYMENT", "1250.00", day.plusDays(2), null));
        scan(tenant);

        assertThat(s.agencyPayments()).isEmpty();
        assertThat(claim(tenant, "72001").path("history").toString()).contains("AGENCY_PAYOUT_SEEN");
    }

    @Test
    void aPaymentLargerThanTheCapitalIsForwardedCappedAndFlagged() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaim(s, Invoice.overdue("73001"));
        LEDGER.addEvent(s.prefix, "73001", event(82001, "73001", "BANKSTATEMENT", "2000.00", LocalDate.now(), null));

        scan(tenant);

        assertThat(s.agencyPayments().get("82001").path("amount").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(claim(tenant, "73001").path("needsAttention").asText()).contains("2000.00").contains("1250.00");
    }

    @Test
    void aLostAnswerToAForwardIsSentAgainAndTheAgencysRepeatAnswerEndsIt() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaim(s, Invoice.overdue("74001"));
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/payment")).inScenario("pay" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{}").withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/payment")).inScenario("pay" + s.n)
                .whenScenarioStateIs("ok").willReturn(okJson("{}")));
        LEDGER.addEvent(s.prefix, "74001", event(83001, "74001", "REFERENCEPAYMENT", "300.00", LocalDate.now(), null));

        scan(tenant);
        assertThat(s.agencyPayments()).containsOnlyKeys("83001");
        scan(tenant);
        scan(tenant);

        assertThat(s.kraviaRequests("POST", "/api/v2/invoice/payment")).isEqualTo(2);
        assertThat(s.agencyPayments()).containsOnlyKeys("83001");
        assertThat(s.agencyPayments().get("83001").path("amount").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(claim(tenant, "74001").path("history").toString()).contains("it already had it");
    }

    @Test
    void recallUsesWithdrawWhenOfferedAndTheClaimClosesWhenKraviaSaysSo() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaim(s, Invoice.overdue("75001"));
        String claimId = s.agencyClaims().get("75001").toString();
        String path = s.prefix + "/api/v2/invoice/" + claimId;
        KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path + "/details")).inScenario("w" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(s.detailsJson(claimId, "75001", "Reminder", null, "2026-11-20T10:00:00", "1250.00"))));
        KRAVIA.stubFor(post(urlPathEqualTo(path + "/actions/Withdraw")).inScenario("w" + s.n).willReturn(okJson("{}")).willSetStateTo("gone"));
        KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path + "/details")).inScenario("w" + s.n)
                .whenScenarioStateIs("gone").willReturn(okJson(s.detailsJson(claimId, "75001", "Closed", "Withdrawn", "2026-11-20T10:05:00", "0.00"))));

        ResponseEntity<JsonNode> r = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/75001/recall", null);

        assertThat(r.getStatusCode().value()).isEqualTo(202);
        JsonNode closed = claim(tenant, "75001");
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("closeReason").asText()).isEqualTo("WITHDRAWN");
        assertThat(closed.path("history").toString()).contains("RECALL_REQUESTED").contains("withdraw sent to Kravia");
        assertThat(s.agencyPayments()).isEmpty();
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/75001/recall", null).getStatusCode().value()).isEqualTo(409);
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/99999/recall", null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void recallWithoutWithdrawCreditsTheOutstandingCapital() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaim(s, Invoice.overdue("76001"));
        String claimId = s.agencyClaims().get("76001").toString();
        String path = s.prefix + "/api/v2/invoice/" + claimId;
        String legal = s.detailsJson(claimId, "76001", "Legal", null, "2026-11-20T10:00:00", "980.40").replace("[\"Pause\",\"Withdraw\"]", "[]");
        KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path + "/details")).willReturn(okJson(legal)));

        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/76001/recall", null).getStatusCode().value()).isEqualTo(202);

        JsonNode credit = s.agencyPayments().get("recall-" + claimId);
        assertThat(credit).isNotNull();
        assertThat(credit.path("Amount").decimalValue()).isEqualByComparingTo("-980.40");
        assertThat(s.kraviaRequests("POST", "/api/v2/invoice/" + claimId + "/actions/Withdraw")).isZero();
        JsonNode claim = claim(tenant, "76001");
        assertThat(claim.path("status").asText()).as("closed only when Kravia says so").isEqualTo("REGISTERED");
        assertThat(claim.path("history").toString()).contains("full credit note of 980.40");
    }

    @Test
    void pauseRefusedByKraviaIs409WithTheReasonAndResumeWorks() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaim(s, Invoice.overdue("77001"));
        String claimId = s.agencyClaims().get("77001").toString();
        s.details(claimId, "77001", "Paused", null, "2026-11-21T09:00:00", "1250.00");
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/" + claimId + "/actions/Pause"))
                .willReturn(Upstreams.status(409).withBody("{\"errors\":[{\"message\":\"claim is already paused\"}]}")));
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/" + claimId + "/actions/Resume")).willReturn(okJson("{}")));

        ResponseEntity<JsonNode> refused = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/77001/pause", null);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().path("message").asText()).contains("Pause").contains("already paused");

        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/77001/resume", null).getStatusCode().value()).isEqualTo(202);
        assertThat(claim(tenant, "77001").path("history").toString()).contains("PAUSE_REFUSED").contains("RESUME_REQUESTED")
                .contains("resume sent to Kravia, asked by an admin");
    }

    @Test
    void anInvoiceInvalidatedAfterTransferIsRecalled() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaim(s, Invoice.overdue("78001"));
        String claimId = s.agencyClaims().get("78001").toString();
        s.details(claimId, "78001", "Reminder", null, "2026-11-21T09:00:00", "1250.00");
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/" + claimId + "/actions/Withdraw")).willReturn(okJson("{}")));
        s.changedInvoices(new String[] {"78001", "INVALIDATED"});

        scan(tenant);

        assertThat(s.kraviaRequests("POST", "/api/v2/invoice/" + claimId + "/actions/Withdraw")).isEqualTo(1);
        assertThat(claim(tenant, "78001").path("history").toString()).contains("AUTO_RECALL").contains("INVALIDATED");
    }
}
