package eu.indriva.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The client web's users in the database (web_user). */
@Repository
public class UserRepository {

    private final JdbcTemplate jdbc;

    public UserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A user as stored: with the password hash and the failed sign-ins, for signing in. */
    public record Stored(WebUser user, String passwordHash, int failedLogins, Instant lockedUntil) {

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    public Optional<Stored> find(String username) {
        return jdbc.query("""
                SELECT username, role, tenant_id, enabled, password_hash, failed_logins, locked_until FROM web_user WHERE username = ?""",
                (rs, i) -> {
                    Timestamp locked = rs.getTimestamp(7);
                    return new Stored(new WebUser(rs.getString(1), UserRole.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4)),
                            rs.getString(5), rs.getInt(6), locked == null ? null : locked.toInstant());
                }, username).stream().findFirst();
    }

    public List<WebUser> all() {
        return jdbc.query("SELECT username, role, tenant_id, enabled FROM web_user ORDER BY username",
                (rs, i) -> new WebUser(rs.getString(1), UserRole.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4)));
    }

    /**
     * Creates the user, or replaces its role, tenant and enabled (and its password when one is given).
     *
     * @param passwordHash the new hash, or null to keep the stored one (a replace only)
     * @return true when created
     */
    public boolean save(WebUser user, String passwordHash) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = passwordHash == null
                ? jdbc.update("UPDATE web_user SET role = ?, tenant_id = ?, enabled = ?, updated_at = ? WHERE username = ?",
                        user.role().name(), user.tenantId(), user.enabled(), now, user.username())
                : jdbc.update("""
                        UPDATE web_user SET role = ?, tenant_id = ?, enabled = ?, password_hash = ?, failed_logins = 0,
                        locked_until = NULL, updated_at = ? WHERE username = ?""",
                        user.role().name(), user.tenantId(), user.enabled(), passwordHash, now, user.username());
        if (updated == 1) {
            return false;
        }
        if (passwordHash == null) {
            throw new IllegalStateException("a new user needs a password");
        }
        try {
            jdbc.update("""
                    INSERT INTO web_user (username, password_hash, role, tenant_id, enabled, failed_logins, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 0, ?, ?)""",
                    user.username(), passwordHash, user.role().name(), user.tenantId(), user.enabled(), now, now);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException createdMeanwhile) {
            // another request or instance created it between the two statements (two instances starting with one
            // initial admin): this one replaces it
            return save(user, passwordHash);
        }
    }

    public boolean exists(String username) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM web_user WHERE username = ?", Integer.class, username);
        return n != null && n > 0;
    }

    public boolean delete(String username) {
        return jdbc.update("DELETE FROM web_user WHERE username = ?", username) == 1;
    }

    /** One more failed sign-in in a row; locks the account when the lock-out says so. */
    public void failedLogin(String username, Lockout lockout, Instant now) {
        // counted in the database, so two instances (or two tries at once) each add theirs
        jdbc.update("UPDATE web_user SET failed_logins = failed_logins + 1 WHERE username = ?", username);
        find(username).ifPresent(s -> {
            Instant until = lockout.lockedUntil(s.failedLogins(), now);
            if (until != null) {
                jdbc.update("UPDATE web_user SET locked_until = ?, failed_logins = 0 WHERE username = ?", Timestamp.from(until), username);
            }
        });
    }

    /** A sign-in succeeded: the failures in a row start again. */
    public void signedIn(String username) {
        jdbc.update("UPDATE web_user SET failed_logins = 0, locked_until = NULL WHERE username = ? AND failed_logins > 0", username);
    }

    public boolean anyAdmin() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM web_user WHERE role = ?", Integer.class, UserRole.PLATFORM_ADMIN.name());
        return n != null && n > 0;
    }
}
