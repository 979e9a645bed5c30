package eu.indriva.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import eu.indriva.IndrivaApplication;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a newcomer sees with ./mvnw spring-boot:run: the sandbox profile, the stubs in mappings/,
 * the demo tenant, no admin action. Checks what the sandbox agency received.
 */
@SpringBootTest(classes = IndrivaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "indriva.sandbox.procountor-port=0",
        "indriva.sandbox.kravia-port=0",
        "indriva.sandbox.promentor-port=0",
        "indriva.sandbox.promentor.tick=PT1S",
        "indriva.sandbox.promentor.stage-after=PT3S",
        "indriva.sandbox.promentor.report-every=PT40S",
        "indriva.promentor.poll-interval=PT3S",
        "management.server.port=0"
})
@ActiveProfiles("sandbox")
class SandboxEndToEndTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry r) throws Exception {
        String dir = Files.createTempDirectory("indriva-sandbox-").toString();
        r.add("indriva.data-dir", () -> dir);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    KraviaSandboxRegistry agency;
    @Autowired
    @Qualifier("kraviaSandbox")
    WireMockServer kravia;

    @Autowired
    PromentorSandbox promentor;

    @Autowired
    SandboxUsers users;

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    int port;

    @Test
    void theSandboxsUsersSignInToTheClientWebWithThePasswordItKeptInTheDataDirectory() throws Exception {
        String password = Files.readString(users.passwordFile()).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat(java.nio.file.Files.getPosixFilePermissions(users.passwordFile()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        eu.indriva.support.WebSession demo = new eu.indriva.support.WebSession(port);
        assertThat(eu.indriva.support.WebSession.location(demo.signIn("demo", password))).doesNotContain("error");
        assertThat(eu.indriva.support.WebSession.location(demo.get("/"))).endsWith("/tenants/demo/overview");
        assertThat(demo.get("/tenants/demo/claims").statusCode()).isEqualTo(200);
        assertThat(demo.get("/tenants/demo-promentor/claims").statusCode()).isEqualTo(403);

        eu.indriva.support.WebSession admin = new eu.indriva.support.WebSession(port);
        assertThat(eu.indriva.support.WebSession.location(admin.signIn("admin", password))).doesNotContain("error");
        assertThat(admin.get("/tenants").body()).contains("/tenants/demo/overview", "/tenants/demo-promentor/overview");
    }

    private JsonNode claim(String invoiceId) {
        return claim("demo", invoiceId);
    }

    private JsonNode claim(String tenant, String invoiceId) {
        return get("/api/v1/tenants/" + tenant + "/claims/" + invoiceId);
    }

    private JsonNode get(String path) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth("sandbox-admin-token");
        var r = http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), JsonNode.class);
        return r.getStatusCode().value() == 200 ? r.getBody() : null;
    }

    @Test
    void theDemoTenantsOverdueInvoicesReachTheSandboxAgencyWithinAMinute() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : new String[] {"1001", "1002", "1003"}) {
                JsonNode c = claim(id);
                assertThat(c).as("claim %s", id).isNotNull();
                assertThat(c.path("status").asText()).as("claim %s", id).isEqualTo("REGISTERED");
            }
            assertThat(claim("1004")).isNotNull();
            assertThat(claim("1004").path("status").asText()).isEqualTo("REJECTED");
        });
        assertThat(claim("1004").path("reason").asText()).contains("counterParty.identifier");
        assertThat(claim("1005")).as("below the demo minimum").isNull();
        assertThat(claim("1006")).as("excluded customer").isNull();

        assertThat(agency.claims().keySet()).containsExactlyInAnyOrder("10759/1001", "10759/1002", "10759/1003");
        Map<String, JsonNode> sent = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (var req : kravia.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/v2/invoice/register")))) {
            JsonNode body = json.readTree(req.getBodyAsString());
            sent.put(body.path("accountingInvoiceId").asText(), body);
        }
        assertThat(sent.get("1002").path("originalAmount").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(sent.get("1002").path("isPrivateIndividual").asBoolean()).isTrue();
        assertThat(sent.get("1002").path("ssn").asText()).isEqualTo("19811218-9876");
        assertThat(sent.get("1003").path("currencyCode").asText()).isEqualTo("EUR");
        assertThat(sent.get("1003").path("originalAmount").decimalValue()).isEqualByComparingTo("820.50");
        assertThat(sent.get("1003").path("organizationNumber").asText()).isEqualTo("0112038-9");
        assertThat(sent.get("1003").path("postalAddress").path("addressCountryCode").asText()).isEqualTo("FI");
        assertThat(sent.get("1001").path("invoiceNo").asText()).isEqualTo("2501");
    }

    @Test
    void theWholeLoopStatusFromTheAgencysWebhookAndABookedPayout() {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth("sandbox-admin-token");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode c = claim("1001");
            assertThat(c).isNotNull();
            assertThat(c.path("agencyStatus").asText()).isEqualTo("Reminder");
            JsonNode settlements = http.exchange("/api/v1/tenants/demo/settlements", HttpMethod.GET, new HttpEntity<>(h), JsonNode.class).getBody();
            assertThat(settlements.toString()).contains("\"settlementId\":\"9001\"").contains("\"status\":\"BOOKED\"");
        });
        // the status came from WireMock's webhook: Indriva accepted CaseUpdate callbacks
        assertThat(claim("1001").path("history").toString()).contains("\"event\":\"AGENCY_STATUS\",\"detail\":\"Reminder\"");
        assertThat(claim("1001").path("stage").asText()).isEqualTo("REMINDER");
    }

    @Test
    void theDebtorsDirectPaymentOnInvoice1003IsForwardedToTheAgencyOnce() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(agency.payments()).containsKey("|50031"));
        assertThat(agency.payments().get("|50031").path("amount").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(agency.payments().get("|50031").path("invoices").get(0).path("invoiceId").asLong()).isEqualTo(7_001_003L);
        assertThat(agency.payments()).as("the payment made before the transfer (1002) is not forwarded").doesNotContainKey("|50021");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(claim("1003").path("history").toString()).contains("DIRECT_PAYMENT_FORWARDED"));
    }

    @Test
    void theSecondDemoTenantsClaimsGoThroughTheSandboxPromentorsFilesToABookedReport() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String id : new String[] {"1001", "1002", "1003"}) {
                JsonNode c = claim("demo-promentor", id);
                assertThat(c).as("claim %s", id).isNotNull();
                assertThat(c.path("status").asText()).as("claim %s", id).isEqualTo("REGISTERED");
                assertThat(c.path("agencyClaimId").asText()).as("claim %s", id)
                        .isEqualTo(promentor.cases().get(id).caseNo);
            }
        });
        assertThat(claim("demo-promentor", "1004").path("status").asText()).isEqualTo("REJECTED");
        assertThat(promentor.cases()).as("only what Indriva sent, once each").containsOnlyKeys("1001", "1002", "1003");
        assertThat(promentor.cases().get("1002").capital).isEqualByComparingTo("3000.00");
        assertThat(promentor.cases().get("1002").service).isEqualTo("REMINDER");

        // the debtor's direct payment on 1003 (300.00 of 820.50) is never claimed by Promentor. The sandbox Procountor shows
        // it once the demo tenant's transfer of 1003 moved its scenario (one Procountor, one invoice 1003, two tenants): if
        // that came first, this tenant's claim is registered for 520.50; if not, the payment goes out in a DP file after
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(promentor.cases().get("1003").capital).isEqualByComparingTo("520.50");
            JsonNode c = claim("demo-promentor", "1003");
            boolean forwarded = c.path("history").toString().contains("DIRECT_PAYMENT_FORWARDED");
            assertThat(forwarded || c.path("amount").decimalValue().compareTo(new java.math.BigDecimal("520.50")) == 0)
                    .as("forwarded, or known at the transfer: %s", c).isTrue();
        });

        // reminder → collection after the sandbox's stage time; then a KM report pays the oldest case, booked and acknowledged
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode settlements = get("/api/v1/tenants/demo-promentor/settlements");
            assertThat(settlements.toString()).contains("\"status\":\"BOOKED\"");
            assertThat(promentor.acknowledged()).isNotEmpty();
        });
        assertThat(promentor.cases().values()).anySatisfy(c -> assertThat(c.closeReason).isEqualTo("PAID"));
        // the stage reached collection: seen at once ("COLLECTION") or after the reminder ("REMINDER → COLLECTION"),
        // as the sync and the sandbox's stage time happen to meet
        JsonNode history = claim("demo-promentor", "1002").path("history");
        assertThat(history.toString()).containsPattern("\"event\":\"AGENCY_STATUS\",\"detail\":\"(REMINDER → )?COLLECTION\"");
    }
}
