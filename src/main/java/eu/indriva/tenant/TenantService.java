package eu.indriva.tenant;

import eu.indriva.accounting.AccountingPlugin;
import eu.indriva.agency.AgencyPlugin;
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

    /** The accounting systems Indriva reads invoices from, by id. */
    private final java.util.Map<String, AccountingPlugin> accountingSystems;
    /** The agency systems Indriva can hand claims to, by id. */
    private final java.util.Map<String, AgencyPlugin> agencies;

    public TenantService(TenantRepository tenants, Connectors connectors, TenantAttention attention,
                         eu.indriva.upstream.UrlRules urlRules, List<AccountingPlugin> accountingSystems, List<AgencyPlugin> agencies) {
        this.accountingSystems = accountingSystems.stream().collect(java.util.stream.Collectors.toMap(AccountingPlugin::system, a -> a));
        this.agencies = agencies.stream().collect(java.util.stream.Collectors.toMap(AgencyPlugin::system, a -> a));
        this.urlRules = urlRules;
        this.tenants = tenants;
        this.connectors = connectors;
        this.attention = attention;
    }

    public record Saved(Tenant tenant, boolean created) {}

    public synchronized Saved put(String id, TenantRequest request) {
        Tenant tenant = TenantRequests.toTenant(id, request, accountingSystems, agencies);
        AccountingPlugin accounting = accountingSystems.get(tenant.accounting().system());
        AgencyPlugin agency = agencies.get(tenant.agency().system());
        if (!agency.services().contains(tenant.policy().service())) {
            throw Problem.badField("policy.service", agency.name() + " does not offer the " + tenant.policy().service()
                    + " service; it offers " + new java.util.TreeSet<>(agency.services()));
        }
        checkEndpoint(accounting.endpoint(tenant.accounting().settings()), eu.indriva.upstream.UrlRules.System.ACCOUNTING);
        checkEndpoint(agency.endpoint(tenant.agency().settings()), eu.indriva.upstream.UrlRules.System.AGENCY);
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
        boolean newAccounting = before.isPresent() && !before.get().accounting().system().equals(tenant.accounting().system());
        boolean newAgency = before.isPresent() && !before.get().agency().system().equals(tenant.agency().system());
        if (newAccounting || newAgency) {
            // the stored secrets of a system the tenant leaves are that system's: the new one's must all be sent
            stored = newAccounting ? stored.withoutAccounting() : stored;
            stored = newAgency ? stored.withoutAgency() : stored;
            whyRequired = "is required when the tenant moves to another "
                    + (newAccounting && newAgency ? "accounting system and agency" : newAccounting ? "accounting system" : "agency");
        }
        TenantSecrets secrets = TenantRequests.secrets(request, stored, accounting, agency, whyRequired);
        boolean created = tenants.save(tenant, secrets);
        if (newAgency) {
            // the old agency's "changed since" position means nothing to the new one
            tenants.agencyWatermark(id, null);
        }
        connectors.forget(id);
        attention.clear(id);
        log.info("tenant={} {} (enabled={}, automatic={})", id, created ? "created" : "replaced", tenant.enabled(),
                tenant.policy().automatic());
        return new Saved(tenant, created);
    }

    /** Indriva will call it with the tenant's secrets: not the host's own services, not a metadata endpoint. */
    private void checkEndpoint(SystemPlugin.Endpoint endpoint, eu.indriva.upstream.UrlRules.System kind) {
        urlRules.problemResolved(endpoint.uri(), kind).ifPresent(p -> { throw Problem.badField(endpoint.field(), p); });
    }

    /** What keeps Indriva from working for the tenant, or null. */
    public String needsAttention(String id) {
        return attention.of(id);
    }

    /** The accounting systems a tenant can use, by id, in the order of their names. */
    public List<AccountingPlugin> accountingSystems() {
        return accountingSystems.values().stream().sorted(java.util.Comparator.comparing(SystemPlugin::name)).toList();
    }

    /** The agencies a tenant can use, by id, in the order of their names. */
    public List<AgencyPlugin> agencies() {
        return agencies.values().stream().sorted(java.util.Comparator.comparing(SystemPlugin::name)).toList();
    }

    /** Which secrets are stored for the tenant, by side ("accounting", "agency"), names only; empty when they cannot be read. */
    public java.util.Map<String, java.util.Set<String>> secretsSet(String id) {
        try {
            TenantSecrets s = tenants.secrets(id);
            return java.util.Map.of("accounting", java.util.Set.copyOf(s.accounting().keySet()),
                    "agency", java.util.Set.copyOf(s.agency().keySet()));
        } catch (TenantSecretsUnreadable e) {
            return java.util.Map.of("accounting", java.util.Set.of(), "agency", java.util.Set.of());
        }
    }

    /** The tenant, or a 404 naming the id. */
    public Tenant get(String id) {
        return tenants.find(id).orElseThrow(() -> Problem.notFound("no tenant '" + id + "'"));
    }

    public Optional<Tenant> find(String id) {
        return tenants.find(id);
    }

    public List<Tenant> all() {
        return tenants.all();
    }
}
