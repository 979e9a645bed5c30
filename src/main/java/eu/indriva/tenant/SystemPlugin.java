package eu.indriva.tenant;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One system a tenant connects to (an accounting system, an agency): its id in the tenant's
 * {@code system}, its name, and its own settings and secrets. One bean per system; the tenant code
 * asks these instead of knowing the systems' names or fields.
 */
public interface SystemPlugin {

    /** The id a tenant's {@code system} names ("procountor", "kravia"). */
    String system();

    /** The system's name as people know it ("Procountor"). */
    String name();

    /**
     * Reads the tenant's block for this system: every setting it takes, checked, with its defaults.
     * A bad value is a {@link eu.indriva.problem.Problem} naming the field.
     */
    void readSettings(SettingsBlock block);

    /** The secret fields of the block (write-only; never kept in the settings). */
    Set<String> secretFields();

    /**
     * Checks the secrets the tenant will have (stored ones overlaid with the request's).
     *
     * @param whyRequired how a missing required secret is explained ("is required when the tenant is created")
     */
    void checkSecrets(Map<String, String> secrets, String whyRequired);

    /**
     * Where Indriva will connect with the tenant's secrets ({@code https://...}, {@code sftp://host:port}),
     * checked against the URL rules when the tenant is saved; the field to name when it is refused.
     */
    Endpoint endpoint(Map<String, Object> settings);

    record Endpoint(URI uri, String field) {}
}
