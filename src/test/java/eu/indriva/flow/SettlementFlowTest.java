package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static eu.indriva.support.Upstreams.KRAVIA;
import static eu.indriva.support.Upstreams.LEDGER;
import static eu.indriva.support.Upstreams.PROCOUNTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** The agency's payouts booked into the receivables ledger, exactly once (Procountor's ledger is {@code LedgerFake}). */
class SettlementFlowTest extends AppTestBase {

    private static final LocalDate DAY = LocalDate.now().minusDays(1);

    private String tenantWithClaims(Upstreams.Slice s, String... invoiceIds) {
        Invoice[] invoices = java.util.Arrays.stream(invoiceIds).map(Invoice::overdue).toArray(Invoice[]::new);
        s.standard(invoices);
        s.ledger();
        s.changes();
        String tenant = createTenant(s);
        poll(tenant);
        for (String id : invoiceIds) {
            awaitStatus(tenant, id, "REGISTERED");
        }
        return tenant;
    }

    /** A settlement over these invoices: each line capital / commission / vat. */
    private static String settlement(String id, String payout, String[]... lines) {
        StringBuilder sb = new StringBuilder("[{\"settlementId\":" + id + ",\"date\":\"" + DAY + "\",\"currencyCode\":\"SEK\",\"amount\":"
                + payout + ",\"bankReference\":\"KRV" + id + "\",\"status\":\"Open\",\"lines\":[");
        for (int i = 0; i < lines.length; i++) {
            String[] l = lines[i];
            sb.append(i == 0 ? "" : ",").append("{\"invoiceId\":").append(7_000_000L + Long.parseLong(l[0]))
                    .append(",\"accountingInvoiceId\":\"").append(l[0]).append("\",\"capital\":").append(l[1])
                    .append(",\"interest\":12.40,\"fees\":180.00,\"commission\":").append(l[2]).append(",\"vat\":").append(l[3]).append("}");
        }
        return sb.append("]}]").toString();
    }

    private void sync(String tenant) {
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/agency-sync", null).getStatusCode().value()).isEqualTo(202);
    }

    private JsonNode booking(String tenant, String settlementId) {
        for (JsonNode b : api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/settlements", null).getBody()) {
            if (b.path("settlementId").asText().equals(settlementId)) {
                return b;
            }
        }
        return null;
    }

