package eu.indriva.inbound;

import eu.indriva.queue.RunGuard;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Which tenants are due for an agency sync (routes/agency-sync.yaml), and one sync at a time per tenant. */
@Component("agencySync")
public class AgencySync {

    private final TenantRepository tenants;
    private final RunGuard guard;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();

    public AgencySync(TenantRepository tenants, RunGuard guard, @Value("${indriva.agency-sync.interval:PT15M}") Duration interval) {
        this.tenants = tenants;
        this.guard = guard;
        this.interval = interval;
    }

    public List<String> dueTenants() {
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        for (Tenant t : tenants.all()) {
            if (!t.enabled() || guard.isRunning(key(t.id()))) {
                continue;
            }
            Instant last = tenants.lastAgencySyncAt(t.id()).orElse(null);
            if (last == null || !last.plus(interval).isAfter(now)) {
                due.add(t.id());
            }
        }
        return due;
    }

    /** The tenant to sync, or null when it is unknown, disabled or already syncing. */
    public Tenant begin(String tenantId) {
        Tenant tenant = tenants.find(tenantId).filter(Tenant::enabled).orElse(null);
        if (tenant == null || !guard.tryStart(key(tenantId))) {
            return null;
        }
        tenants.agencySyncStarted(tenantId, clock.instant());
        return tenant;
    }

    public void end(Tenant tenant) {
        guard.finish(key(tenant.id()));
    }

    public boolean isRunning(String tenantId) {
        return guard.isRunning(key(tenantId));
    }

    private static String key(String tenantId) {
        return "sync:" + tenantId;
    }
}
