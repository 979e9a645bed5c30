package eu.indriva.inbound;

import eu.indriva.connectors.Connectors;
import eu.indriva.queue.RunGuard;
import eu.indriva.queue.Spread;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private final Duration tick;
    private final Connectors connectors;

    private final eu.indriva.tenant.TenantRuns runs;
    private final Duration takeoverAfter;

    public AgencySync(TenantRepository tenants, RunGuard guard, @Value("${indriva.agency-sync.interval:PT15M}") Duration interval,
                      @Value("${indriva.poll.tick:PT10S}") Duration tick, Connectors connectors, eu.indriva.tenant.TenantRuns runs,
                      eu.indriva.config.IndrivaProperties props) {
        this.runs = runs;
        this.takeoverAfter = props.cluster().lockTtl();
        this.tenants = tenants;
        this.connectors = connectors;
        this.guard = guard;
        this.interval = interval;
        this.tick = tick;
    }

    /**
     * Enabled tenants whose agency sync is due, the longest overdue first: no more per tick than
     * the interval asks for on average ({@link Spread}). One indexed query.
     */
    public List<String> dueTenants() {
        int budget = Spread.perTick(tenants.enabledCount() / (double) Math.max(1, interval.toSeconds()), tick);
        Instant now = clock.instant();
        // syncs an instance began and never ended come first (it died): owed now, outside the budget
        return runs.owed(now, tenants.dueAgencySyncs(now, budget), eu.indriva.tenant.TenantRuns.AGENCY_SYNC).stream()
                .filter(id -> !guard.isRunning(key(id))).toList();
    }

    /** The tenant to sync, or null when it is unknown, disabled or already syncing. */
    public Tenant begin(String tenantId) {
        Tenant tenant = tenants.find(tenantId).filter(Tenant::enabled).filter(connectors::usable).orElse(null);
        if (tenant == null || !guard.tryStart(key(tenantId))) {
            return null;
        }
        Instant now = clock.instant();
        tenants.agencySyncStarted(tenantId, now, now.plus(connectors.syncInterval(tenant).orElse(interval)));
        runs.started(tenantId, eu.indriva.tenant.TenantRuns.AGENCY_SYNC, now.plus(takeoverAfter));
        return tenant;
    }

    public void end(Tenant tenant) {
        runs.ended(tenant.id(), eu.indriva.tenant.TenantRuns.AGENCY_SYNC);
        guard.finish(key(tenant.id()));
    }

    public boolean isRunning(String tenantId) {
        return guard.isRunning(key(tenantId));
    }

    private static String key(String tenantId) {
        return "sync:" + tenantId;
    }
}
