package eu.indriva.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.IndrivaApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's reconciliation walk-through against the sandbox as a newcomer runs it: once the fresh
 * start has settled, both demo tenants reconcile with no difference and their equations hold; then the
 * two stubs in docs/sandbox are posted to the sandbox WireMock servers exactly as the README's curl
 * commands do (Kravia "loses" direct payments; the debtor of 1002 pays 500.00 directly), and the
 * next reconciliation finds that one payment, with its figures.
 */
@SpringBootTest(classes = IndrivaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "indriva.sandbox.procountor-port=0",
        "indriva.sandbox.kravia-port=0",
        "indriva.sandbox.promentor-port=0",
        "indriva.sandbox.promentor.tick=PT1S",
        "indriva.sandbox.promentor.stage-after=PT3S",
        "indriva.sandbox.promentor.report-every=PT40S",
        "indriva.promentor.poll-interval=PT3S",
        "management.server.port=0",
        // its own application: this one changes the sandbox's stubs
        "spring.application.name=indriva-sandbox-reconciliation"
})
@ActiveProfiles("sandbox")
@DirtiesContext
class SandboxReconciliationTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry r) throws Exception {
        String dir = Files.createTempDirectory("indriva-sandbox-reconciliation-").toString();
        r.add("indriva.data-dir", () -> dir);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    @Qualifier("kraviaSandbox")
    com.github.tomakehurst.wiremock.WireMockServer kravia;
    @Autowired
    @Qualifier("procountorSandbox")
    com.github.tomakehurst.wiremock.WireMockServer procountor;

    private JsonNode call(HttpMethod method, String path) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth("sandbox-admin-token");
        var r = http.exchange(path, method, new HttpEntity<>(h), JsonNode.class);
        return r.getBody();
    }

    private JsonNode reconcile(String tenant) {
        String id = call(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/reconciliations").path("id").asText();
        String path = "/api/v1/tenants/" + tenant + "/reconciliations/" + id;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !call(HttpMethod.GET, path).path("status").asText().equals("RUNNING"));
        return call(HttpMethod.GET, path);
    }

    private static boolean clean(JsonNode r) {
        boolean holds = true;
        for (JsonNode t : r.path("totals")) {
            holds &= t.path("holds").asBoolean();
        }
        return r.path("status").asText().equals("DONE") && r.path("claims").asInt() == 3 && r.path("differences").isEmpty() && holds;
    }

    /** POSTs a stub file to a WireMock server's admin API, as the README's curl does. */
    private static void postStub(com.github.tomakehurst.wiremock.WireMockServer server, String file) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/mappings"))
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("docs/sandbox", file))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(201);
    }

    @Test
    void aFreshStartHasNoDifferenceAndTheLostPaymentOfTheReadmeIsFound() throws Exception {
        // the start has settled: the claims are at both agencies, the payout 9001 is booked, 1003's direct payment forwarded
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(call(HttpMethod.GET, "/api/v1/tenants/demo/settlements").toString()).contains("\"status\":\"BOOKED\"");
            assertThat(call(HttpMethod.GET, "/api/v1/tenants/demo/claims/1003").path("history").toString()).contains("DIRECT_PAYMENT_FORWARDED");
            for (String id : new String[] {"1001", "1002", "1003"}) {
                assertThat(call(HttpMethod.GET, "/api/v1/tenants/demo-promentor/claims/" + id).path("status").asText()).isEqualTo("REGISTERED");
            }
        });
        JsonNode demo = reconcile("demo");
        assertThat(clean(demo)).as("%s", demo).isTrue();
        assertThat(demo.path("totals").path("SEK").path("closing").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(demo.path("totals").path("EUR").path("closing").decimalValue()).isEqualByComparingTo("520.50");
        // the files go back and forth every few seconds; between a line sent and its answer the agency has not applied
        // it yet (a difference that is true for those seconds): within a minute a run sees both sides agree
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> clean(reconcile("demo-promentor")));

        postStub(kravia, "kravia-loses-payments.json");
        postStub(procountor, "procountor-direct-payment-1002.json");
        call(HttpMethod.POST, "/api/v1/tenants/demo/poll");
        await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/api/v1/tenants/demo/claims/1002").path("history")
                .toString().contains("DIRECT_PAYMENT_FORWARDED"));

        JsonNode lost = reconcile("demo");
        assertThat(lost.path("differences")).as("%s", lost).hasSize(1);
        JsonNode d = lost.path("differences").get(0);
        assertThat(d.path("invoiceId").asText()).isEqualTo("1002");
        assertThat(d.path("kind").asText()).isEqualTo("FORWARD_NOT_APPLIED");
        assertThat(d.path("ledger").decimalValue()).isEqualByComparingTo("2500.00");
        assertThat(d.path("indriva").decimalValue()).isEqualByComparingTo("2500.00");
        assertThat(d.path("agency").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(d.path("action").asText()).contains("500.00");
        JsonNode sek = lost.path("totals").path("SEK");
        assertThat(sek.path("expectedClosing").decimalValue()).isEqualByComparingTo("2500.00");
        assertThat(sek.path("closing").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(sek.path("holds").asBoolean()).isFalse();
    }
}
