package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reconciliation's schedule: every enabled tenant once a night in its zone (the night made to be
 * now), never twice for the same night; a run left RUNNING by an instance that died is marked FAILED.
 */
class ReconciliationScheduleFlowTest extends AppTestBase {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    @DynamicPropertySource
    static void nightIsNow(DynamicPropertyRegistry r) {
        r.add("indriva.reconciliation.nightly", () -> "true");
        r.add("indriva.reconciliation.nightly-at", () -> LocalTime.now(STOCKHOLM).minusMinutes(30).withSecond(0).withNano(0).toString());
        r.add("indriva.reconciliation.nightly-check", () -> "PT0S");
        r.add("indriva.reconciliation.abandoned-after", () -> "PT1M");
        r.add("indriva.reconciliation.keep", () -> "P400D");
    }

    @Autowired
    ProducerTemplate camel;

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode list(String tenant) {
        return api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/reconciliations", null).getBody();
    }

    @Test
    void eachTenantIsReconciledOnceANightAsOfTheDayThatEnded() {
        var s = Upstreams.slice();
        s.standard(Invoice.overdue("95001"));
        s.ledger();
        s.settlements("[]");
        s.changes();
        String tenant = createTenant(s);
        poll(tenant);
        awaitStatus(tenant, "95001", "REGISTERED");
        s.details(s.agencyClaims().get("95001").toString(), "95001", "DebtCollection", null, "2026-12-01T10:00:00", "1250.00");

        camel.sendBody("direct:reconciliation-sweep", (Object) null);
        await().atMost(Duration.ofSeconds(30)).until(() -> list(tenant).size() == 1 && list(tenant).get(0).path("status").asText().equals("DONE"));
        camel.sendBody("direct:reconciliation-sweep", (Object) null);

        JsonNode runs = list(tenant);
        assertThat(runs).as("one a night").hasSize(1);
        assertThat(runs.get(0).path("asOf").asText()).isEqualTo(LocalDate.now(STOCKHOLM).minusDays(1).toString());
    }

    @Test
    void reconciliationsOlderThanTheRetentionAreRemovedWithTheirDifferences() {
        var s = Upstreams.slice();
        s.token();
        String tenant = createTenant(s, s.tenantJson(10, "0", java.util.List.of()).put("enabled", false));
        Instant old = Instant.now().minus(Duration.ofDays(401));
        Instant kept = Instant.now().minus(Duration.ofDays(399));
        for (Object[] run : new Object[][] {{"old-run", old}, {"kept-run", kept}}) {
            jdbc.update("""
                    INSERT INTO reconciliation (id, tenant_id, as_of, period_start, status, claims, differences, started_at, heartbeat_at,
                                                finished_at)
                    VALUES (?, ?, ?, ?, 'DONE', 1, 1, ?, ?, ?)""", run[0], tenant, LocalDate.now().minusDays(401), LocalDate.now().minusDays(420),
                    Timestamp.from((Instant) run[1]), Timestamp.from((Instant) run[1]), Timestamp.from((Instant) run[1]));
            jdbc.update("""
                    INSERT INTO reconciliation_difference (reconciliation_id, seq, invoice_id, kind, action)
                    VALUES (?, 0, '1', 'AMOUNT_MISMATCH', 'compare')""", run[0]);
        }

        camel.sendBody("direct:reconciliation-sweep", (Object) null);

        assertThat(list(tenant)).extracting(r -> r.path("id").asText()).containsExactly("kept-run");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_difference WHERE reconciliation_id IN ('old-run', 'kept-run')",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void aRunWhoseInstanceDiedIsMarkedFailedSayingSo() {
        var s = Upstreams.slice();
        s.token();
        String tenant = createTenant(s, s.tenantJson(10, "0", java.util.List.of()).put("enabled", false));
        Instant long_ago = Instant.now().minus(Duration.ofMinutes(10));
        jdbc.update("""
                INSERT INTO reconciliation (id, tenant_id, as_of, period_start, status, claims, differences, started_at, heartbeat_at)
                VALUES ('dead-run', ?, ?, ?, 'RUNNING', 40, 0, ?, ?)""", tenant, LocalDate.now(), LocalDate.now().withDayOfMonth(1),
                Timestamp.from(long_ago), Timestamp.from(long_ago));

        camel.sendBody("direct:reconciliation-sweep", (Object) null);

        JsonNode dead = api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/reconciliations/dead-run", null).getBody();
        assertThat(dead.path("status").asText()).isEqualTo("FAILED");
        assertThat(dead.path("error").asText()).contains("instance running it stopped");
        assertThat(list(tenant)).as("a disabled tenant has no nightly run").hasSize(1);
    }
}
