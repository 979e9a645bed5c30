package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * A webhook flood for one tenant, or for tenants nobody knows (issue 10, security): answered 429
 * with Retry-After past the tenant's allowance, while another tenant's webhooks are still taken.
 */
@TestPropertySource(properties = {"indriva.webhooks.per-tenant-per-second=1", "indriva.webhooks.burst=5"})
class WebhookIntakeFlowTest extends AppTestBase {

    @Test
    void aFloodForOneTenantIsThrottledAndTheOthersGoOn() {
        var big = Upstreams.slice();
        var small = Upstreams.slice();
        String[] b = registered(big, "93001");
        String[] s = registered(small, "94001");

        List<Integer> answers = new ArrayList<>();
        ResponseEntity<JsonNode> throttled = null;
        for (int i = 0; i < 30; i++) {
            ResponseEntity<JsonNode> r = webhook(b[0], signed(1700000000 + i, "CaseUpdate", b[1]));
            answers.add(r.getStatusCode().value());
            if (r.getStatusCode().value() == 429) {
                throttled = r;
            }
        }
        assertThat(answers.stream().filter(a -> a == 200).count()).as("%s", answers).isBetween(5L, 8L);
        assertThat(throttled).isNotNull();
        assertThat(throttled.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(throttled.getBody().path("error").asText()).isEqualTo("too_many_requests");

        assertThat(webhook(s[0], signed(1700000000, "CaseUpdate", s[1])).getStatusCode().value()).isEqualTo(200);

        // tenants nobody knows share one allowance: 404s until it is used up, then 429s
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            unknown.add(webhook("nobody-" + i, signed(1, "CaseUpdate", "1")).getStatusCode().value());
        }
        assertThat(unknown).contains(404, 429);
        assertThat(webhook(s[0], signed(1700000001, "CaseUpdate", s[1])).getStatusCode().value()).isEqualTo(200);
    }
}
