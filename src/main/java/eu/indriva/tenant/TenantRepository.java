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
        int updated = jdbc.update(
                "UPDATE tenant SET name = ?, enabled = ?, settings = ?, secrets = ?, updated_at = ? WHERE id = ?",
                tenant.name(), tenant.enabled(), settings, sealed, now, tenant.id());
        if (updated == 1) {
            return false;
        }
        jdbc.update("INSERT INTO tenant (id, name, enabled, settings, secrets, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                tenant.id(), tenant.name(), tenant.enabled(), settings, sealed, now, now);
        return true;
    }

    public Optional<Tenant> find(String id) {
        return jdbc.query("SELECT settings FROM tenant WHERE id = ?", (rs, i) -> read(rs.getString(1), Tenant.class), id)
                .stream().findFirst();
    }

    public TenantSecrets secrets(String id) {
        return jdbc.query("SELECT secrets FROM tenant WHERE id = ?", (rs, i) -> rs.getString(1), id).stream()
                .findFirst()
                .map(sealed -> read(cipher.decrypt(sealed), TenantSecrets.class))
                .orElse(TenantSecrets.NONE);
    }

    public List<Tenant> all() {
        return jdbc.query("SELECT settings FROM tenant ORDER BY id", (rs, i) -> read(rs.getString(1), Tenant.class));
    }

    public Optional<Instant> lastPollAt(String id) {
        List<Timestamp> found = jdbc.query("SELECT last_poll_at FROM tenant WHERE id = ?", (rs, i) -> rs.getTimestamp(1), id);
        return found.isEmpty() || found.get(0) == null ? Optional.empty() : Optional.of(found.get(0).toInstant());
    }

    public void pollStarted(String id, Instant at) {
        jdbc.update("UPDATE tenant SET last_poll_at = ? WHERE id = ?", Timestamp.from(at), id);
    }

    /** The agency's "changed since" watermark, or empty before the first sync. */
    public Optional<String> agencyWatermark(String id) {
        List<String> found = jdbc.query("SELECT agency_watermark FROM tenant WHERE id = ?", (rs, i) -> rs.getString(1), id);
        return found.isEmpty() || found.get(0) == null ? Optional.empty() : Optional.of(found.get(0));
    }

    public void agencyWatermark(String id, String watermark) {
        jdbc.update("UPDATE tenant SET agency_watermark = ? WHERE id = ?", watermark, id);
    }

    public Optional<Instant> lastAgencySyncAt(String id) {
        List<Timestamp> found = jdbc.query("SELECT last_agency_sync_at FROM tenant WHERE id = ?", (rs, i) -> rs.getTimestamp(1), id);
        return found.isEmpty() || found.get(0) == null ? Optional.empty() : Optional.of(found.get(0).toInstant());
    }

    public void agencySyncStarted(String id, Instant at) {
        jdbc.update("UPDATE tenant SET last_agency_sync_at = ? WHERE id = ?", Timestamp.from(at), id);
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
