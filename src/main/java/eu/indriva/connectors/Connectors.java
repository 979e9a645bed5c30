package eu.indriva.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.procountor.ProcountorAdapter;
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
 * tenant's settings change; rate limiters are shared per Procountor API client and circuit
 * breakers per upstream base URL, because that is what the upstream limits and what fails.
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
    /** Procountor's limit shared by every instance (indriva.cluster.shared-limits), or null: this instance's alone. */
    private final SharedWindow sharedRates;

    /** The agency systems, by the id a tenant's agency.system names. */
    private final Map<String, AgencyConnector> agencies;

    public Connectors(TenantRepository tenants, IndrivaProperties props, ObjectMapper json, MeterRegistry meters,
                      TenantAttention attention, UrlRules urlRules,
                      org.springframework.beans.factory.ObjectProvider<SharedWindow> sharedRates,
                      java.util.List<AgencyConnector> agencies) {
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
        return pacers.computeIfAbsent(limitKey(tenant.accounting()), k -> Pacer.forLimit(
                props.procountor().requestsPerSecond(), props.register().requestsPerClaim(), props.register().paceHeadroom(),
                clock::millis));
    }

    private static String limitKey(Tenant.Accounting a) {
        return a.baseUrl() + "|" + a.clientId();
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
        Tenant.Accounting a = t.accounting();
        SlidingWindowRateLimiter limiter = limiters.computeIfAbsent(limitKey(a), k -> new SlidingWindowRateLimiter(
                props.procountor().requestsPerSecond(), Duration.ofSeconds(1), props.procountor().maxWait(),
                sharedRates == null ? SharedRate.NONE : sharedRates.forClient(k)));
        UpstreamHttp procountorHttp = new UpstreamHttp("procountor", t.id(), client, readTimeout, breaker("procountor", a.baseUrl()), meters,
                urlRules, UrlRules.System.ACCOUNTING);
        AccountingSystem accounting = ProcountorAdapter.create(a.baseUrl(), a.clientId(), s.clientSecret(), s.apiKey(),
                a.redirectUri(), procountorHttp, limiter, json, clock);
        Tenant.Agency g = t.agency();
        AgencyConnector system = agencies.get(g.system());
        if (system == null) {
            // saving the tenant checks the system; this is a tenant stored by a build that knew one this build does not
            throw new IllegalStateException("tenant " + t.id() + " names agency system '" + g.system() + "', which this build has not: "
                    + new java.util.TreeSet<>(agencies.keySet()));
        }
        UpstreamHttp agencyHttp = new UpstreamHttp(system.system(), t.id(), client, readTimeout,
                breaker(system.system(), system.endpoint(g.settings()).uri().toString()),
                meters, urlRules, UrlRules.System.AGENCY);
        Agency agency = system.create(t, s, agencyHttp, json);
        return new Cached(t, accounting, agency);
    }

    private CircuitBreaker breaker(String upstream, String baseUrl) {
        return breakers.computeIfAbsent(upstream + " " + baseUrl, name -> new CircuitBreaker(name,
                props.circuit().failureThreshold(), props.circuit().openFor(), clock));
    }
}
