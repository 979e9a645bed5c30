package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A poison message (issue 10 item 5): a ticket whose processing throws on every delivery ends on
 * the broker's dead-letter queue, its claim FAILED, listed by the admin API with the reason, and
 * replayed once the cause is fixed, registering the claim exactly once. The fault is real: the
 * claim table refuses the claim's REGISTERED row (a constraint stands in for a storage bug).
 */
@TestPropertySource(properties = "indriva.broker.redelivery-delay=PT0.1S")
class DeadLetterFlowTest extends AppTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate camel;

    @Test
    void aTicketThatAlwaysThrowsIsParkedListedAndReplayedOnce() {
        var s = Upstreams.slice();
        s.standard(Invoice.overdue("71001"), Invoice.overdue("71002"));
        String tenant = createTenant(s);
        jdbc.execute("ALTER TABLE claim ADD CONSTRAINT poison_71001 CHECK (invoice_id <> '71001' OR status <> 'REGISTERED')");
        try {
            poll(tenant);
            awaitStatus(tenant, "71002", "REGISTERED");
            JsonNode failed = awaitStatus(tenant, "71001", "FAILED");
            assertThat(failed.path("reason").asText()).contains("dead-lettered").contains("/replay");

            JsonNode list = deadLetters("?tenantId=" + tenant);
            assertThat(list).hasSize(1);
            JsonNode letter = list.get(0);
            assertThat(letter.path("queue").asText()).isEqualTo("indriva.claims.register");
            assertThat(letter.path("invoiceId").asText()).isEqualTo("71001");
            assertThat(letter.path("reason").asText()).as("why, from the last failure").containsIgnoringCase("poison_71001");
            assertThat(letter.path("firstFailedAt").asText()).isNotEmpty();
        } finally {
            jdbc.execute("ALTER TABLE claim DROP CONSTRAINT poison_71001");
        }
        long id = deadLetters("?tenantId=" + tenant).get(0).path("id").asLong();

        ResponseEntity<JsonNode> replay = api(HttpMethod.POST, "/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(replay.getStatusCode().value()).isEqualTo(202);
        assertThat(replay.getBody().path("status").asText()).isEqualTo("replayed");
        awaitStatus(tenant, "71001", "REGISTERED");
        assertThat(s.agencyClaims()).containsOnlyKeys("71001", "71002");

        assertThat(deadLetters("?tenantId=" + tenant)).isEmpty();
        assertThat(deadLetters("?tenantId=" + tenant + "&includeReplayed=true").get(0).path("replayedAt").asText()).isNotEmpty();
        ResponseEntity<JsonNode> again = api(HttpMethod.POST, "/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().path("message").asText()).contains("was replayed at");
        assertThat(api(HttpMethod.POST, "/api/v1/dead-letters/999999/replay", null).getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.GET, "/api/v1/dead-letters?tenant=x", null).getBody().path("field").asText()).isEqualTo("tenant");
    }

    @Test
    void aMessageThatIsNotAnEventIsParkedWithTheParsersComplaint() {
        int before = deadLetters("").size();
        camel.sendBody("jms:queue:indriva.agency.events", "{\"tenantId\": \"x\", broken");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters("")).hasSize(before + 1));
        JsonNode letter = deadLetters("").get(before);
        assertThat(letter.path("queue").asText()).isEqualTo("indriva.agency.events");
        assertThat(letter.path("reason").asText()).contains("JsonParseException");
        assertThat(letter.path("tenantId").isNull()).isTrue();
    }

    private JsonNode deadLetters(String query) {
        ResponseEntity<JsonNode> r = api(HttpMethod.GET, "/api/v1/dead-letters" + query, null);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isIn(200, 400);
        return r.getBody();
    }
}
