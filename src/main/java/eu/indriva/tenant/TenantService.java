package eu.indriva.tenant;

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

    public TenantService(TenantRepository tenants, Connectors connectors) {
        this.tenants = tenants;
        this.connectors = connectors;
    }

    public record Saved(Tenant tenant, boolean created) {}

    public synchronized Saved put(String id, TenantRequest request) {
        Tenant tenant = TenantRequests.toTenant(id, request);
        TenantSecrets secrets = TenantRequests.secrets(request, tenants.secrets(id));
        boolean created = tenants.save(tenant, secrets);
        connectors.forget(id);
        log.info("tenant={} {} (enabled={}, automatic={})", id, created ? "created" : "replaced", tenant.enabled(),
                tenant.policy().automatic());
        return new Saved(tenant, created);
    }

    public Optional<Tenant> find(String id) {
        return tenants.find(id);
    }

    public List<Tenant> all() {
        return tenants.all();
    }
}
