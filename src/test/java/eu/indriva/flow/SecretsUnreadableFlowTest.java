package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import eu.indriva.tenant.SecretCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tenant whose stored secrets cannot be decrypted (the secrets key changed, or the data comes
 * from another installation), issue 10 item 3: one clear answer instead of stack traces and a 202.
 */
class SecretsUnreadableFlowTest extends AppTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    eu.indriva.connectors.Connectors connectors;

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void theTenantNeedsAttentionItsPollIsRefusedWithTheReasonAndNewSecretsMendIt() {
        var s = Upstreams.slice();
        Invoice inv = Invoice.overdue("61001");
        s.standard(inv);
        String tenant = createTenant(s);
        // the secrets as another installation (another key) would have sealed them
        jdbc.update("UPDATE tenant SET secrets = ? WHERE id = ?",
                new SecretCipher(new byte[32]).encrypt("{\"clientSecret\":\"x\",\"apiKey\":\"y\",\"agencyToken\":\"z\"}"), tenant);
        // as at a start with another key: no adapter built from the readable secrets (a scheduled poll may have built one)
        connectors.forget(tenant);

        ResponseEntity<JsonNode> poll = api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/poll", null);
        assertThat(poll.getStatusCode().value()).isEqualTo(409);
        assertThat(poll.getBody().path("error").asText()).isEqualTo("tenant_needs_attention");
        assertThat(poll.getBody().path("message").asText()).contains(tenant).contains("cannot be decrypted")
                .contains("Enter the tenant's secrets again");
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/agency-sync", null).getStatusCode().value()).isEqualTo(409);
        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + tenant + "/transfers", "{\"invoiceId\":\"61001\"}")
                .getStatusCode().value()).isEqualTo(409);

        JsonNode shown = api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody();
        assertThat(shown.path("needsAttention").asText()).contains("cannot be decrypted");
        assertThat(shown.path("accounting").path("clientId").asText()).isEqualTo("client-" + s.n);
        JsonNode health = http.getForObject("http://localhost:" + managementPort + "/actuator/health", JsonNode.class);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("tenants").path("details").path("needsAttention").path(tenant).asText())
                .contains("cannot be decrypted");
        assertThat(claim(tenant, "61001")).as("nothing was selected").isNull();

        // a replace without the secrets cannot keep the unreadable ones: it must bring them all
        ObjectNode withoutSecrets = s.tenantJson(10, "0", java.util.List.of());
        ((ObjectNode) withoutSecrets.path("accounting")).remove(java.util.List.of("clientSecret", "apiKey"));
        ResponseEntity<JsonNode> refused = api(HttpMethod.PUT, "/api/v1/tenants/" + tenant, withoutSecrets);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().path("field").asText()).isEqualTo("accounting.clientSecret");
        assertThat(refused.getBody().path("message").asText()).contains("cannot be decrypted");

        assertThat(api(HttpMethod.PUT, "/api/v1/tenants/" + tenant, s.tenantJson(10, "0", java.util.List.of()))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + tenant, null).getBody().path("needsAttention").isNull()).isTrue();
        poll(tenant);
        awaitStatus(tenant, "61001", "REGISTERED");
        health = http.getForObject("http://localhost:" + managementPort + "/actuator/health", JsonNode.class);
        assertThat(health.path("components").path("tenants").path("details").path("needsAttention").has(tenant)).isFalse();
    }
}
