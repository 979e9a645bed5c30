package eu.indriva.tenant;

/** Write-only tenant secrets: stored encrypted, never returned by the API, never logged. */
public record TenantSecrets(String clientSecret, String apiKey, String agencyToken, String webhookSecret) {

    public static final TenantSecrets NONE = new TenantSecrets(null, null, null, null);

    /** A replace keeps each stored secret that the request left out. */
    public TenantSecrets overlay(TenantSecrets update) {
        return new TenantSecrets(
                update.clientSecret != null ? update.clientSecret : clientSecret,
                update.apiKey != null ? update.apiKey : apiKey,
                update.agencyToken != null ? update.agencyToken : agencyToken,
                update.webhookSecret != null ? update.webhookSecret : webhookSecret);
    }

    @Override
    public String toString() {
        return "TenantSecrets[hidden]";
    }
}
