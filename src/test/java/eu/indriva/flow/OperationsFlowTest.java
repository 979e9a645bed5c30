package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.support.AppTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * What an operator has (issue 10, operations), over real HTTP to the management port: Hawtio and
 * Jolokia need a sign-in (nobody gets in without one, an operator may look but not stop a route,
 * the admin may); the metrics an operator needs, each with its HELP text.
 */
@TestPropertySource(properties = "indriva.ops.operator-password=operator-password-for-tests")
// Spring Boot's tests switch the Prometheus export off unless asked
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class OperationsFlowTest extends AppTestBase {

    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    CamelContext camel;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void nobodyGetsInAnOperatorLooksAndTheAdminMayStopARoute() throws Exception {
        String admin = basic("admin", TOKEN);
        String operator = basic("operator", "operator-password-for-tests");
        String route = "org.apache.camel:context=" + camel.getManagementName() + ",type=routes,name=\\\"requeue-later\\\"";
        String stop = "{\"type\":\"exec\",\"mbean\":\"" + route + "\",\"operation\":\"stop()\"}";
        String start = "{\"type\":\"exec\",\"mbean\":\"" + route + "\",\"operation\":\"start()\"}";
        String state = "{\"type\":\"read\",\"mbean\":\"" + route + "\",\"attribute\":\"State\"}";

        HttpResponse<String> anonymous = get("/actuator/jolokia/version", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        assertThat(get("/actuator/hawtio/", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/jolokia/version", basic("admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null).statusCode()).as("health stays open").isEqualTo(200);

        HttpResponse<String> looked = post(state, operator);
        assertThat(looked.statusCode()).isEqualTo(200);
        assertThat(looked.body()).contains("Started");
        assertThat(get("/actuator/jolokia/version", operator).statusCode()).isEqualTo(200);
        assertThat(post(stop, operator).statusCode()).isEqualTo(403);
        assertThat(post("[" + state + "," + stop + "]", operator).statusCode()).as("a bulk request with one change").isEqualTo(403);
        assertThat(camel.getRouteController().getRouteStatus("requeue-later")).isEqualTo(ServiceStatus.Started);

        assertThat(post(stop, admin).statusCode()).isEqualTo(200);
        assertThat(camel.getRouteController().getRouteStatus("requeue-later")).isEqualTo(ServiceStatus.Stopped);
        assertThat(post(start, admin).statusCode()).isEqualTo(200);
        assertThat(camel.getRouteController().getRouteStatus("requeue-later")).isEqualTo(ServiceStatus.Started);
    }

    @Autowired
    eu.indriva.config.OperationsMetrics.Gauges gauges;

    @Test
    void theOperatorsGaugesPercentilesAndHelpTextAreScraped() throws Exception {
        var s = eu.indriva.support.Upstreams.slice();
        s.standard(eu.indriva.support.Upstreams.Invoice.overdue("95001"));
        String tenant = createTenant(s);
        poll(tenant);
        awaitStatus(tenant, "95001", "REGISTERED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api(org.springframework.http.HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody()
                        .path("lastRuns").path("poll").path("outcome").asText(), "OK"::equals);
        // the agency says the claim is at the enforcement authority: counted by its stage, as for every agency
        String claimId = s.agencyClaims().get("95001").toString();
        s.details(claimId, "95001", "Legal", null, "2026-11-20T08:00:00", "1250.00");
        assertThat(webhook(tenant, caseUpdate(1700000500, "CaseUpdate", claimId, null)).getStatusCode().value()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> claim(tenant, "95001").path("stage").asText(), "LEGAL"::equals);
        gauges.refresh();

        String scrape = get("/actuator/prometheus", null).body();
        assertThat(scrape).containsPattern("indriva_claims_by_status\\{[^}]*status=\"REGISTERED\"[^}]*tenant=\"" + tenant + "\"[^}]*} 1\\.0");
        assertThat(scrape).containsPattern("indriva_claims_by_stage\\{agency=\"kravia\",[^}]*stage=\"LEGAL\",tenant=\"" + tenant + "\"} 1\\.0");
        assertThat(scrape).containsPattern("indriva_poll_last_success_age_seconds\\{[^}]*tenant=\"" + tenant + "\"");
        assertThat(scrape).containsPattern("indriva_queue_depth\\{[^}]*queue=\"indriva.claims.register\"[^}]*} 0\\.0");
        assertThat(scrape).contains("indriva_dead_letters_open");
        assertThat(scrape).containsPattern("indriva_upstream_requests_seconds\\{[^}]*quantile=\"0.99\"");
        // every indriva metric family says what it is
        java.util.List<String> lines = scrape.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("# TYPE indriva_")) {
                String family = lines.get(i).split(" ")[2];
                assertThat(lines.get(i - 1)).as("HELP of %s", family).startsWith("# HELP " + family + " ");
                assertThat(lines.get(i - 1).substring(("# HELP " + family + " ").length()).trim()).as("HELP of %s", family).isNotEmpty();
            }
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String json, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/jolokia"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
