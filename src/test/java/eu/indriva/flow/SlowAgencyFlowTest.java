package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static eu.indriva.support.Upstreams.KRAVIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A slow agency opens its circuit; a refusal by the open circuit is not an attempt (issue 10,
 * item 1). Before, every claim spent its attempts on "circuit open" refusals within about a
 * second and ended FAILED while the circuit stayed open.
 */
@TestPropertySource(properties = {"indriva.circuit.failure-threshold=2", "indriva.circuit.open-for=PT4S",
        "indriva.http.read-timeout=PT1S"})
class SlowAgencyFlowTest extends AppTestBase {

    @Test
    void claimsWaitForTheCircuitsTrialInsteadOfSpendingTheirAttemptsOnRefusals() {
        var s = Upstreams.slice();
        List<Invoice> invoices = IntStream.rangeClosed(1, 8).mapToObj(i -> Invoice.overdue(Integer.toString(40_000 + i))).toList();
        s.standard(invoices.toArray(Invoice[]::new));
        // the agency creates each claim but answers after the read timeout
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).willReturn(okJson("{}").withFixedDelay(2_000)));
        String tenant = createTenant(s);

        poll(tenant);
        // two timeouts open the circuit for 4 s; with 4 attempts 0.2-1 s apart, every claim would be FAILED by then
        await().atMost(Duration.ofSeconds(15)).until(() -> s.registerRequests() >= 2);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(count(tenant, "FAILED")).as("claims FAILED while the circuit was open").isZero();
        // the agency answers promptly again: the circuit's trial succeeds and every claim goes through
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).willReturn(okJson("{}")));

        for (Invoice inv : invoices) {
            JsonNode claim = awaitStatus(tenant, inv.id(), "REGISTERED");
            assertThat(claim.path("agencyClaimId").asText()).isEqualTo(s.agencyClaims().get(inv.id()).toString());
        }
        assertThat(s.agencyClaims()).hasSize(invoices.size());
        assertThat(count(tenant, "FAILED")).isZero();
    }

    private int count(String tenant, String status) {
        return api(org.springframework.http.HttpMethod.GET, "/api/v1/tenants/" + tenant + "/claims?status=" + status + "&size=1", null)
                .getBody().path("total").asInt();
    }
}
