package eu.indriva.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Write-only tenant secrets: stored encrypted, never returned by the API, never logged.
 *
 * @param agency the agency system's secrets by the field name the admin sends them under
 *               (Kravia: token, webhookSecret; Promentor: privateKey, password)
 */
public record TenantSecrets(String clientSecret, String apiKey, Map<String, String> agency) {

    public static final TenantSecrets NONE = new TenantSecrets(null, null, Map.of());

    public TenantSecrets {
        Map<String, String> kept = new LinkedHashMap<>();
        if (agency != null) {
            agency.forEach((k, v) -> {
                if (v != null) {
                    kept.put(k, v);
                }
            });
        }
        agency = java.util.Collections.unmodifiableMap(kept);
    }

    /** Reads stored secrets; those stored before agencies had their own block carry Kravia's two as fields. */
    @JsonCreator
    static TenantSecrets stored(@JsonProperty("clientSecret") String clientSecret, @JsonProperty("apiKey") String apiKey,
                                @JsonProperty("agency") Map<String, String> agency,
                                @JsonProperty("agencyToken") String legacyToken, @JsonProperty("webhookSecret") String legacyWebhookSecret) {
        Map<String, String> a = new LinkedHashMap<>(agency == null ? Map.of() : agency);
        if (legacyToken != null) {
            a.putIfAbsent("token", legacyToken);
        }
        if (legacyWebhookSecret != null) {
            a.putIfAbsent("webhookSecret", legacyWebhookSecret);
        }
        return new TenantSecrets(clientSecret, apiKey, a);
    }

    /** The agency secret of that name, or null when not set. */
    public String agency(String name) {
        return agency.get(name);
    }

    /**
     * A replace keeps each stored secret that the request left out; of the agency's, only those
     * named in {@code agencyFields} (the tenant's agency system's own: another system's are dropped
     * when the tenant changes agency).
     */
    public TenantSecrets overlay(TenantSecrets update, java.util.Set<String> agencyFields) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String f : agencyFields) {
            String v = update.agency.get(f) != null ? update.agency.get(f) : agency.get(f);
            if (v != null) {
                a.put(f, v);
            }
        }
        return new TenantSecrets(
                update.clientSecret != null ? update.clientSecret : clientSecret,
                update.apiKey != null ? update.apiKey : apiKey,
                a);
    }

    @Override
    public String toString() {
        return "TenantSecrets[hidden]";
    }
}
