package eu.indriva.user;

/**
 * A user of the client web, without the password.
 *
 * @param tenantId the one tenant a CREDITOR sees; null for a PLATFORM_ADMIN
 */
public record WebUser(String username, UserRole role, String tenantId, boolean enabled) {

    /** Whether this user may see the tenant's pages and act on its claims. */
    public boolean mayAccess(String tenant) {
        return enabled && (role == UserRole.PLATFORM_ADMIN || tenant != null && tenant.equals(tenantId));
    }
}
