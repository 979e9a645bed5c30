package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.ExternalArtemis;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The external broker restarted while claims are being registered and webhooks arrive (issue 10
 * item 5), with the real Artemis distribution configured by docker/artemis/broker.xml: a webhook
 * during the restart gets a 503 (never a 200 for an event that was not queued); the consumers
 * reconnect, the tickets the broker kept in its journal are delivered, and every invoice ends as
 * exactly one claim at the agency.
 */
@EnabledIf(value = "eu.indriva.support.ExternalArtemis#available", disabledReason = "no Artemis distribution (see ExternalArtemis)")
@DirtiesContext
@TestPropertySource(properties = {"spring.artemis.mode=native", "spring.artemis.embedded.enabled=false",
        "spring.artemis.user=" + ExternalArtemis.USER, "spring.artemis.password=" + ExternalArtemis.PASSWORD,
        // the listener containers try to reconnect every second (Spring's default: 5 s)
        "indriva.register.consumers=4"})
class BrokerRestartFlowTest extends AppTestBase {

    private static ExternalArtemis broker;

    @DynamicPropertySource
    static void externalBroker(DynamicPropertyRegistry r) throws IOException {
        if (!ExternalArtemis.available()) {
            return;
        }
        broker = ExternalArtemis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        r.add("spring.artemis.broker-url", broker::url);
    }

    @Test
    void aBrokerRestartLosesNothingAndTheConsumersComeBack() throws Exception {
        var s = Upstreams.slice();
        Invoice[] invoices = IntStream.range(0, 20).mapToObj(i -> Invoice.overdue(Integer.toString(96001 + i))).toArray(Invoice[]::new);
        s.standard(invoices);
        String[] webhookTenant = registered(Upstreams.slice(), "97001");
        String tenant = createTenant(s);

        poll(tenant);
        // the poll queued all 20 tickets, each for its slot at the tenant's pace (3.6 a second): most still wait in the broker
        await().atMost(Duration.ofSeconds(20)).until(() -> api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody()
                .path("lastRuns").path("poll").path("outcome").asText(), "OK"::equals);
        broker.stopBroker();
        long registeredBefore = registered(tenant);
        assertThat(registeredBefore).as("the restart comes mid-flight").isLessThan(20);

        ResponseEntity<JsonNode> refused = webhook(webhookTenant[0], signed(1700000000, "CaseUpdate", webhookTenant[1]));
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(503);
        assertThat(refused.getBody().path("error").asText()).isEqualTo("broker_unavailable");

        broker.startBroker();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> registered(tenant) == 20);
        assertThat(s.agencyClaims()).hasSize(20);
        assertThat(s.kraviaRequests("POST", "/api/v2/invoice/register")).as("each sent once, or adopted on a 409").isBetween(20, 24);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> webhook(webhookTenant[0], signed(1700000000, "CaseUpdate", webhookTenant[1])).getStatusCode().value() == 200);
    }

    private long registered(String tenant) {
        JsonNode items = claims(tenant).path("items");
        long n = 0;
        for (JsonNode c : items) {
            if ("REGISTERED".equals(c.path("status").asText())) {
                n++;
            }
        }
        return n;
    }
}
