package eu.indriva.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Write-only tenant secrets: stored encrypted, never returned by the API, never logged. Each
 * system's secrets are kept by the field name the admin sends them under.
 *
 * @param accounting the accounting system's (Procountor: clientSecret, apiKey)
 * @param agency     the agency system's (Kravia: token, webhookSecret; Promentor: privateKey, password)
 */
public record TenantSecrets(Map<String, String> accounting, Map<String, String> agency) {

    public static final TenantSecrets NONE = new TenantSecrets(Map.of(), Map.of());

    public TenantSecrets {
        accounting = present(accounting);
        agency = present(agency);
    }

    private static Map<String, String> present(Map<String, String> secrets) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (secrets != null) {
            secrets.forEach((k, v) -> {
                if (v != null) {
                    kept.put(k, v);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(kept);
    }

    /**
     * Reads stored secrets. Those stored before each system had its own block carry Procountor's
     * two (clientSecret, apiKey) and Kravia's two (agencyToken, webhookSecret) as fields.
     */
    @JsonCreator
    static TenantSecrets stored(@JsonProperty("accounting") Map<String, String> accounting,
                                @JsonProperty("agency") Map<String, String> agency,
                                @JsonProperty("clientSecret") String legacyClientSecret, @JsonProperty("apiKey") String legacyApiKey,
                                @JsonProperty("agencyToken") String legacyToken, @JsonProperty("webhookSecret") String legacyWebhookSecret) {
        Map<String, String> c = new LinkedHashMap<>(accounting == null ? Map.of() : accounting);
        putIfPresent(c, "clientSecret", legacyClientSecret);
        putIfPresent(c, "apiKey", legacyApiKey);
        Map<String, String> a = new LinkedHashMap<>(agency == null ? Map.of() : agency);
        putIfPresent(a, "token", legacyToken);
        putIfPresent(a, "webhookSecret", legacyWebhookSecret);
        return new TenantSecrets(c, a);
    }

    private static void putIfPresent(Map<String, String> secrets, String name, String value) {
        if (value != null) {
            secrets.putIfAbsent(name, value);
        }
    }

    /** The accounting secret of that name, or null when not set. */
    public String accounting(String name) {
        return accounting.get(name);
    }

    /** The agency secret of that name, or null when not set. */
    public String agency(String name) {
        return agency.get(name);
    }

    /**
     * A replace keeps each stored secret that the request left out, of those named in the fields of
     * the tenant's systems (another system's are dropped when the tenant changes system).
     */
    public TenantSecrets overlay(TenantSecrets update, Set<String> accountingFields, Set<String> agencyFields) {
        return new TenantSecrets(overlay(accounting, update.accounting, accountingFields), overlay(agency, update.agency, agencyFields));
    }

    private static Map<String, String> overlay(Map<String, String> stored, Map<String, String> update, Set<String> fields) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String f : fields) {
            String v = update.get(f) != null ? update.get(f) : stored.get(f);
            if (v != null) {
                kept.put(f, v);
            }
        }
        return kept;
    }

    /** These secrets without the accounting system's (the tenant moved to another). */
    public TenantSecrets withoutAccounting() {
        return new TenantSecrets(Map.of(), agency);
    }

    /** These secrets without the agency's (the tenant moved to another). */
    public TenantSecrets withoutAgency() {
        return new TenantSecrets(accounting, Map.of());
    }

    @Override
    public String toString() {
        return "TenantSecrets[hidden]";
    }
}
