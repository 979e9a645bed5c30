package eu.indriva.user;

/** A user as an admin sends it (PUT /api/v1/users/{username}): everything optional until checked. */
public record UserRequest(String role, String tenantId, String password, Boolean enabled) {

    @Override
    public String toString() {
        return "UserRequest[role=" + role + ", tenantId=" + tenantId + ", enabled=" + enabled + "]";
    }
}
