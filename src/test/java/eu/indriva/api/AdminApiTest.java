package eu.indriva.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The admin API's contract: bearer token, 400s that name the field, secrets write-only and encrypted. */
class AdminApiTest extends AppTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private ResponseEntity<JsonNode> withToken(String token, HttpMethod method, String path, String body) {
        HttpHeaders h = new HttpHeaders();
        if (token != null) {
            h.setBearerAuth(token);
        }
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, h), JsonNode.class);
    }

    @Test
    void withoutTheRightTokenEveryCallIs401AndNothingChanges() {
        var s = Upstreams.slice();
        String body = s.tenantJson(10, "0", List.of()).toString();
        for (String token : new String[] {null, "wrong-token", TOKEN + "x"}) {
            ResponseEntity<JsonNode> r = withToken(token, HttpMethod.PUT, "/api/v1/tenants/noauth-" + s.n, body);
            assertThat(r.getStatusCode().value()).isEqualTo(401);
            assertThat(r.getBody().path("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(withToken(null, HttpMethod.GET, "/api/v1/tenants", null).getStatusCode().value()).isEqualTo(401);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/noauth-" + s.n, null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void secretsAreWriteOnlyAndEncryptedAtRest() {
        var s = Upstreams.slice();
        String id = createTenant(s);
        String all = api(HttpMethod.GET, "/api/v1/tenants", null).getBody().toString();
        String one = api(HttpMethod.GET, "/api/v1/tenants/" + id, null).getBody().toString();
        for (String secret : List.of("secret-" + s.n, "api-key-" + s.n, "agency-token-" + s.n)) {
            assertThat(all).doesNotContain(secret);
            assertThat(one).doesNotContain(secret);
        }
        String stored = jdbc.queryForObject("SELECT settings || '|' || secrets FROM tenant WHERE id = ?", String.class, id);
        assertThat(stored).doesNotContain("secret-" + s.n).doesNotContain("api-key-" + s.n).doesNotContain("agency-token-" + s.n);

        // a replace without secrets keeps them: the tenant still works against Procountor
        ObjectNode replace = s.tenantJson(10, "0", List.of());
        ((ObjectNode) replace.get("accounting")).remove(List.of("clientSecret", "apiKey"));
        ((ObjectNode) replace.get("agency")).remove("token");
        replace.put("name", "Renamed");
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/tenants/" + id, replace);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("name").asText()).isEqualTo("Renamed");
        var inv = Upstreams.Invoice.overdue("41001");
        s.standard(inv);
        poll(id);
        awaitStatus(id, "41001", "REGISTERED");
        Upstreams.PROCOUNTOR.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(s.prefix + "/oauth/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("client_secret=secret-" + s.n)));
    }

    @Test
    void defaultsAreAppliedAndShown() {
        var s = Upstreams.slice();
        ObjectNode minimal = s.tenantJson(10, "0", List.of());
        minimal.remove("policy");
        // no policy at all: refused, what is transferred is never a silent default
        ResponseEntity<JsonNode> refused = api(HttpMethod.PUT, "/api/v1/tenants/defaults-" + s.n, minimal);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().path("field").asText()).isEqualTo("policy");
        assertThat(refused.getBody().path("message").asText()).contains("send at least {}");
        minimal.putObject("policy");
        JsonNode t = api(HttpMethod.PUT, "/api/v1/tenants/defaults-" + s.n, minimal).getBody();
        assertThat(t.path("country").asText()).isEqualTo("SE");
        assertThat(t.path("timeZone").asText()).isEqualTo("Europe/Stockholm");
        assertThat(t.path("policy").path("graceDays").asInt()).isEqualTo(10);
        assertThat(t.path("policy").path("pollInterval").asText()).isEqualTo("PT15M");
        assertThat(t.path("policy").path("currencies").toString()).isEqualTo("[\"SEK\",\"EUR\"]");
        assertThat(t.path("policy").path("claimType").asText()).isEqualTo("CollectionCase");
        assertThat(t.path("policy").path("service").asText()).isEqualTo("COLLECTION");
        assertThat(t.path("ledger").path("clearingAccount").asText()).isEqualTo("1930");
    }

    @Test
    void theServiceIsOneTheTenantsAgencyOffersAndReadsBackWithItsV1ClaimType() {
        var s = Upstreams.slice();
        ObjectNode tenant = s.tenantJson(10, "0", java.util.List.of());
        ((ObjectNode) tenant.get("policy")).put("service", "INVOICE");
        ResponseEntity<JsonNode> refused = api(HttpMethod.PUT, "/api/v1/tenants/service-" + s.n, tenant);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().path("field").asText()).isEqualTo("policy.service");
        assertThat(refused.getBody().path("message").asText()).contains("Kravia does not offer the INVOICE service")
                .contains("[REMINDER, COLLECTION]");

        ((ObjectNode) tenant.get("policy")).put("service", "REMINDER");
        JsonNode saved = api(HttpMethod.PUT, "/api/v1/tenants/service-" + s.n, tenant).getBody();
        assertThat(saved.path("policy").path("service").asText()).isEqualTo("REMINDER");
        assertThat(saved.path("policy").path("claimType").asText()).isEqualTo("Invoice");
        // what a GET shows is accepted back as it is (service and claimType agree)
        ObjectNode back = (ObjectNode) api(HttpMethod.GET, "/api/v1/tenants/service-" + s.n, null).getBody();
        ((ObjectNode) back.get("accounting")).put("clientSecret", "x").put("apiKey", "y");
        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/service-" + s.n, back).getStatusCode().value()).isEqualTo(200);
        ((ObjectNode) back.get("policy")).put("claimType", "CollectionCase");
        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/service-" + s.n, back).getBody().path("message").asText())
                .contains("does not agree with claimType");
    }

    @Test
    void badInputIs400NamingTheField() {
        var s = Upstreams.slice();
        record Case(String path, String body, String field) {}
        ObjectNode badUrl = s.tenantJson(10, "0", List.of());
        ((ObjectNode) badUrl.get("accounting")).put("baseUrl", "not a url");
        ObjectNode badSystem = s.tenantJson(10, "0", List.of());
        ((ObjectNode) badSystem.get("agency")).put("system", "intrum");
        ObjectNode noName = s.tenantJson(10, "0", List.of());
        noName.remove("name");
        ObjectNode wrongType = s.tenantJson(10, "0", List.of());
        ((ObjectNode) wrongType.get("policy")).put("graceDays", "ten");
        ObjectNode noSecret = s.tenantJson(10, "0", List.of());
        ((ObjectNode) noSecret.get("accounting")).remove("apiKey");
        for (Case c : List.of(
                new Case("/api/v1/tenants/Bad_Id", s.tenantJson(10, "0", List.of()).toString(), "tenantId"),
                new Case("/api/v1/tenants/ok-" + s.n, badUrl.toString(), "accounting.baseUrl"),
                new Case("/api/v1/tenants/ok-" + s.n, badSystem.toString(), "agency.system"),
                new Case("/api/v1/tenants/ok-" + s.n, noName.toString(), "name"),
                new Case("/api/v1/tenants/ok-" + s.n, wrongType.toString(), "policy.graceDays"),
                new Case("/api/v1/tenants/ok-" + s.n, noSecret.toString(), "accounting.apiKey"),
                new Case("/api/v1/tenants/ok-" + s.n, "{not json", "body"))) {
            ResponseEntity<JsonNode> r = withToken(TOKEN, HttpMethod.PUT, c.path(), c.body());
            assertThat(r.getStatusCode().value()).as(c.toString()).isEqualTo(400);
            assertThat(r.getBody().path("field").asText()).as(c.toString()).isEqualTo(c.field());
            assertThat(r.getBody().path("message").asText()).as(c.toString()).startsWith(c.field().equals("body") ? "the request" : c.field());
            assertThat(r.getBody().toString()).doesNotContain("Exception").doesNotContain("at eu.indriva");
        }
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/ok-" + s.n, null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void baseUrlsThatReachTheHostsOwnServicesAreRefused() {
        var s = Upstreams.slice();
        ObjectNode metadata = s.tenantJson(10, "0", List.of());
        ((ObjectNode) metadata.get("agency")).put("baseUrl", "http://169.254.169.254/latest");
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/tenants/ssrf-" + s.n, metadata);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().path("field").asText()).isEqualTo("agency.baseUrl");
        assertThat(r.getBody().path("message").asText()).contains("metadata");
        ObjectNode v6 = s.tenantJson(10, "0", List.of());
        ((ObjectNode) v6.get("accounting")).put("baseUrl", "https://[fd00:ec2::254]/api");
        r = api(HttpMethod.PUT, "/api/v1/tenants/ssrf-" + s.n, v6);
        assertThat(r.getBody().path("field").asText()).isEqualTo("accounting.baseUrl");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/ssrf-" + s.n, null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void unknownFieldsAndLossyNumbersAre400NamingTheField() {
        var s = Upstreams.slice();
        ObjectNode misspelt = s.tenantJson(10, "0", List.of());
        ((ObjectNode) misspelt.get("policy")).put("minimumAmmount", 500);
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/tenants/strict-" + s.n, misspelt);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().path("field").asText()).isEqualTo("policy.minimumAmmount");
        assertThat(r.getBody().path("message").asText()).contains("misspelt").contains("minimumAmount");

        ObjectNode fraction = s.tenantJson(10, "0", List.of());
        ((ObjectNode) fraction.get("agency")).put("creditorId", 1.5);
        r = api(HttpMethod.PUT, "/api/v1/tenants/strict-" + s.n, fraction);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().path("field").asText()).isEqualTo("agency.creditorId");
        assertThat(r.getBody().path("message").asText()).contains("whole number");

        r = api(HttpMethod.PUT, "/api/v1/tenants/strict-" + s.n, s.tenantJson(10, "0", List.of()) + " {}");
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/strict-" + s.n, null).getStatusCode().value()).isEqualTo(404);

        // what a GET shows (id, lastRuns, needsAttention) may be sent back as it is
        String id = createTenant(s);
        ObjectNode shown = (ObjectNode) api(HttpMethod.GET, "/api/v1/tenants/" + id, null).getBody();
        assertThat(shown.has("lastRuns")).isTrue();
        shown.put("name", "Renamed AB");
        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/" + id, shown).getStatusCode().value()).isEqualTo(200);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + id, null).getBody().path("name").asText()).isEqualTo("Renamed AB");
    }

    @Test
    void largeExclusionListsAreStoredAndBodiesOverTheLimitAre413() throws Exception {
        var s = Upstreams.slice();
        List<String> many = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "CUST-" + (100000 + i)).toList();
        ResponseEntity<JsonNode> stored = api(HttpMethod.PUT, "/api/v1/tenants/many-" + s.n, s.tenantJson(10, "0", many));
        assertThat(stored.getStatusCode().value()).as("%s", stored.getBody()).isEqualTo(201);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/many-" + s.n, null).getBody()
                .path("policy").path("excludedCustomerNumbers")).hasSize(2000);

        List<String> tooMany = java.util.stream.IntStream.range(0, 5001).mapToObj(i -> "C" + i).toList();
        ResponseEntity<JsonNode> refused = api(HttpMethod.PUT, "/api/v1/tenants/many-" + s.n, s.tenantJson(10, "0", tooMany));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().path("field").asText()).isEqualTo("policy.excludedCustomerNumbers");
        assertThat(refused.getBody().path("message").asText()).contains("at most 5000");

        String huge = "{\"name\":\"" + "x".repeat(600 * 1024) + "\"}";
        ResponseEntity<JsonNode> tooLarge = api(HttpMethod.PUT, "/api/v1/tenants/huge-" + s.n, huge);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(tooLarge.getBody().path("message").asText()).contains("512 KiB");
        // the same without a Content-Length (chunked): refused once the limit is passed, not read whole
        var client = java.net.http.HttpClient.newHttpClient();
        var chunked = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.getRootUri() + "/api/v1/tenants/huge-" + s.n))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        var answer = client.send(chunked, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("too_large").doesNotContain("Exception");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/huge-" + s.n, null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void claimsOfAnUnknownTenantOrInvoiceAre404AndBadParametersAre400() {
        var s = Upstreams.slice();
        String id = createTenant(s);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/nobody/claims", null).getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + id + "/claims/12345", null).getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + id + "/claims/12345/retry", null).getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + id + "/claims?status=LOST", null).getBody().path("field").asText()).isEqualTo("status");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + id + "/claims?size=501", null).getStatusCode().value()).isEqualTo(400);
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/nobody/poll", null).getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + id + "/transfers", "{}").getBody().path("field").asText()).isEqualTo("invoiceId");
    }

    @Test
    void pollingADisabledTenantIs409() {
        var s = Upstreams.slice();
        ObjectNode json = s.tenantJson(10, "0", List.of());
        json.put("enabled", false);
        String id = createTenant(s, json);
        ResponseEntity<JsonNode> r = api(HttpMethod.POST, "/api/v1/tenants/" + id + "/poll", null);
        assertThat(r.getStatusCode().value()).isEqualTo(409);
        assertThat(r.getBody().path("message").asText()).contains("disabled");
    }

    @Test
    void aSecondTenantOnTheSameAgencyCreditorIs409() {
        var first = Upstreams.slice();
        String owner = createTenant(first);
        var second = Upstreams.slice();
        ObjectNode json = second.tenantJson(10, "0", List.of());
        ((ObjectNode) json.path("agency")).put("creditorId", first.creditorId);
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/tenants/tenant-" + second.n, json);
        assertThat(r.getStatusCode().value()).isEqualTo(409);
        assertThat(r.getBody().path("message").asText()).contains(Long.toString(first.creditorId)).contains(owner);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/tenant-" + second.n, null).getStatusCode().value()).isEqualTo(404);
        // the owner itself may be replaced with its own creditor
        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/" + owner, first.tenantJson(5, "0", List.of())).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void askingForAFormatTheApiDoesNotSpeakIs406WithTheReasonInJson() {
        var s = Upstreams.slice();
        String id = createTenant(s);
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(TOKEN);
        h.setAccept(List.of(MediaType.valueOf("text/csv")));
        ResponseEntity<String> r = http.exchange("/api/v1/tenants/" + id + "/claims", HttpMethod.GET, new HttpEntity<>(h), String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(406);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(r.getBody()).contains("\"error\":\"not_acceptable\"").contains("application/json");
    }
}
