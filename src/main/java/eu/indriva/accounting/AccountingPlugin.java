package eu.indriva.accounting;

import eu.indriva.tenant.SystemPlugin;
import java.time.Duration;
import java.util.Map;

/**
 * One accounting system Indriva reads invoices from and books into: its id, name, settings and
 * secrets ({@link SystemPlugin}), and the rate limit its API puts on a client. One bean per system.
 */
public interface AccountingPlugin extends SystemPlugin {

    /**
     * The API client the system counts requests of, from the tenant's settings (Procountor: base URL
     * and client id): tenants on the same client share one limit.
     */
    String rateClient(Map<String, Object> settings);

    /** The system's limit per API client. */
    RateLimit rateLimit();

    /**
     * @param requestsPerSecond what the system allows one API client
     * @param maxWait how long a request waits for a place before it is put off as busy
     */
    record RateLimit(int requestsPerSecond, Duration maxWait) {}
}
