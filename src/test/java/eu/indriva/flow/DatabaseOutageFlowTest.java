package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.PrivatePostgres;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * PostgreSQL stopped while webhooks arrive and a claim is being registered (issue 10 item 5), with
 * a real PostgreSQL server of the test's own that it stops and starts: a webhook gets a 503 (the
 * agency retries), never a 200 for an event that was not stored; the registration in flight waits
 * for the database instead of burning its attempts or going to the dead-letter queue; when the
 * database is back everything goes on, and the agency holds one claim per invoice.
 */
@org.springframework.test.annotation.DirtiesContext
@EnabledIf(value = "eu.indriva.support.PrivatePostgres#available", disabledReason = "no PostgreSQL server binaries (see PrivatePostgres)")
@TestPropertySource(properties = {"spring.datasource.hikari.connection-timeout=2000", "indriva.broker.redelivery-delay=PT0.1S",
        "indriva.broker.database-retry=PT3S", "indriva.http.read-timeout=PT20S"})
class DatabaseOutageFlowTest extends AppTestBase {

    private static PrivatePostgres pg;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) throws IOException {
        if (!PrivatePostgres.available()) {
            return;
        }
        pg = PrivatePostgres.start();
        // stopped after the application context (closed after this class), when the test JVM exits
        Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
        r.add("spring.datasource.url", pg::jdbcUrl);
        r.add("spring.datasource.username", () -> "postgres");
        r.add("spring.datasource.password", () -> "");
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void webhooksAre503WhileTheDatabaseIsDownAndNothingIsLostWhenItIsBack() throws Exception {
        var s = Upstreams.slice();
        Invoice quick = Invoice.overdue("81001");
        Invoice slow = Invoice.overdue("81002");
        s.standard(quick, slow);
        // the slow invoice is still being read from the accounting system when the database stops (the first read only)
        Upstreams.PROCOUNTOR.stubFor(get(urlPathEqualTo(s.prefix + "/invoices/81002")).inScenario("slow-" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fast")
                .willReturn(okJson(Upstreams.Slice.full(slow).toString()).withFixedDelay(8000)));
        ObjectNode json = s.tenantJson(10, "0", List.of());
        ((ObjectNode) json.get("agency")).put("webhookSecret", WEBHOOK_SECRET);
        String tenant = createTenant(s, json);
        poll(tenant);
        awaitStatus(tenant, "81001", "REGISTERED");
        String claimId = s.agencyClaims().get("81001").toString();
        s.details(claimId, "81001", "Reminder", null, "2026-11-03T08:00:00", "1250.00");

        pg.stopServer();
        ResponseEntity<JsonNode> refused = webhook(tenant, signed(1700000000, "CaseUpdate", claimId));
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(503);
        assertThat(refused.getBody().path("error").asText()).isEqualTo("database_unavailable");
        assertThat(refused.getHeaders().getFirst("Retry-After")).isNotBlank();
        ResponseEntity<JsonNode> list = api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/claims", null);
        assertThat(list.getStatusCode().value()).isEqualTo(503);
        // the slow registration reaches the database while it is down: it waits, no attempt spent
        await().atMost(Duration.ofSeconds(30)).until(() -> deferred(tenant) > 0);

        pg.startServer();
        // as the agency does: the webhook is sent again until it is taken (the pool reconnects within seconds)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> webhook(tenant, signed(1700000000, "CaseUpdate", claimId)).getStatusCode().value() == 200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "Reminder".equals(claim(tenant, "81001").path("agencyStatus").asText()));
        JsonNode registered = awaitStatus(tenant, "81002", "REGISTERED");
        assertThat(registered.path("history").toString()).doesNotContain("ATTEMPT_FAILED").doesNotContain("FAILED\"");
        assertThat(s.agencyClaims()).containsOnlyKeys("81001", "81002");
        assertThat(api(HttpMethod.GET, "/api/v1/dead-letters", null).getBody()).isEmpty();
    }

    private double deferred(String tenant) {
        var c = meters.find("indriva.database.unavailable.deferred").tag("tenant", tenant).tag("item", "registration").counter();
        return c == null ? 0 : c.count();
    }
}
