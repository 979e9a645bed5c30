package eu.indriva.user;

import static eu.indriva.problem.Problem.badField;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks a user as an admin sends it; every refusal names the field. Plain code, unit-tested. */
public final class UserRequests {

    /** Letters, digits and . _ @ - (an e-mail address fits); kept in lower case, so "Anna" and "anna" are one user. */
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,63}$");
    public static final int MIN_PASSWORD = 12;
    /** BCrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private UserRequests() {}

    /** The username as kept and looked up: trimmed, in lower case (not checked). */
    public static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /** The username as kept (lower case), or a 400. */
    public static String username(String username) {
        String u = key(username);
        if (!USERNAME.matcher(u).matches()) {
            throw badField("username", "must be 1-64 characters of letters, digits and . _ @ -, starting with a letter or digit");
        }
        return u;
    }

    /**
     * The user after this request, or a 400.
     *
     * @param tenantExists whether a tenant of that id exists
     */
    public static WebUser toUser(String username, UserRequest r, java.util.function.Predicate<String> tenantExists) {
        String name = username(username);
        if (r == null) {
            throw badField("body", "a user object is required");
        }
        if (r.role() == null || r.role().isBlank()) {
            throw badField("role", "is required: one of " + Arrays.toString(UserRole.values()));
        }
        UserRole role;
        try {
            role = UserRole.valueOf(r.role().trim());
        } catch (IllegalArgumentException e) {
            throw badField("role", "must be one of " + Arrays.toString(UserRole.values()));
        }
        String tenant = r.tenantId() == null || r.tenantId().isBlank() ? null : r.tenantId().trim();
        if (role == UserRole.CREDITOR) {
            if (tenant == null) {
                throw badField("tenantId", "is required for a CREDITOR: the one tenant the user sees");
            }
            if (!tenantExists.test(tenant)) {
                throw badField("tenantId", "no tenant '" + tenant + "'");
            }
        } else if (tenant != null) {
            throw badField("tenantId", "must be left out for a PLATFORM_ADMIN, who sees every tenant");
        }
        return new WebUser(name, role, tenant, r.enabled() == null || r.enabled());
    }

    /**
     * Checks a new password, or a 400.
     *
     * @param field the field to name ("password")
     */
    public static String password(String password, String field) {
        if (password == null || password.isEmpty()) {
            throw badField(field, "is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw badField(field, "must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw badField(field, "must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
        if (password.isBlank()) {
            throw badField(field, "must not be only spaces");
        }
        return password;
    }
}
