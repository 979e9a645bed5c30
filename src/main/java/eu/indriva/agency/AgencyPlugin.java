package eu.indriva.agency;

import eu.indriva.tenant.SettingsBlock;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One agency system Indriva can hand claims to: its id in a tenant's {@code agency.system}, its
 * name, what it offers, and its own settings and secrets. One bean per system; the tenant code asks
 * these instead of knowing the agencies' names or fields.
 */
public interface AgencyPlugin {

    /** The id a tenant's {@code agency.system} names and a claim records ("kravia"). */
    String system();

    /** The agency's name as people know it ("Kravia"). */
    String name();

    /** The services (policy {@code service}) this agency offers. */
    Set<AgencyService> services();

    /**
     * Reads the tenant's agency block: every setting this system takes, checked, with its
     * defaults. A bad value is a {@link eu.indriva.problem.Problem} naming the field.
     */
    void readSettings(SettingsBlock block);

    /** The secret fields of the agency block (write-only; never kept in the settings). */
    Set<String> secretFields();

    /**
     * Checks the agency secrets the tenant will have (stored ones overlaid with the request's).
     *
     * @param whyRequired how a missing required secret is explained ("is required when the tenant is created")
     */
    void checkSecrets(Map<String, String> secrets, String whyRequired);

    /**
     * The tenant's account at this agency, in words ("creditor 10759"): two tenants on one account
     * would see (and adopt) each other's claims, so saving a second is refused.
     */
    String account(Map<String, Object> settings);

    /**
     * Where Indriva will connect with the tenant's secrets ({@code https://...}, {@code sftp://host:port}),
     * checked against the URL rules when the tenant is saved; the field to name when it is refused.
     */
    Endpoint endpoint(Map<String, Object> settings);

    record Endpoint(URI uri, String field) {}

    /**
     * How often its agency sync runs for a tenant, when the system has its own pace (an agency whose
     * files are fetched on a schedule); empty: {@code indriva.agency-sync.interval}.
     */
    default java.util.Optional<java.time.Duration> syncInterval() {
        return java.util.Optional.empty();
    }
}
