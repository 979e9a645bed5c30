package eu.indriva.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.IndrivaApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application, as a user runs it (embedded Artemis with a persistent journal, an H2
 * file database, real HTTP to WireMock), driven through its admin API. Subclasses may point the
 * datasource elsewhere (PostgreSQL).
 */
@SpringBootTest(classes = IndrivaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "indriva.admin.token=" + AppTestBase.TOKEN,
        "indriva.ui.initial-admin.username=" + AppTestBase.INITIAL_ADMIN,
        "indriva.ui.initial-admin.password=" + AppTestBase.INITIAL_ADMIN_PASSWORD,
        "indriva.secrets.key=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYiE=",
        "indriva.poll.tick=PT1H",
        // the nightly reconciliation would read every test tenant when a run falls in the night
        "indriva.reconciliation.nightly=false",
        // WireMock on localhost over plain http, as the sandbox
        "indriva.security.allow-insecure-urls=true",
        "indriva.retry.max-attempts=4",
        "indriva.retry.initial-delay=PT0.2S",
        "indriva.retry.max-delay=PT1S",
        "indriva.http.read-timeout=PT3S",
        "indriva.circuit.failure-threshold=1000",
        "management.server.port=0",
        "logging.level.org.apache.activemq=WARN"
})
public abstract class AppTestBase {

    public static final String TOKEN = "test-admin-token-0123456789";
    /** The first platform admin, from configuration (indriva.ui.initial-admin.*). */
    public static final String INITIAL_ADMIN = "first-admin";
    public static final String INITIAL_ADMIN_PASSWORD = "first-admin-password";

