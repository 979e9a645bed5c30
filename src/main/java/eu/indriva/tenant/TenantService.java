package eu.indriva.tenant;

import eu.indriva.problem.Problem;
import eu.indriva.connectors.Connectors;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Creating, replacing and reading tenants. */
@Service
public class TenantService {

    private static final Logger log = LoggerFactory.getLogger(TenantService.class);

    private final TenantRepository tenants;
    private final Connectors connectors;
    private final TenantAttention attention;

    private final eu.indriva.upstream.UrlRules urlRules;

    /** The agency systems Indriva can hand claims to, by id. */
    private final java.util.Map<String, eu.indriva.agency.AgencyPlugin> agencies;

    public TenantService(TenantRepository tenants, Connectors connectors, TenantAttention attention,
                         eu.indriva.upstream.UrlRules urlRules, List<eu.indriva.agency.AgencyPlugin> agencies) {
        this.agencies = agencies.stream().collect(java.util.stream.Collectors.toMap(eu.indriva.agency.AgencyPlugin::system, a -> a));
        this.urlRules = urlRules;
        this.tenants = tenants;
        this.connectors = connectors;
        this.attention = attention;
    }

    public record Saved(Tenant tenant, boolean created) {}

    public synchronized Saved put(String id, TenantRequest request) {
        Tenant tenant = TenantRequests.toTenant(id, request, agencies);
        eu.indriva.agency.AgencyPlugin agency = agencies.get(tenant.agency().system());
        if (!agency.services().contains(tenant.policy().service())) {
            throw Problem.badField("policy.service", agency.name() + " does not offer the " + tenant.policy().service()
                    + " service; it offers " + new java.util.TreeSet<>(agency.services()));
        }
        // Indriva will call these with the tenant's secrets: not the host's own services, not a metadata endpoint
        urlRules.problemResolved(java.net.URI.create(tenant.accounting().baseUrl()), eu.indriva.upstream.UrlRules.System.ACCOUNTING)
                .ifPresent(p -> { throw Problem.badField("accounting.baseUrl", p); });
        eu.indriva.agency.AgencyPlugin.Endpoint endpoint = agency.endpoint(tenant.agency().settings());
        urlRules.problemResolved(endpoint.uri(), eu.indriva.upstream.UrlRules.System.AGENCY)
                .ifPresent(p -> { throw Problem.badField(endpoint.field(), p); });
        // two tenants on one agency account would see (and adopt) each other's claims
        String account = agency.account(tenant.agency().settings());
        Optional<Tenant> before = Optional.empty();
        for (Tenant other : tenants.all()) {
            if (other.id().equals(id)) {
                before = Optional.of(other);
            } else if (other.agency().system().equals(tenant.agency().system()) && account.equals(agency.account(other.agency().settings()))) {
                throw Problem.conflict("agency " + account + " at " + tenant.agency().system()
                        + " already belongs to tenant " + other.id() + "; each tenant needs its own creditor at the agency");
            }
        }
        TenantSecrets stored;
        String whyRequired = "is required when the tenant is created";
        try {
            stored = tenants.secrets(id);
        } catch (TenantSecretsUnreadable unreadable) {
            // the stored ones are lost to this installation: the request must bring them all again
            stored = TenantSecrets.NONE;
            whyRequired = "is required: the stored secrets cannot be decrypted with this installation's key, so enter all of them again";
        }
        if (before.isPresent() && !before.get().agency().system().equals(tenant.agency().system())) {
            // the stored agency secrets are the old agency's: the new one's must all be sent
            stored = new TenantSecrets(stored.clientSecret(), stored.apiKey(), java.util.Map.of());
            whyRequired = "is required when the tenant moves to another agency";
        }
        TenantSecrets secrets = TenantRequests.secrets(request, stored, agency, whyRequired);
        boolean created = tenants.save(tenant, secrets);
        if (before.isPresent() && !before.get().agency().system().equals(tenant.agency().system())) {
            // the old agency's "changed since" position means nothing to the new one
            tenants.agencyWatermark(id, null);
        }
        connectors.forget(id);
        attention.clear(id);
        log.info("tenant={} {} (enabled={}, automatic={})", id, created ? "created" : "replaced", tenant.enabled(),
                tenant.policy().automatic());
        return new Saved(tenant, created);
    }

    /** What keeps Indriva from working for the tenant, or null. */
    public String needsAttention(String id) {
        return attention.of(id);
    }

    public Optional<Tenant> find(String id) {
        return tenants.find(id);
    }

    public List<Tenant> all() {
        return tenants.all();
    }
}
