package eu.indriva.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tenants in the database: settings as JSON, secrets encrypted with {@link SecretCipher}. */
@Repository
public class TenantRepository {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SecretCipher cipher;

    public TenantRepository(JdbcTemplate jdbc, ObjectMapper json, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    /** @return true when the tenant was created, false when it replaced an existing one. */
    public boolean save(Tenant tenant, TenantSecrets secrets) {
        String settings = write(tenant);
        String sealed = cipher.encrypt(write(secrets));
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("""
                UPDATE tenant SET name = ?, enabled = ?, settings = ?, secrets = ?, updated_at = ?, automatic = ?,
                                  poll_interval_s = ? WHERE id = ?""",
                tenant.name(), tenant.enabled(), settings, sealed, now, tenant.policy().automatic(),
                tenant.policy().pollInterval().toSeconds(), tenant.id());
        if (updated == 1) {
            return false;
        }
        // a new tenant is due at once; the schedulers' budget spreads many new tenants over their interval
        jdbc.update("""
                INSERT INTO tenant (id, name, enabled, settings, secrets, created_at, updated_at, automatic, poll_interval_s,
                                    next_poll_at, next_agency_sync_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                tenant.id(), tenant.name(), tenant.enabled(), settings, sealed, now, now, tenant.policy().automatic(),
                tenant.policy().pollInterval().toSeconds(), now, now);
        return true;
    }

    public Optional<Tenant> find(String id) {
        return jdbc.query("SELECT settings FROM tenant WHERE id = ?", (rs, i) -> read(rs.getString(1), Tenant.class), id)
                .stream().findFirst();
    }

    /** @throws TenantSecretsUnreadable when the stored secrets cannot be decrypted with this installation's key */
    public TenantSecrets secrets(String id) {
        return jdbc.query("SELECT secrets FROM tenant WHERE id = ?", (rs, i) -> rs.getString(1), id).stream()
                .findFirst()
                .map(sealed -> {
                    try {
                        return read(cipher.decrypt(sealed), TenantSecrets.class);
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        throw new TenantSecretsUnreadable(id);
                    }
                })
                .orElse(TenantSecrets.NONE);
    }

    public List<Tenant> all() {
        return jdbc.query("SELECT settings FROM tenant ORDER BY id", (rs, i) -> read(rs.getString(1), Tenant.class));
    }

    /**
     * Enabled, automatic tenants whose next poll is due at {@code now}, the longest overdue first,
     * at most {@code limit}.
     */
    public List<String> duePolls(Instant now, int limit) {
        return jdbc.queryForList("""
                SELECT id FROM tenant WHERE next_poll_at <= ? AND enabled = TRUE AND automatic = TRUE
                ORDER BY next_poll_at, id LIMIT ?""", String.class, Timestamp.from(now), limit);
    }

    /** How many polls per second the enabled, automatic tenants' intervals ask for, together. */
    public double pollsPerSecond() {
        Double rate = jdbc.queryForObject("""
                SELECT SUM(1.0 / poll_interval_s) FROM tenant WHERE enabled = TRUE AND automatic = TRUE AND poll_interval_s > 0""",
                Double.class);
        return rate == null ? 0 : rate;
    }

    /** A poll started at {@code at}; the next one is due at {@code next}. */
    public void pollStarted(String id, Instant at, Instant next) {
        jdbc.update("UPDATE tenant SET last_poll_at = ?, next_poll_at = ? WHERE id = ?", Timestamp.from(at), Timestamp.from(next), id);
    }

    /** Enabled tenants whose next agency sync is due at {@code now}, the longest overdue first, at most {@code limit}. */
    public List<String> dueAgencySyncs(Instant now, int limit) {
        return jdbc.queryForList("""
                SELECT id FROM tenant WHERE next_agency_sync_at <= ? AND enabled = TRUE
                ORDER BY next_agency_sync_at, id LIMIT ?""", String.class, Timestamp.from(now), limit);
    }

    public int enabledCount() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM tenant WHERE enabled = TRUE", Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * Tenants saved before their schedule had columns: copy automatic and the poll interval out of
     * the settings, and make their next poll and sync due one interval after the last (now when never).
     */
    public int fillSchedules(Instant now, java.time.Duration agencySyncInterval) {
        record Row(String id, String settings, Timestamp lastPoll, Timestamp lastSync) {}
        List<Row> rows = jdbc.query("""
                SELECT id, settings, last_poll_at, last_agency_sync_at FROM tenant
                WHERE poll_interval_s IS NULL OR next_poll_at IS NULL OR next_agency_sync_at IS NULL""",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getTimestamp(4)));
        for (Row r : rows) {
            Tenant.Policy policy = read(r.settings(), Tenant.class).policy();
            Instant nextPoll = r.lastPoll() == null ? now : r.lastPoll().toInstant().plus(policy.pollInterval());
            Instant nextSync = r.lastSync() == null ? now : r.lastSync().toInstant().plus(agencySyncInterval);
            jdbc.update("""
                    UPDATE tenant SET automatic = ?, poll_interval_s = ?, next_poll_at = COALESCE(next_poll_at, ?),
                                      next_agency_sync_at = COALESCE(next_agency_sync_at, ?) WHERE id = ?""",
                    policy.automatic(), policy.pollInterval().toSeconds(), Timestamp.from(nextPoll), Timestamp.from(nextSync), r.id());
        }
        return rows.size();
    }

    /** The agency's "changed since" watermark, or empty before the first sync. */
    public Optional<String> agencyWatermark(String id) {
        List<String> found = jdbc.query("SELECT agency_watermark FROM tenant WHERE id = ?", (rs, i) -> rs.getString(1), id);
        return found.isEmpty() || found.get(0) == null ? Optional.empty() : Optional.of(found.get(0));
    }

    public void agencyWatermark(String id, String watermark) {
        jdbc.update("UPDATE tenant SET agency_watermark = ? WHERE id = ?", watermark, id);
    }

    /** An agency sync started at {@code at}; the next one is due at {@code next}. */
    public void agencySyncStarted(String id, Instant at, Instant next) {
        jdbc.update("UPDATE tenant SET last_agency_sync_at = ?, next_agency_sync_at = ? WHERE id = ?", Timestamp.from(at),
                Timestamp.from(next), id);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
