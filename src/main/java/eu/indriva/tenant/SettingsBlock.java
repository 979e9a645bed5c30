package eu.indriva.tenant;

import static eu.indriva.problem.Problem.badField;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One system's settings block as an admin sent it ({@code agency: {...}}), read field by field by
 * the system's own bean. Every refusal names the field ({@code agency.creditorId}); a field the
 * system does not take is refused, never dropped. Plain code.
 */
public final class SettingsBlock {

    private final String prefix;
    private final Map<String, Object> in;
    private final Set<String> taken = new LinkedHashSet<>();
    private final Map<String, Object> kept = new LinkedHashMap<>();

    /** @param prefix the block's name in the request ("agency") */
    public SettingsBlock(String prefix, Map<String, Object> in) {
        this.prefix = prefix;
        this.in = in == null ? Map.of() : in;
    }

    /** The field's full name as a refusal shows it. */
    public String field(String name) {
        return prefix + "." + name;
    }

    /** A text setting, trimmed; blank is absent. Kept in the tenant's settings. */
    public String text(String name, boolean required) {
        taken.add(name);
        Object v = in.get(name);
        if (v != null && !(v instanceof String)) {
            throw badField(field(name), "must be text");
        }
        String s = v == null || ((String) v).isBlank() ? null : ((String) v).trim();
        if (s == null && required) {
            throw badField(field(name), "is required");
        }
        if (s != null) {
            kept.put(name, s);
        }
        return s;
    }

    /** A whole number, or null when absent; a fraction or text is refused, never rounded. Kept. */
    public Long number(String name, boolean required) {
        taken.add(name);
        Object v = in.get(name);
        if (v == null) {
            if (required) {
                throw badField(field(name), "is required");
            }
            return null;
        }
        if (!(v instanceof Number n)) {
            throw badField(field(name), "must be a whole number");
        }
        long whole;
        try {
            whole = new BigDecimal(n.toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw badField(field(name), "must be a whole number");
        }
        kept.put(name, whole);
        return whole;
    }

    /** Digits, sent as text or as a whole number; kept as text. */
    public String digits(String name, boolean required) {
        taken.add(name);
        Object v = in.get(name);
        String s = v instanceof Number ? new BigDecimal(v.toString()).toPlainString() : v instanceof String t ? t.trim() : null;
        if (v != null && (s == null || !s.matches("[0-9]{1,20}"))) {
            throw badField(field(name), "must be digits");
        }
        if (s == null || s.isEmpty()) {
            if (required) {
                throw badField(field(name), "is required");
            }
            return null;
        }
        kept.put(name, s);
        return s;
    }

    /** An absolute http(s) URL without credentials, query or fragment, without a trailing '/'. Kept. */
    public String url(String name) {
        String v = text(name, true);
        String url = url(v, field(name));
        kept.put(name, url);
        return url;
    }

    /** Sets a kept setting to a value the system derived (a default, a normalised form). */
    public void keep(String name, Object value) {
        taken.add(name);
        kept.put(name, value);
    }

    /** The fields the system read so far, in order. */
    public Set<String> read() {
        return java.util.Collections.unmodifiableSet(taken);
    }

    /**
     * The settings to keep. Refuses any field the system did not read or name as a secret.
     *
     * @param systemName the system's name for the refusal ("Kravia")
     * @param secrets the secret fields it takes (read separately, never kept here)
     */
    public Map<String, Object> settings(String systemName, Set<String> secrets) {
        for (String f : in.keySet()) {
            if (!taken.contains(f) && !secrets.contains(f) && !f.equals("system")) {
                Set<String> known = new TreeSet<>(taken);
                known.addAll(secrets);
                throw badField(field(f), "is not a setting of " + systemName + "; it takes " + known);
            }
        }
        return new LinkedHashMap<>(kept);
    }

    /** Checks an absolute http(s) URL (no credentials, query or fragment) and drops a trailing '/'. */
    public static String url(String v, String field) {
        if (v == null || v.isBlank()) {
            throw badField(field, "is required");
        }
        v = v.trim();
        try {
            URI uri = new URI(v);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw badField(field, "must be an absolute http(s) URL such as https://api.example.com");
            }
            if (uri.getRawUserInfo() != null) {
                // it would be stored and shown in clear; credentials go in the write-only secret fields
                throw badField(field, "must not contain credentials (user:password@); put secrets in their own fields");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw badField(field, "must not have a query or fragment");
            }
        } catch (java.net.URISyntaxException e) {
            throw badField(field, "is not a valid URL");
        }
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }
}
