package eu.indriva.flow;

import static eu.indriva.support.Upstreams.KRAVIA;
import static eu.indriva.support.Upstreams.PROCOUNTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The preview (GET /api/v1/tenants/{id}/preview) against WireMock Procountor and Kravia: every
 * reason of the contract, no side effect anywhere, and a poll right after it transfers exactly what
 * it listed.
 */
class PreviewFlowTest extends AppTestBase {

    @Test
    void listsWhatAPollWouldTransferAndWhyTheRestStaysWithoutTouchingAnything() {
        var s = Upstreams.slice();
        Invoice known = Invoice.overdue("6001");
        s.standard(known);
        ObjectNode json = s.tenantJson(10, "100.00", List.of("VIP-1"));
        String tenant = createTenant(s, json);
        poll(tenant);
        awaitStatus(tenant, "6001", "REGISTERED");
        // disabled, so that no scheduled poll runs while the preview is looked at: a preview works before enabling
        json.put("enabled", false);
        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/" + tenant, json).getStatusCode().value()).isEqualTo(200);

        Invoice eligible = Invoice.overdue("6002");
        Invoice partlyPaid = Invoice.overdue("6003").withStatus("PARTLY_PAID").withTotal("5000.00").withPayments("2000.00");
        Invoice paid = Invoice.overdue("6004").withStatus("PARTLY_PAID").withPayments("1250.00");
        Invoice small = Invoice.overdue("6005").withTotal("99.99");
        Invoice dollars = Invoice.overdue("6006").withCurrency("USD");
        Invoice excluded = Invoice.overdue("6007").withCustomer("VIP-1");
        Invoice withinGrace = Invoice.overdue("6008").withDueDate(LocalDate.now().minusDays(5));
        Invoice badDebtor = Invoice.overdue("6009").withIdentifier("556036-0794");
        s.standard(known, eligible, partlyPaid, paid, small, dollars, excluded, withinGrace, badDebtor);
        long claimsBefore = claims(tenant).path("total").asLong();
        String historyBefore = claim(tenant, "6001").path("history").toString();
        int procountorWritesBefore = procountorWrites(s);
        int kraviaBefore = kraviaRequests(s);

        ResponseEntity<JsonNode> r = api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/preview", null);

        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(200);
        JsonNode preview = r.getBody();
        assertThat(preview.path("asOf").asText()).isEqualTo(LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")).toString());
        Map<String, JsonNode> transfer = byInvoice(preview.path("transfer"));
        assertThat(transfer.keySet()).containsExactlyInAnyOrder("6002", "6003");
        assertThat(transfer.get("6002").path("amount").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(transfer.get("6002").path("invoiceNumber").asText()).isEqualTo("N6002");
        assertThat(transfer.get("6002").path("currency").asText()).isEqualTo("SEK");
        // what is outstanding, as the claim would be
        assertThat(transfer.get("6003").path("amount").decimalValue()).isEqualByComparingTo("3000.00");
        Map<String, JsonNode> skip = byInvoice(preview.path("skip"));
        Map<String, String> reasons = new HashMap<>();
        skip.forEach((id, n) -> reasons.put(id, n.path("reason").asText()));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "6001", "ALREADY_CLAIM",
                "6004", "PAID",
                "6005", "BELOW_MINIMUM",
                "6006", "CURRENCY",
                "6007", "EXCLUDED_CUSTOMER",
                "6008", "NOT_OVERDUE",
                "6009", "INVALID_DEBTOR"));
        // the field as Procountor calls it, and what is wrong, without the number itself
        assertThat(skip.get("6009").path("detail").asText()).contains("check digit").doesNotContain("556036-0794");
        assertThat(skip.get("6008").path("detail").asText()).contains("10 grace days");
        assertThat(preview.path("complete").asBoolean()).isTrue();

        // nothing happened anywhere
        assertThat(procountorWrites(s)).as("writes to Procountor").isEqualTo(procountorWritesBefore);
        assertThat(kraviaRequests(s)).as("requests to Kravia").isEqualTo(kraviaBefore);
        assertThat(claims(tenant).path("total").asLong()).isEqualTo(claimsBefore);
        assertThat(claim(tenant, "6001").path("history").toString()).isEqualTo(historyBefore);
        assertThat(claim(tenant, "6002")).isNull();

        // enabled and polled: exactly what the preview listed
        json.put("enabled", true);
        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/" + tenant, json).getStatusCode().value()).isEqualTo(200);
        poll(tenant);
        awaitStatus(tenant, "6002", "REGISTERED");
        awaitStatus(tenant, "6003", "REGISTERED");
        awaitStatus(tenant, "6009", "REJECTED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TreeSet<String> registered = new TreeSet<>();
            claims(tenant).path("items").forEach(c -> {
                if (c.path("status").asText().equals("REGISTERED")) {
                    registered.add(c.path("invoiceId").asText());
                }
            });
            assertThat(registered).containsExactly("6001", "6002", "6003");
        });
        assertThat(s.agencyClaims().keySet()).containsExactlyInAnyOrder("6001", "6002", "6003");
    }

    @Test
    void aManualOnlyTenantWouldTransferNothingAndSeesWhatItMayTransferByHand() {
        var s = Upstreams.slice();
        s.standard(Invoice.overdue("6101"));
        ObjectNode json = s.tenantJson(10, "0", List.of());
        ((ObjectNode) json.path("policy")).put("automatic", false);
        String tenant = createTenant(s, json);

        JsonNode preview = api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/preview", null).getBody();

        assertThat(preview.path("automatic").asBoolean()).isFalse();
        assertThat(preview.path("transfer")).isEmpty();
        assertThat(byInvoice(preview.path("byHandOnly")).keySet()).containsExactly("6101");
    }

    @Test
    void anUnknownTenantIs404AndTheAccountingSystemDownIs503InWords() {
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/no-such-tenant/preview", null).getStatusCode().value()).isEqualTo(404);
        var s = Upstreams.slice();
        s.token();
        PROCOUNTOR.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(s.prefix + "/invoices")).willReturn(Upstreams.status(503)));
        ObjectNode json = s.tenantJson(10, "0", List.of());
        json.put("enabled", false);
        String tenant = createTenant(s, json);

        ResponseEntity<JsonNode> r = api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/preview", null);

        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(r.getBody().path("message").asText()).contains("cannot be read now", "try the preview again later");
    }

    private static Map<String, JsonNode> byInvoice(JsonNode list) {
        Map<String, JsonNode> m = new HashMap<>();
        list.forEach(n -> m.put(n.path("invoiceId").asText(), n));
        return m;
    }

    private static int procountorWrites(Upstreams.Slice s) {
        return (int) PROCOUNTOR.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(s.prefix + "/") && !e.getRequest().getUrl().startsWith(s.prefix + "/oauth")
                        && !e.getRequest().getMethod().getName().equals("GET"))
                .count();
    }

    private static int kraviaRequests(Upstreams.Slice s) {
        return (int) KRAVIA.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(s.prefix + "/")).count();
    }
}
