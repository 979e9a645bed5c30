package eu.indriva.agency;

import eu.indriva.tenant.SystemPlugin;
import java.util.Map;
import java.util.Set;

/**
 * One agency system Indriva can hand claims to: what it offers, besides its id, name, settings and
 * secrets ({@link SystemPlugin}). One bean per system.
 */
public interface AgencyPlugin extends SystemPlugin {

    /** The services (policy {@code service}) this agency offers. */
    Set<AgencyService> services();

    /**
     * The tenant's account at this agency, in words ("creditor 10759"): two tenants on one account
     * would see (and adopt) each other's claims, so saving a second is refused.
     */
    String account(Map<String, Object> settings);

    /**
     * How often its agency sync runs for a tenant, when the system has its own pace (an agency whose
     * files are fetched on a schedule); empty: {@code indriva.agency-sync.interval}.
     */
    default java.util.Optional<java.time.Duration> syncInterval() {
        return java.util.Optional.empty();
    }
}
