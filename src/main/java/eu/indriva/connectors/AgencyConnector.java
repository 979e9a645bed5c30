package eu.indriva.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyPlugin;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantSecrets;
import eu.indriva.upstream.UpstreamHttp;

/**
 * An agency system's bean: what it offers ({@link AgencyPlugin}) and how to build its adapter for
 * a tenant. {@link Connectors} picks the one the tenant's {@code agency.system} names; adding an
 * agency is one more of these, not a change to the flows.
 */
public interface AgencyConnector extends AgencyPlugin {

    /**
     * The tenant's adapter.
     *
     * @param http the HTTP client for this agency's endpoint, with its circuit breaker, metrics and
     *             URL rules (an agency that exchanges files uses only its circuit breaker)
     */
    Agency create(Tenant tenant, TenantSecrets secrets, UpstreamHttp http, ObjectMapper json);

    /** How this agency's webhooks are read, or empty when it sends none (an agency exchanging files). */
    default java.util.Optional<WebhookReader> webhooks() {
        return java.util.Optional.empty();
    }
}