    private JsonNode awaitBooking(String tenant, String settlementId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode b = booking(tenant, settlementId);
            assertThat(b).isNotNull();
            assertThat(b.path("status").asText()).as("%s", b).isEqualTo(status);
        });
        return booking(tenant, settlementId);
    }

    private int bookkeeps(Upstreams.Slice s, String settlementId) {
        return s.kraviaUrls("PATCH", "/api/v2/settlements/" + settlementId + "/bookkeep").size();
    }

    @Test
    void aSettlementIsBookedOnceAndNeverAgainWhenListedAgain() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaims(s, "61001", "61002");
        // 1250 − 62.50 − 15.63 + 400.10 − 20.01 − 5.00 = 1546.96
        s.settlements(settlement("9101", "1546.96", new String[] {"61001", "1250.00", "62.50", "15.63"},
                new String[] {"61002", "400.10", "20.01", "5.00"}));

        sync(tenant);
        JsonNode booked = awaitBooking(tenant, "9101", "BOOKED");

        assertThat(booked.path("capital").decimalValue()).isEqualByComparingTo("1650.10");
        assertThat(booked.path("commission").decimalValue()).isEqualByComparingTo("82.51");
        assertThat(booked.path("vat").decimalValue()).isEqualByComparingTo("20.63");
        assertThat(booked.path("acknowledged").asBoolean()).isTrue();
        List<ObjectNode> e1 = LEDGER.events(s.prefix, "61001");
        assertThat(e1).hasSize(1);
        assertThat(e1.get(0).path("amount").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(e1.get(0).path("description").asText()).contains("Kravia settlement 9101 line 1");
        assertThat(LEDGER.events(s.prefix, "61002")).hasSize(1);
        List<ObjectNode> receipts = LEDGER.receipts(s.prefix);
        assertThat(receipts).hasSize(1);
        ObjectNode receipt = receipts.get(0);
        assertThat(receipt.path("status").asText()).isEqualTo("APPROVED");
        assertThat(receipt.path("name").asText()).isEqualTo("Kravia settlement 9101");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : receipt.path("transactions")) {
            sum = sum.add(row.path("accountingValue").decimalValue());
            assertThat(row.path("vatPercent").decimalValue()).isEqualByComparingTo("0");
        }
        assertThat(sum).isEqualByComparingTo("0");
        assertThat(receipt.path("transactions").toString()).contains("\"6570\"").contains("\"2640\"").contains("\"1930\"")
                .contains("82.51").contains("20.63").contains("-103.14");
        assertThat(booked.path("journalReceiptId").asText()).isEqualTo(receipt.path("id").asText());
        assertThat(s.kraviaUrls("PATCH", "/api/v2/settlements/9101/bookkeep"))
                .containsExactly(s.prefix + "/api/v2/settlements/9101/bookkeep?internalAccountingId=" + receipt.path("id").asText());
        assertThat(claim(tenant, "61001").path("history").toString()).contains("SETTLEMENT_PAID");
        // the claim shows what the agency paid out for it, beside what was transferred
        assertThat(claim(tenant, "61001").path("paidOutByAgency").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(claim(tenant, "61002").path("paidOutByAgency").decimalValue()).isEqualByComparingTo("400.10");

        // the payouts page shows it and how it was booked: the journal rows are the receipt's, to the cent
        webUser("payouts-" + s.n, "CREDITOR", tenant, "payouts password 1");
        var web = signedIn("payouts-" + s.n, "payouts password 1");
        org.jsoup.nodes.Document payouts = org.jsoup.Jsoup.parse(web.get("/tenants/" + tenant + "/payouts?lang=en").body());
        assertThat(payouts.select("#payouts tbody tr").eachAttr("data-settlement")).containsExactly("9101");
        assertThat(payouts.select("#payouts tbody tr").text()).contains("1,546.96 SEK", "Booked", receipt.path("id").asText());
        org.jsoup.nodes.Document one = org.jsoup.Jsoup.parse(web.get("/tenants/" + tenant + "/payouts/9101?lang=en").body());
        assertThat(one.select("#payout-lines tbody tr").eachAttr("data-invoice")).containsExactly("61001", "61002");
        assertThat(one.select("#payout-lines tbody tr").text()).contains("Marked paid", e1.get(0).path("id").asText());
        java.util.List<String> shown = one.select("#payout-journal tbody tr").stream()
                .map(r -> r.attr("data-account") + " " + new BigDecimal(r.attr("data-amount")).toPlainString()).toList();
        java.util.List<String> sent = new java.util.ArrayList<>();
        receipt.path("transactions").forEach(t -> sent.add(t.path("account").asText() + " " + t.path("accountingValue").decimalValue().toPlainString()));
        assertThat(shown).containsExactlyElementsOf(sent);
        assertThat(one.select("#payout-journal tfoot").text()).contains("103.14 103.14");
        assertThat(one.select("#payout-ack").text()).isEqualTo("yes");
        assertThat(web.get("/tenants/" + tenant + "/payouts/9999").statusCode()).isEqualTo(404);

        // the list pages: X-Total-Count says how many in all
        String list = "/api/v1/tenants/" + tenant + "/settlements";
        var first = api(HttpMethod.GET, list + "?size=1", null);
        assertThat(first.getBody()).hasSize(1);
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("1");
        assertThat(api(HttpMethod.GET, list + "?page=1&size=1", null).getBody()).isEmpty();
        assertThat(api(HttpMethod.GET, list + "?size=0", null).getStatusCode().value()).isEqualTo(400);
        assertThat(api(HttpMethod.GET, list + "?pageSize=5", null).getBody().path("field").asText()).isEqualTo("pageSize");

        // Kravia lists it again: nothing is booked twice
        sync(tenant);
        await().atMost(Duration.ofSeconds(10)).until(() -> bookkeeps(s, "9101") == 2);
        assertThat(LEDGER.events(s.prefix, "61001")).hasSize(1);
        assertThat(LEDGER.events(s.prefix, "61002")).hasSize(1);
        assertThat(LEDGER.receipts(s.prefix)).hasSize(1);
    }

    @Test
    void aLostAnswerAfterEachStepIsLookedUpNotRepeated() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaims(s, "62001", "62002");
        s.settlements(settlement("9201", "1600.00", new String[] {"62001", "1000.00", "100.00", "25.00"},
                new String[] {"62002", "1000.00", "220.00", "55.00"}));
        // step 2: the first markpaid reaches the ledger, its answer is lost
        PROCOUNTOR.stubFor(put(urlPathMatching(s.prefix + "/invoices/[0-9]+/paymentevents/markpaid")).inScenario("m" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{}").withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        PROCOUNTOR.stubFor(put(urlPathMatching(s.prefix + "/invoices/[0-9]+/paymentevents/markpaid")).inScenario("m" + s.n)
                .whenScenarioStateIs("ok").willReturn(okJson("{}")));
        // step 3: the receipt is created, its answer is lost
        PROCOUNTOR.stubFor(post(urlPathEqualTo(s.prefix + "/ledgerreceipts")).inScenario("r" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{}").withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        PROCOUNTOR.stubFor(post(urlPathEqualTo(s.prefix + "/ledgerreceipts")).inScenario("r" + s.n)
                .whenScenarioStateIs("ok").willReturn(okJson("{}")));
        // step 4: the acknowledgement fails once
        KRAVIA.stubFor(patch(urlPathMatching(s.prefix + "/api/v2/settlements/[0-9]+/bookkeep")).inScenario("b" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(Upstreams.status(503)).willSetStateTo("ok"));
        KRAVIA.stubFor(patch(urlPathMatching(s.prefix + "/api/v2/settlements/[0-9]+/bookkeep")).inScenario("b" + s.n)
                .whenScenarioStateIs("ok").willReturn(okJson("{}")));

        syncAndWait(tenant);
        assertThat(LEDGER.events(s.prefix, "62001")).as("after run 1").hasSize(1);
        assertThat(booking(tenant, "9201").path("reason").asText()).contains("will resume");
        syncAndWait(tenant);
        assertThat(LEDGER.receipts(s.prefix)).as("after run 2").hasSize(1);
        assertThat(bookkeeps(s, "9201")).isZero();
        syncAndWait(tenant);
        assertThat(bookkeeps(s, "9201")).as("after run 3").isEqualTo(1);
        assertThat(booking(tenant, "9201").path("status").asText()).isEqualTo("BOOKING");
        syncAndWait(tenant);
        assertThat(bookkeeps(s, "9201")).as("after run 4").isEqualTo(2);

        JsonNode booked = awaitBooking(tenant, "9201", "BOOKED");
        assertThat(LEDGER.events(s.prefix, "62001")).as("line 1 marked paid once").hasSize(1);
        assertThat(LEDGER.events(s.prefix, "62002")).as("line 2 marked paid once").hasSize(1);
        assertThat(LEDGER.receipts(s.prefix)).as("one receipt").hasSize(1);
        assertThat(LEDGER.receipts(s.prefix).get(0).path("status").asText()).isEqualTo("APPROVED");
        assertThat(booked.path("journalReceiptId").asText()).isEqualTo(LEDGER.receipts(s.prefix).get(0).path("id").asText());
    }

    @Autowired
    ProducerTemplate camel;

    /** One agency sync, start to end (the admin API's agency-sync starts the same route and returns at once). */
    private void syncAndWait(String tenant) {
        camel.sendBody("seda:agency-sync?waitForTaskToComplete=Always&timeout=60000", tenant);
    }

    @Test
    void anUnbalancedSettlementNeedsAttentionAndNothingIsBooked() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaims(s, "63001");
        s.settlements(settlement("9301", "1200.00", new String[] {"63001", "1250.00", "62.50", "15.63"}));

        sync(tenant);
        JsonNode b = awaitBooking(tenant, "9301", "NEEDS_ATTENTION");

        assertThat(b.path("reason").asText()).contains("1200.00").contains("1171.87");
        assertThat(LEDGER.events(s.prefix, "63001")).isEmpty();
        assertThat(LEDGER.receipts(s.prefix)).isEmpty();
        assertThat(bookkeeps(s, "9301")).isZero();
    }

    @Test
    void aLineForAClaimThatIsNotThisTenantsNeedsAttention() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaims(s, "64001");
        s.settlements(settlement("9401", "1171.87", new String[] {"64999", "1250.00", "62.50", "15.63"}));

        sync(tenant);

        assertThat(awaitBooking(tenant, "9401", "NEEDS_ATTENTION").path("reason").asText()).contains("not a claim of this tenant");
        assertThat(bookkeeps(s, "9401")).isZero();
    }

    @Test
    void aPayoutThatArrivedOnTheInvoicesOwnReferenceIsNotMarkedPaidAgain() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaims(s, "65001");
        ObjectNode bankPayment = Upstreams.JSON.createObjectNode().put("id", 555001).put("invoiceId", 65001).put("type", "REFERENCEPAYMENT")
                .put("paymentDate", DAY.plusDays(2).toString()).put("amount", new BigDecimal("1250.00")).put("currency", "SEK");
        LEDGER.addEvent(s.prefix, "65001", bankPayment);
        s.settlements(settlement("9501", "1171.87", new String[] {"65001", "1250.00", "62.50", "15.63"}));

        sync(tenant);
        awaitBooking(tenant, "9501", "BOOKED");

        assertThat(LEDGER.events(s.prefix, "65001")).hasSize(1).first().matches(e -> e.path("id").asLong() == 555001);
        assertThat(claim(tenant, "65001").path("history").toString()).contains("SETTLEMENT_PAID_BY_REFERENCE");
        assertThat(LEDGER.receipts(s.prefix)).hasSize(1);
    }

    @Test
    void aSettlementWithNothingToBookIsAcknowledgedWithNoEntry() {
        var s = Upstreams.slice();
        String tenant = tenantWithClaims(s, "66001");
        s.settlements(settlement("9601", "0.00", new String[] {"66001", "0.00", "0.00", "0.00"}));

        sync(tenant);
        JsonNode b = awaitBooking(tenant, "9601", "BOOKED");

        assertThat(b.path("journalReceiptId").asText()).isEqualTo("no-entry");
        assertThat(s.kraviaUrls("PATCH", "/api/v2/settlements/9601/bookkeep")).containsExactly(
                s.prefix + "/api/v2/settlements/9601/bookkeep?internalAccountingId=no-entry");
        assertThat(LEDGER.events(s.prefix, "66001")).isEmpty();
        assertThat(LEDGER.receipts(s.prefix)).isEmpty();
    }
}
