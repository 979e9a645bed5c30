package eu.indriva.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document the running application serves (/v3/api-docs, springdoc) against the
 * contract ({@code src/test/resources/contracts/indriva-api.yaml}, a copy of the shared
 * {@code indriva-api.yaml}): every path and method of the contract is served, and everything served
 * beyond it is a known extension.
 */
class ApiDocsContractTest extends AppTestBase {

    /** Served beyond the contract, documented in the README. */
    private static final Set<String> EXTENSIONS = Set.of(
            "GET /api/v1/users/{username}",
            "POST /api/v1/tenants/{tenantId}/claims/{invoiceId}/pause",
            "POST /api/v1/tenants/{tenantId}/claims/{invoiceId}/resume",
            "GET /api/v1/tenants/{tenantId}/agency-problems",
            "POST /api/v1/tenants/{tenantId}/connection-test",
            "POST /webhooks/ping");

    @Test
    void theServedDocumentHasEveryPathAndMethodOfTheContract() throws Exception {
        ResponseEntity<JsonNode> r = http.getForEntity("/v3/api-docs", JsonNode.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        Set<String> served = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = r.getBody().path("paths").fields();
        paths.forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> served.add(m.toUpperCase() + " "
                // one webhook endpoint takes every agency's system: the contract names Kravia's
                + p.getKey().replace("/webhooks/{system}/", "/webhooks/kravia/"))));
        Set<String> contract = contractOperations();

        Set<String> missing = new TreeSet<>(contract);
        missing.removeAll(served);
        Set<String> extra = new TreeSet<>(served);
        extra.removeAll(contract);

        assertThat(missing).as("in the contract, not served").isEmpty();
        assertThat(extra).as("served, not in the contract").containsExactlyInAnyOrderElementsOf(EXTENSIONS);
        // the admin token as a bearer, so Swagger UI can send it
        assertThat(r.getBody().path("components").path("securitySchemes").path("admin").path("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void swaggerUiIsServed() {
        ResponseEntity<String> r = http.getForEntity("/swagger-ui/index.html", String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody()).contains("swagger-ui");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> contractOperations() throws Exception {
        Set<String> ops = new TreeSet<>();
        try (InputStream in = ApiDocsContractTest.class.getResourceAsStream("/contracts/indriva-api.yaml")) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
            paths.forEach((path, item) -> item.keySet().stream()
                    .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                    .forEach(m -> ops.add(m.toUpperCase() + " " + path)));
        }
        return ops;
    }
}
