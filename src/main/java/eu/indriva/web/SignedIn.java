package eu.indriva.web;

import eu.indriva.user.UserRole;
import eu.indriva.user.WebUser;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The user a session belongs to, as it was when they signed in (checked against the stored user on each request). */
public record SignedIn(String username, UserRole role, String tenantId) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static SignedIn of(WebUser user) {
        return new SignedIn(user.username(), user.role(), user.tenantId());
    }

    Collection<? extends GrantedAuthority> authorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    public boolean admin() {
        return role == UserRole.PLATFORM_ADMIN;
    }

    /** Whether the session still stands for this stored user (not removed, disabled, or given another role or tenant). */
    boolean stillIs(WebUser stored) {
        return stored.enabled() && stored.role() == role && java.util.Objects.equals(stored.tenantId(), tenantId);
    }

    public boolean mayAccess(String tenant) {
        return admin() || tenant != null && tenant.equals(tenantId);
    }

    @Override
    public String toString() {
        return username;
    }
}