    /**
     * Called once per application context, so each context (H2, PostgreSQL) has its own broker
     * journal: two embedded brokers on one directory would wait for each other's file lock.
     */
    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry r) throws IOException {
        Path data = Files.createTempDirectory("indriva-test-");
        r.add("indriva.data-dir", data::toString);
    }

    @Autowired
    protected TestRestTemplate http;

    protected ResponseEntity<JsonNode> api(HttpMethod method, String path, Object body) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(TOKEN);
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body == null ? null : body.toString(), h), JsonNode.class);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    protected int port;

    /** A user of the client web, made through the admin API. */
    protected void webUser(String name, String role, String tenant, String password) {
        String body = tenant == null ? "{\"role\":\"" + role + "\",\"password\":\"" + password + "\"}"
                : "{\"role\":\"" + role + "\",\"tenantId\":\"" + tenant + "\",\"password\":\"" + password + "\"}";
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/users/" + name, body);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isIn(200, 201);
    }

    /** A browser-like session (cookies, CSRF) signed in as this user. */
    protected WebSession signedIn(String name, String password) {
        WebSession s = new WebSession(port);
        java.net.http.HttpResponse<String> r = s.signIn(name, password);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(r)).as("signed in").doesNotContain("error");
        return s;
    }

    protected String createTenant(Upstreams.Slice slice, ObjectNode json) {
        String id = "tenant-" + slice.n;
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/tenants/" + id, json);
        assertThat(r.getStatusCode().value()).as("create tenant: %s", r.getBody()).isEqualTo(201);
        return id;
    }

    protected String createTenant(Upstreams.Slice slice) {
        return createTenant(slice, slice.tenantJson(10, "0", List.of()));
    }

    /**
     * A tenant of the slice whose invoices are registered at Kravia, with the ledger, direct payments and
     * (no) settlements or changes answered, after the poll's own payment scan ended (while it runs, a scan a
     * test asks for would not start twice).
     */
    protected String tenantWithRegistered(Upstreams.Slice s, Upstreams.Invoice... invoices) {
        s.standard(invoices);
        s.kraviaMoney();
        s.ledger();
        s.settlements("[]");
        s.changes();
        String tenant = createTenant(s);
        poll(tenant);
        for (Upstreams.Invoice inv : invoices) {
            awaitStatus(tenant, inv.id(), "REGISTERED");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody()
                .path("lastRuns").has("payment-scan"));
        return tenant;
    }

    protected void poll(String tenantId) {
        ResponseEntity<JsonNode> r = api(HttpMethod.POST, "/api/v1/tenants/" + tenantId + "/poll", null);
        assertThat(r.getStatusCode().value()).isEqualTo(202);
    }

    private JsonNode lastSync(String tenant) {
        return api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody().path("lastRuns").path("agency-sync");
    }

    /** Runs one agency sync to its end (one asked while another runs would be that one); returns how it ended. */
    protected JsonNode agencySync(String tenant) {
        return agencySync(tenant, Duration.ofSeconds(60));
    }

    /** As {@link #agencySync(String)}, for a sync with much to do (thousands of answers on a busy machine). */
    protected JsonNode agencySync(String tenant, Duration atMost) {
        JsonNode before = lastSync(tenant);
        ResponseEntity<JsonNode> r = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/agency-sync", null);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(202);
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> !lastSync(tenant).equals(before));
        return lastSync(tenant);
    }

    protected JsonNode claims(String tenantId) {
        return api(HttpMethod.GET, "/api/v1/tenants/" + tenantId + "/claims?size=500", null).getBody();
    }

    protected JsonNode claim(String tenantId, String invoiceId) {
        ResponseEntity<JsonNode> r = api(HttpMethod.GET, "/api/v1/tenants/" + tenantId + "/claims/" + invoiceId, null);
        return r.getStatusCode().value() == 200 ? r.getBody() : null;
    }

    protected String status(String tenantId, String invoiceId) {
        JsonNode c = claim(tenantId, invoiceId);
        return c == null ? null : c.path("status").asText();
    }

    /** Waits until the claim has this status and its follow-ups (copy, note) are done when REGISTERED. */
    protected JsonNode awaitStatus(String tenantId, String invoiceId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode c = claim(tenantId, invoiceId);
                    assertThat(c).as("claim %s", invoiceId).isNotNull();
                    assertThat(c.path("status").asText()).as("status of %s: %s", invoiceId, c).isEqualTo(status);
                    if (status.equals("REGISTERED")) {
                        assertThat(c.path("history").toString()).contains("NOTE_WRITTEN");
                    }
                });
        return claim(tenantId, invoiceId);
    }

    /** The webhook secret of tenants made by {@link #registered}. */
    public static final String WEBHOOK_SECRET = "webhook-secret-for-tests";

    /** A tenant with the webhook secret and one registered claim; returns {tenantId, agency claim id}. */
    protected String[] registered(Upstreams.Slice s, String invoiceId) {
        s.standard(Upstreams.Invoice.overdue(invoiceId));
        ObjectNode json = s.tenantJson(10, "0", List.of());
        ((ObjectNode) json.get("agency")).put("webhookSecret", WEBHOOK_SECRET);
        String tenant = createTenant(s, json);
        poll(tenant);
        awaitStatus(tenant, invoiceId, "REGISTERED");
        return new String[] {tenant, s.agencyClaims().get(invoiceId).toString()};
    }

    /** Kravia's webhook for a tenant, as the agency posts it (no bearer token). */
    protected ResponseEntity<JsonNode> webhook(String tenant, String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/webhooks/kravia/" + tenant, HttpMethod.POST, new HttpEntity<>(body, h), JsonNode.class);
    }

    public static String caseUpdate(long timestamp, String eventType, String claimId, String signature) {
        return "{\"header\":{\"algorithm\":\"MD5\"},\"data\":{\"timestamp\":" + timestamp + ",\"eventType\":\"" + eventType
                + "\",\"claimId\":" + claimId + "}" + (signature == null ? "" : ",\"signature\":\"" + signature + "\"") + "}";
    }

    /** A webhook body signed with {@link #WEBHOOK_SECRET}. */
    public static String signed(long timestamp, String eventType, String claimId) {
        return caseUpdate(timestamp, eventType, claimId,
                eu.indriva.agency.kravia.KraviaWebhooks.sign(timestamp, eventType, Long.parseLong(claimId), WEBHOOK_SECRET));
    }
}
