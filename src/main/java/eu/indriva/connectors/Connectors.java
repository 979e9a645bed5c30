package eu.indriva.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.AccountingPlugin;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.agency.Agency;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantAttention;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.tenant.TenantSecretsUnreadable;
import eu.indriva.tenant.TenantSecrets;
import eu.indriva.upstream.CircuitBreaker;
import eu.indriva.upstream.Pacer;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamHttp;
import eu.indriva.upstream.UrlRules;
import eu.indriva.upstream.SharedRate;
import eu.indriva.upstream.SharedWindow;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Hands each flow the adapters for a tenant. Adapters are cached per tenant and rebuilt when the
 * tenant's settings change; rate limiters are shared per accounting API client and circuit
 * breakers per upstream endpoint, because that is what the upstream limits and what fails. Which
 * adapter a tenant gets is its systems' beans' to say ({@link AccountingConnector},
 * {@link AgencyConnector}).
 */
@Component
public class Connectors {

    private final TenantRepository tenants;
    private final IndrivaProperties props;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final HttpClient client;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindowRateLimiter> limiters = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Pacer> pacers = new ConcurrentHashMap<>();

    private final TenantAttention attention;

    private final UrlRules urlRules;
    /** The accounting systems' limits shared by every instance (indriva.cluster.shared-limits), or null: this instance's alone. */
    private final SharedWindow sharedRates;

    /** The accounting systems, by the id a tenant's accounting.system names. */
    private final Map<String, AccountingConnector> accountingSystems;
    /** The agency systems, by the id a tenant's agency.system names. */
    private final Map<String, AgencyConnector> agencies;

    public Connectors(TenantRepository tenants, IndrivaProperties props, ObjectMapper json, MeterRegistry meters,
                      TenantAttention attention, UrlRules urlRules,
                      org.springframework.beans.factory.ObjectProvider<SharedWindow> sharedRates,
                      java.util.List<AccountingConnector> accountingSystems, java.util.List<AgencyConnector> agencies) {
        this.accountingSystems = accountingSystems.stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(AccountingConnector::system, a -> a));
        this.agencies = agencies.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(AgencyConnector::system, a -> a));
        this.urlRules = urlRules;
        this.sharedRates = sharedRates.getIfAvailable();
        this.tenants = tenants;
        this.attention = attention;
        this.props = props;
        this.json = json;
        this.meters = meters;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(props.http().connectTimeout())
                // never: a redirect would carry the tenant's token or key to a host nobody checked
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private record Cached(Tenant tenant, AccountingSystem accounting, Agency agency) {}

    public AccountingSystem accounting(Tenant tenant) {
        return adapters(tenant).accounting();
    }

    public Agency agency(Tenant tenant) {
        return adapters(tenant).agency();
    }

    /**
     * The admission of claim registrations for the tenant's accounting API client: shared, like the
     * rate limiter, by every tenant of the same client.
     */
    public Pacer pacer(Tenant tenant) {
        AccountingConnector system = accountingSystem(tenant);
        return pacers.computeIfAbsent(limitKey(system, tenant), k -> Pacer.forLimit(
                system.rateLimit().requestsPerSecond(), props.register().requestsPerClaim(), props.register().paceHeadroom(),
                clock::millis));
    }

    /** The API client's key; as it was before systems were plug-ins, so instances of either build share one limit. */
    private static String limitKey(AccountingConnector system, Tenant tenant) {
        return system.rateClient(tenant.accounting().settings());
    }

    /** How often the tenant's agency sync runs when its agency system has its own pace (fetching files), else empty. */
    public java.util.Optional<Duration> syncInterval(Tenant tenant) {
        AgencyConnector system = agencies.get(tenant.agency().system());
        return system == null ? java.util.Optional.empty() : system.syncInterval();
    }

    /** A breaker per upstream, visible to health and metrics. */
    public Map<String, CircuitBreaker> breakers() {
        return Map.copyOf(breakers);
    }

    /** The tenant's settings or secrets changed: build its adapters anew on next use. */
    public void forget(String tenantId) {
        cache.remove(tenantId);
    }

    /**
     * Whether Indriva can call the tenant's upstreams at all; when its secrets cannot be decrypted,
     * the tenant is flagged as needing attention (logged once) and the answer is false.
     */
    public boolean usable(Tenant tenant) {
        try {
            adapters(tenant);
            return true;
        } catch (TenantSecretsUnreadable e) {
            return false;
        }
    }

    private Cached adapters(Tenant tenant) {
        Cached cached = cache.get(tenant.id());
        if (cached != null && cached.tenant.equals(tenant)) {
            return cached;
        }
        try {
            return cache.compute(tenant.id(), (id, old) -> old != null && old.tenant.equals(tenant)
                    ? old : build(tenant, tenants.secrets(tenant.id())));
        } catch (TenantSecretsUnreadable e) {
            attention.flag(tenant.id(), e.getMessage());
            throw e;
        }
    }

    private Cached build(Tenant t, TenantSecrets s) {
        Duration readTimeout = props.http().readTimeout();
        AccountingConnector accountingSystem = accountingSystem(t);
        AccountingPlugin.RateLimit rate = accountingSystem.rateLimit();
        SlidingWindowRateLimiter limiter = limiters.computeIfAbsent(limitKey(accountingSystem, t), k -> new SlidingWindowRateLimiter(
                rate.requestsPerSecond(), Duration.ofSeconds(1), rate.maxWait(),
                sharedRates == null ? SharedRate.NONE : sharedRates.forClient(k, rate.requestsPerSecond())));
        UpstreamHttp accountingHttp = new UpstreamHttp(accountingSystem.system(), t.id(), client, readTimeout,
                breaker(accountingSystem.system(), accountingSystem.endpoint(t.accounting().settings()).uri().toString()),
                meters, urlRules, UrlRules.System.ACCOUNTING);
        AccountingSystem accounting = accountingSystem.create(t, s, accountingHttp, limiter, json);
        AgencyConnector agencySystem = system(agencies, t.agency(), t.id(), "agency");
        UpstreamHttp agencyHttp = new UpstreamHttp(agencySystem.system(), t.id(), client, readTimeout,
                breaker(agencySystem.system(), agencySystem.endpoint(t.agency().settings()).uri().toString()),
                meters, urlRules, UrlRules.System.AGENCY);
        Agency agency = agencySystem.create(t, s, agencyHttp, json);
        return new Cached(t, accounting, agency);
    }

    private AccountingConnector accountingSystem(Tenant t) {
        return system(accountingSystems, t.accounting(), t.id(), "accounting");
    }

    private static <C> C system(Map<String, C> systems, Tenant.Connection connection, String tenantId, String kind) {
        C system = systems.get(connection.system());
        if (system == null) {
            // saving the tenant checks the system; this is a tenant stored by a build that knew one this build does not
            throw new IllegalStateException("tenant " + tenantId + " names " + kind + " system '" + connection.system()
                    + "', which this build has not: " + new java.util.TreeSet<>(systems.keySet()));
        }
        return system;
    }

    private CircuitBreaker breaker(String upstream, String baseUrl) {
        return breakers.computeIfAbsent(upstream + " " + baseUrl, name -> new CircuitBreaker(name,
                props.circuit().failureThreshold(), props.circuit().openFor(), clock));
    }
}
