package eu.indriva.tenant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outcome of each tenant's last poll, payment scan and agency sync (routes call it when a run
 * ends). A failure keeps the time of the first failure since the last success, so health can
 * report a tenant whose upstream has been failing for long.
 */
@Component("tenantRuns")
public class TenantRuns {

    public static final String POLL = "poll";
    public static final String PAYMENT_SCAN = "payment-scan";
    public static final String AGENCY_SYNC = "agency-sync";

    /** One run's outcome as the tenant resource shows it. */
    public record Run(Instant at, String outcome, String error, Instant failingSince) {}

    /** A tenant whose runs of one kind have failed since {@code since}. */
    public record Failing(String tenantId, String kind, Instant since, String error) {}

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    public TenantRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void ok(String tenantId, String kind) {
        record(tenantId, kind, "OK", null);
    }

    /** Ended early for a reason that is not the upstream's (e.g. registration made no progress). */
    public void stopped(String tenantId, String kind, String reason) {
        record(tenantId, kind, "STOPPED", reason);
    }

    public void failed(String tenantId, String kind, String error) {
        record(tenantId, kind, "FAILED", error);
    }

    private void record(String tenantId, String kind, String outcome, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        String text = error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error;
        boolean failed = outcome.equals("FAILED");
        int updated = jdbc.update("""
                UPDATE tenant_run SET finished_at = ?, outcome = ?, error = ?,
                       failing_since = CASE WHEN ? THEN COALESCE(failing_since, ?) ELSE NULL END
                WHERE tenant_id = ? AND kind = ?""", now, outcome, text, failed, now, tenantId, kind);
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO tenant_run (tenant_id, kind, finished_at, outcome, error, failing_since) VALUES (?, ?, ?, ?, ?, ?)",
                        tenantId, kind, now, outcome, text, failed ? now : null);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                record(tenantId, kind, outcome, error);
            }
        }
    }

    /**
     * A run of this kind started (or goes on after a wait): if it has not ended by {@code takeoverAt},
     * its instance is taken for dead and the run is offered again ({@link #interrupted}).
     */
    public void started(String tenantId, String kind, Instant takeoverAt) {
        Timestamp at = Timestamp.from(takeoverAt);
        if (jdbc.update("UPDATE run_takeover SET takeover_at = ? WHERE tenant_id = ? AND kind = ?", at, tenantId, kind) == 0) {
            try {
                jdbc.update("INSERT INTO run_takeover (tenant_id, kind, takeover_at) VALUES (?, ?, ?)", tenantId, kind, at);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                started(tenantId, kind, takeoverAt);
            }
        }
    }

    /** The run ended on this instance, however it ended: nothing to take over. */
    public void ended(String tenantId, String kind) {
        jdbc.update("DELETE FROM run_takeover WHERE tenant_id = ? AND kind = ?", tenantId, kind);
    }

    /**
     * Enabled tenants whose run of this kind started and never ended by its takeover time: its
     * instance died (or still runs it and keeps its lease, and the offer is refused). Not limited by
     * the schedule's budget: these are owed now.
     */
    public List<String> interrupted(String kind, Instant now) {
        return jdbc.queryForList("""
                SELECT r.tenant_id FROM run_takeover r JOIN tenant t ON t.id = r.tenant_id
                WHERE r.kind = ? AND r.takeover_at <= ? AND t.enabled = TRUE ORDER BY r.takeover_at, r.tenant_id""",
                String.class, kind, Timestamp.from(now));
    }

    /**
     * The tenants owed a run now, each once: first those whose run of one of {@code kinds} never
     * ended ({@link #interrupted}), then the schedule's {@code due}.
     */
    public List<String> owed(Instant now, List<String> due, String... kinds) {
        java.util.Set<String> owed = new java.util.LinkedHashSet<>();
        for (String kind : kinds) {
            owed.addAll(interrupted(kind, now));
        }
        owed.addAll(due);
        return List.copyOf(owed);
    }

    /** The tenant's last runs by kind. */
    public Map<String, Run> of(String tenantId) {
        Map<String, Run> runs = new LinkedHashMap<>();
        jdbc.query("SELECT kind, finished_at, outcome, error, failing_since FROM tenant_run WHERE tenant_id = ? ORDER BY kind",
                rs -> {
                    runs.put(rs.getString(1), run(rs, 2));
                }, tenantId);
        return runs;
    }

    /** A run from finished_at, outcome, error, failing_since, starting at column {@code first}. */
    private static Run run(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        Timestamp since = rs.getTimestamp(first + 3);
        return new Run(rs.getTimestamp(first).toInstant(), rs.getString(first + 1), rs.getString(first + 2),
                since == null ? null : since.toInstant());
    }

    /** Every tenant's last runs by kind, by tenant id: one query (the operations page). */
    public Map<String, Map<String, Run>> all() {
        Map<String, Map<String, Run>> runs = new java.util.TreeMap<>();
        jdbc.query("SELECT tenant_id, kind, finished_at, outcome, error, failing_since FROM tenant_run ORDER BY tenant_id, kind",
                rs -> {
                    runs.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), run(rs, 3));
                });
        return runs;
    }

    /** Runs failing since before {@code before}, oldest first. */
    public List<Failing> failingSince(Instant before) {
        return jdbc.query("""
                SELECT tenant_id, kind, failing_since, error FROM tenant_run WHERE failing_since < ?
                ORDER BY failing_since, tenant_id, kind""",
                (rs, i) -> new Failing(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)),
                Timestamp.from(before));
    }
}
