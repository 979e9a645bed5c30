package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Bad data from the accounting system (issue 10 item 6): nulls where the contract promises values,
 * an unknown status, malformed JSON, a hit without an id. Each such invoice is set aside with a
 * reason a person can read; the poll and every other invoice go on.
 */
class BadUpstreamDataFlowTest extends AppTestBase {

    @Test
    void oneInvoicesBadDataSetsThatInvoiceAsideAndThePollGoesOn() {
        var s = Upstreams.slice();
        Invoice good = Invoice.overdue("91001");
        Invoice noTotal = Invoice.overdue("91002");
        Invoice notJson = Invoice.overdue("91003");
        Invoice unknownStatus = Invoice.overdue("91004");
        Invoice noCounterParty = Invoice.overdue("91005");
        s.token();
        s.kravia();
        for (Invoice inv : new Invoice[] {good, noTotal, notJson, unknownStatus, noCounterParty}) {
            s.invoice(inv);
        }
        ObjectNode page = Upstreams.JSON.createObjectNode();
        ArrayNode results = page.putArray("results");
        results.add(Upstreams.Slice.basic(good));
        ObjectNode broken = Upstreams.Slice.basic(noTotal);
        broken.remove("invoiceSumInfo");
        broken.putNull("dueDate");
        results.add(broken);
        results.add(Upstreams.Slice.basic(notJson));
        results.add(Upstreams.Slice.basic(unknownStatus));
        results.add(Upstreams.Slice.basic(noCounterParty));
        results.addObject().put("invoiceNumber", "no id at all");
        page.putObject("meta").put("pageNumber", 0).put("pageSize", 200).put("resultCount", 6).put("totalCount", 6);
        Upstreams.PROCOUNTOR.stubFor(get(urlPathEqualTo(s.prefix + "/invoices")).willReturn(okJson(page.toString())));
        Upstreams.PROCOUNTOR.stubFor(get(urlPathEqualTo(s.prefix + "/invoices/91003"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\": 91003, \"status\": ")));
        ObjectNode frozen = Upstreams.Slice.full(unknownStatus);
        frozen.put("status", "FROZEN_BY_BAILIFF");
        Upstreams.PROCOUNTOR.stubFor(get(urlPathEqualTo(s.prefix + "/invoices/91004")).willReturn(okJson(frozen.toString())));
        ObjectNode orphan = Upstreams.Slice.full(noCounterParty);
        orphan.putNull("counterParty");
        Upstreams.PROCOUNTOR.stubFor(get(urlPathEqualTo(s.prefix + "/invoices/91005")).willReturn(okJson(orphan.toString())));
        String tenant = createTenant(s);

        poll(tenant);

        awaitStatus(tenant, "91001", "REGISTERED");
        JsonNode setAside = awaitStatus(tenant, "91002", "REJECTED");
        assertThat(setAside.path("reason").asText()).contains("cannot use").contains("retry");
        assertThat(setAside.path("history").toString()).contains("SET_ASIDE");
        assertThat(awaitStatus(tenant, "91005", "REJECTED").path("reason").asText()).contains("counterParty");
        assertThat(awaitStatus(tenant, "91003", "FAILED").path("reason").asText()).contains("not JSON");
        await().atMost(Duration.ofSeconds(10)).until(() -> claim(tenant, "91004") == null);
        JsonNode lastPoll = api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody().path("lastRuns").path("poll");
        assertThat(lastPoll.path("outcome").asText()).isEqualTo("OK");
        assertThat(s.agencyClaims()).containsOnlyKeys("91001");

        // corrected in the accounting system: the retry takes it
        Upstreams.PROCOUNTOR.stubFor(get(urlPathEqualTo(s.prefix + "/invoices/91002"))
                .willReturn(okJson(Upstreams.Slice.full(noTotal).toString())));
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/claims/91002/retry", null).getStatusCode().value()).isEqualTo(202);
        awaitStatus(tenant, "91002", "REGISTERED");
    }
}
