package eu.indriva.tenant;

/**
 * A tenant's stored secrets cannot be decrypted with this installation's {@code indriva.secrets.key}:
 * the key changed, or the data comes from another installation. Nothing can be sent for the tenant
 * until an admin enters its secrets again; its queued work waits.
 */
public class TenantSecretsUnreadable extends RuntimeException {

    private final String tenantId;

    public TenantSecretsUnreadable(String tenantId) {
        super("tenant " + tenantId + ": its stored secrets cannot be decrypted with this installation's indriva.secrets.key"
                + " (the key changed, or the data comes from another installation). Enter the tenant's secrets again"
                + " (PUT /api/v1/tenants/" + tenantId + " with clientSecret, apiKey and the agency token); its queued work waits until then");
        this.tenantId = tenantId;
    }

    public String tenantId() {
        return tenantId;
    }
}
