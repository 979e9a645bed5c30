package eu.indriva.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every {@code indriva.*} setting, with its default. The README's configuration table mirrors this. */
@ConfigurationProperties("indriva")
public record IndrivaProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Admin admin,
        @DefaultValue Secrets secrets,
        @DefaultValue Http http,
        @DefaultValue Retry retry,
        @DefaultValue Poll poll,
        @DefaultValue Register register,
        @DefaultValue Procountor procountor,
        @DefaultValue Circuit circuit,
        @DefaultValue Broker broker,
        @DefaultValue Security security,
        @DefaultValue Upstream accounting,
        @DefaultValue Upstream agency,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Ops ops,
        @DefaultValue Cluster cluster) {

    public record Admin(String token) {}

    public record Secrets(String key) {}

    public record Http(@DefaultValue("PT5S") Duration connectTimeout, @DefaultValue("PT30S") Duration readTimeout) {}

    public record Retry(
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("PT5S") Duration initialDelay,
            @DefaultValue("PT10M") Duration maxDelay) {}

    /**
     * @param maxBacklog the most claims the poll keeps selected ahead of registration (queued, not yet tried);
     *                   it reads the next page when registration has caught up
     * @param stallTimeout how long the poll waits for registration to make progress before it stops (the next
     *                     poll goes on where it stopped)
     * @param concurrency tenants polled (and payment-scanned, and agency-synced) at once; a poll waiting for
     *                    registration does not hold one
     */
    public record Poll(@DefaultValue("PT10S") Duration tick, @DefaultValue("1000") int maxBacklog,
                       @DefaultValue("PT2M") Duration stallTimeout, @DefaultValue("4") int concurrency) {}

    /**
     * @param consumers parallel consumers of the registration queue, shared by all tenants; none of them waits for
     *                  a tenant's rate limit, so this is what the upstreams' latency needs (throughput x latency)
     * @param requestsPerClaim what one registration costs at the accounting system, for its tenant's pace
     * @param paceHeadroom the share of a tenant's request limit that registrations leave for polls and scans
     */
    public record Register(@DefaultValue("64") int consumers, @DefaultValue("5") int requestsPerClaim,
                           @DefaultValue("0.1") double paceHeadroom) {}

    /**
     * @param maxWait the longest a caller waits for a slot under the limit; a queued item that would wait longer
     *                is re-scheduled for when the window has room instead of holding its thread
     */
    public record Procountor(@DefaultValue("20") int requestsPerSecond, @DefaultValue("PT0.5S") Duration maxWait) {}

    public record Circuit(@DefaultValue("5") int failureThreshold, @DefaultValue("PT30S") Duration openFor) {}

    /**
     * The broker's safety net below the application's own retry policy, for a message whose processing
     * throws (a bug, bad data nobody foresaw): redelivered with back-off from {@code redeliveryDelay} (doubling,
     * at most a minute), then parked on the dead-letter queue after {@code maxDeliveryAttempts} deliveries.
     * An external broker must be configured the same way (its broker.xml). A queued item that could not reach
     * the database is not redelivered but sent again {@code databaseRetry} later (not an attempt).
     */
    public record Broker(@DefaultValue("PT1S") Duration redeliveryDelay, @DefaultValue("6") int maxDeliveryAttempts,
                         @DefaultValue("PT30S") Duration databaseRetry) {}

    /**
     * @param allowInsecureUrls plain http and loopback base URLs (the sandbox and tests); production wants https
     */
    public record Security(@DefaultValue("false") boolean allowInsecureUrls) {}

    /** @param allowedHosts when set, the only hosts a tenant's base URL for this system may name (or *.domain) */
    public record Upstream(@DefaultValue java.util.List<String> allowedHosts) {}

    /**
     * Webhook intake per tenant: {@code perTenantPerSecond} on average, bursts of {@code burst}; webhooks for
     * unknown tenants share one such allowance. Over it, or while {@code maxQueued} events already wait, the
     * answer is 429 with Retry-After (the agency sends it again).
     */
    public record Webhooks(@DefaultValue("20") double perTenantPerSecond, @DefaultValue("200") int burst,
                           @DefaultValue("50000") int maxQueued) {}

    /** @param operatorPassword the read-only "operator" sign-in of Hawtio and Jolokia; unset: only "admin" (the admin token) */
    public record Ops(String operatorPassword) {}

    /**
     * @param lockTtl how long a run's lease lasts without renewal: when an instance dies, another takes its
     *                tenants' runs over after this (renewed every third of it while the run goes on)
     * @param sharedLimits Procountor's limit per API client held by all instances together (PostgreSQL only): set
     *                     it when more than one instance runs
     */
    public record Cluster(@DefaultValue("PT20S") Duration lockTtl, @DefaultValue("false") boolean sharedLimits) {}
}
