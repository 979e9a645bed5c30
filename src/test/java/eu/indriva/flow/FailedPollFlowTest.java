package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static eu.indriva.support.Upstreams.PROCOUNTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/**
 * A failed poll does not look like success (issue 10, item 4): its outcome and error are the
 * tenant's last poll, health reports a tenant failing for longer than indriva.health.failing-for,
 * and the next good poll clears it.
 */
@TestPropertySource(properties = "indriva.health.failing-for=PT0S")
class FailedPollFlowTest extends AppTestBase {

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void aFailedPollIsRecordedAsFailedReportedByHealthAndClearedByTheNextGoodOne() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("62001");
        s.standard(inv);
        // Procountor's token endpoint is down
        PROCOUNTOR.stubFor(post(urlPathEqualTo(s.prefix + "/oauth/token")).willReturn(aResponse().withStatus(503)));
        String tenant = createTenant(s);

        poll(tenant);

        JsonNode poll = await().atMost(Duration.ofSeconds(20)).until(() -> lastRun(tenant, "poll"), r -> !r.isMissingNode());
        assertThat(poll.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(poll.path("error").asText()).contains("token");
        assertThat(poll.path("failingSince").asText()).isNotEmpty();
        assertThat(health().path("upstreamFailing").path(tenant).asText()).contains("poll failing since").contains("token");

        s.token();
        // the payment scan reads the agency's settlements too: without them it would fail (404) for a reason of its own
        s.settlements("[]");
        poll(tenant);
        awaitStatus(tenant, "62001", "REGISTERED");
        await().atMost(Duration.ofSeconds(10)).until(() -> lastRun(tenant, "poll").path("outcome").asText(), "OK"::equals);
        assertThat(lastRun(tenant, "poll").path("failingSince").isNull()).isTrue();
        // the payment scan that follows the good poll clears its own failure a moment later
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(health().path("upstreamFailing").has(tenant))
                .as("last runs %s", api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody().path("lastRuns")).isFalse());
    }

    private JsonNode lastRun(String tenant, String kind) {
        return api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody().path("lastRuns").path(kind);
    }

    /** The details of the tenants health component. */
    private JsonNode health() {
        JsonNode all = http.getForObject("http://localhost:" + managementPort + "/actuator/health", JsonNode.class);
        assertThat(all.path("status").asText()).as("the application stays UP").isEqualTo("UP");
        return all.path("components").path("tenants").path("details");
    }
}
