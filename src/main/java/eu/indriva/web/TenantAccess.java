package eu.indriva.web;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A tenant's pages and actions ({@code /tenants/{tenantId}/...}): a platform admin, or a creditor
 * user of that tenant. Anyone else gets 403, the same whether the tenant exists or not.
 */
class TenantAccess implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        String tenant = context.getVariables().get("tenantId");
        return new AuthorizationDecision(auth != null && auth.getPrincipal() instanceof SignedIn who && who.mayAccess(tenant));
    }
}
