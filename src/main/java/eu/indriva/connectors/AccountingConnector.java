package eu.indriva.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.AccountingPlugin;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantSecrets;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamHttp;

/**
 * An accounting system's bean: its settings ({@link AccountingPlugin}) and how to build its adapter
 * for a tenant. {@link Connectors} picks the one the tenant's {@code accounting.system} names;
 * adding an accounting system is one more of these, not a change to the flows.
 */
public interface AccountingConnector extends AccountingPlugin {

    /**
     * The tenant's adapter.
     *
     * @param http    the HTTP client for the system's endpoint, with its circuit breaker, metrics and URL rules
     * @param limiter the rate limit of the tenant's API client, shared by every tenant of that client
     */
    AccountingSystem create(Tenant tenant, TenantSecrets secrets, UpstreamHttp http, SlidingWindowRateLimiter limiter, ObjectMapper json);
}
