package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static eu.indriva.support.Upstreams.KRAVIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import eu.indriva.agency.kravia.KraviaWebhooks;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Claim status back from the agency: webhooks first, the "changed since" search as the safety net. */
class AgencyStatusFlowTest extends AppTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    eu.indriva.claim.ClaimStatistics statistics;

    @Test
    void webhookChecksSizeTenantShapeAndSignatureInThatOrder() {
        var s = Upstreams.slice();
        String[] t = registered(s, "51001");
        s.details(t[1], "51001", "Reminder", null, "2026-11-01T10:00:00.1234567", "1250.00");

        assertThat(webhook("no-such-tenant", signed(1, "CaseUpdate", t[1])).getStatusCode().value()).isEqualTo(404);
        // the path names the agency system: one that sends no webhooks, or another than the tenant's, is 404
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        h.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> otherSystem = http.exchange("/webhooks/promentor/" + t[0], HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(signed(1, "CaseUpdate", t[1]), h), JsonNode.class);
        assertThat(otherSystem.getStatusCode().value()).isEqualTo(404);
        assertThat(otherSystem.getBody().path("message").asText()).isEqualTo("no webhooks for agency system promentor");
        assertThat(webhook(t[0], "x".repeat(70 * 1024)).getStatusCode().value()).isEqualTo(413);
        ResponseEntity<JsonNode> notJson = webhook(t[0], "not json");
        assertThat(notJson.getStatusCode().value()).isEqualTo(400);
        // a 400 names the field, and never echoes the parser's text (it quotes the body)
        assertThat(notJson.getBody().path("field").asText()).isEqualTo("body");
        assertThat(notJson.getBody().path("message").asText()).isEqualTo("not JSON");
        ResponseEntity<JsonNode> noTimestamp = webhook(t[0], "{\"data\":{\"eventType\":\"CaseUpdate\"}}");
        assertThat(noTimestamp.getStatusCode().value()).isEqualTo(400);
        assertThat(noTimestamp.getBody().path("field").asText()).isEqualTo("data.timestamp");
        ResponseEntity<JsonNode> missing = webhook(t[0], caseUpdate(1700000000, "CaseUpdate", t[1], null));
        assertThat(missing.getStatusCode().value()).isEqualTo(401);
        assertThat(missing.getBody().path("message").asText()).contains("missing");
        String forged = KraviaWebhooks.sign(1700000000, "CaseUpdate", Long.parseLong(t[1]), "not-the-secret");
        assertThat(webhook(t[0], caseUpdate(1700000000, "CaseUpdate", t[1], forged)).getStatusCode().value()).isEqualTo(401);
        assertThat(webhook(t[0], signed(1700000000, "SomethingElse", t[1])).getBody().path("status").asText()).isEqualTo("ignored");
        assertThat(webhook(t[0], signed(1700000000, "CaseUpdate", "424242")).getBody().path("status").asText()).isEqualTo("ignored");
        assertThat(s.kraviaRequests("GET", "/api/v2/invoice/" + t[1] + "/details")).as("nothing refused was processed").isZero();

        ResponseEntity<JsonNode> ok = webhook(t[0], signed(1700000000, "CaseUpdate", t[1]));
        assertThat(ok.getStatusCode().value()).isEqualTo(200);
        assertThat(ok.getBody().path("status").asText()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(15)).until(() -> "Reminder".equals(claim(t[0], "51001").path("agencyStatus").asText()));
        // what the agency says is still owed, as read with the status
        assertThat(claim(t[0], "51001").path("outstanding").path("capital").decimalValue()).isEqualByComparingTo("1250.00");
    }

    @Test
    void aReReadTheAgencyFailsIsRetriedUntilItAnswers() {
        var s = Upstreams.slice();
        String[] t = registered(s, "54501");
        s.details(t[1], "54501", "Reminder", null, "2026-11-03T08:00:00", "1250.00");
        // the first re-read fails: the event is sent again later (a scheduled re-send in the consumer's transaction)
        KRAVIA.stubFor(get(urlPathEqualTo(s.prefix + "/api/v2/invoice/" + t[1] + "/details")).inScenario("d" + s.n)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(Upstreams.status(503)).willSetStateTo("ok"));

        assertThat(webhook(t[0], signed(1700000400, "CaseUpdate", t[1])).getStatusCode().value()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> "Reminder".equals(claim(t[0], "54501").path("agencyStatus").asText()));
        assertThat(s.kraviaRequests("GET", "/api/v2/invoice/" + t[1] + "/details")).isEqualTo(2);
    }

    @Test
    void theSameWebhookFiftyTimesAtOnceIsProcessedOnce() {
        var s = Upstreams.slice();
        String[] t = registered(s, "52001");
        s.details(t[1], "52001", "Reminder", null, "2026-11-02T08:00:00", "1250.00");
        String body = signed(1700000100, "CaseUpdate", t[1]);

        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> webhook(t[0], body).getStatusCode().value()));
        }
        assertThat(calls.stream().map(CompletableFuture::join)).containsOnly(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> "Reminder".equals(claim(t[0], "52001").path("agencyStatus").asText()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> s.kraviaRequests("GET", "/api/v2/invoice/" + t[1] + "/details") == 1);
    }

    @Test
    void anAnswerOlderThanTheStoredOneNeverOverwritesIt() {
        var s = Upstreams.slice();
        String[] t = registered(s, "53001");
        s.details(t[1], "53001", "DebtCollection", null, "2026-11-10T12:00:00.5", "1000.00");
        webhook(t[0], signed(1700000200, "CaseUpdate", t[1]));
        await().atMost(Duration.ofSeconds(15)).until(() -> "DebtCollection".equals(claim(t[0], "53001").path("agencyStatus").asText()));

        // a late event whose re-read answers with an older state
        s.details(t[1], "53001", "Reminder", null, "2026-11-10T11:59:59.9", "1250.00");
        webhook(t[0], signed(1700000150, "CaseUpdate", t[1]));
        await().atMost(Duration.ofSeconds(15)).until(() -> s.kraviaRequests("GET", "/api/v2/invoice/" + t[1] + "/details") == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> "DebtCollection".equals(claim(t[0], "53001").path("agencyStatus").asText()));

        // a newer one that closes the claim
        s.details(t[1], "53001", "Closed", "Paid", "2026-11-12T09:00:00", "0.00");
        webhook(t[0], signed(1700000300, "CaseUpdate", t[1]));
        JsonNode closed = awaitStatus(t[0], "53001", "CLOSED");
        // the stage and the close reason in the words every agency shares, Kravia's own word beside them
        assertThat(closed.path("closeReason").asText()).isEqualTo("PAID");
        assertThat(closed.path("stage").asText()).isEqualTo("CLOSED");
        // closed as paid: the overview's median days from transfer to paid counts it (closed just after its transfer)
        assertThat(statistics.medianDaysToPaid(t[0])).isNotNull().isLessThan(java.math.BigDecimal.ONE);
        assertThat(closed.path("agencyStatus").asText()).isEqualTo("Closed");
        assertThat(closed.path("agency").asText()).isEqualTo("kravia");
        String history = closed.path("history").toString();
        assertThat(history).contains("\"detail\":\"DebtCollection\"").contains("DebtCollection → Closed (PAID)").doesNotContain("→ Reminder");
    }

    @Test
    void aChangeSeenOnlyByPollingIsProcessedAndTheWatermarkMoves() {
        var s = Upstreams.slice();
        String[] t = registered(s, "54001");
        s.details(t[1], "54001", "DebtCollection", null, "2026-11-15T07:30:00.25", "1250.00");
        s.changes(new String[] {t[1], "54001", "2026-11-15T07:30:00.25"});
        s.settlements("[]");

        assertThat(api(HttpMethod.POST, "/api/v1/tenants/" + t[0] + "/agency-sync", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DebtCollection".equals(claim(t[0], "54001").path("agencyStatus").asText()));

        api(HttpMethod.POST, "/api/v1/tenants/" + t[0] + "/agency-sync", null);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(s.kraviaUrls("GET", "/api/v2/invoice/search"))
                .anyMatch(u -> u.contains("lastUpdatedTime=2026-11-15T07%3A30%3A00.25") || u.contains("lastUpdatedTime=2026-11-15T07:30:00.25")));
        assertThat(s.kraviaRequests("GET", "/api/v2/invoice/" + t[1] + "/details")).isEqualTo(1);
    }
}
