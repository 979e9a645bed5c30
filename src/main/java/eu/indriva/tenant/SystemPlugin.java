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

    /**
     * The block's fields as the settings form shows them: the settings {@link #readSettings} reads, then
     * the {@link #secretFields} (write-only). SystemPluginFormTest holds each plugin to both.
     */
    java.util.List<FormField> formFields();

    /** One input of the settings form; {@code name} is the field's name in the block. */
    record FormField(String name, Kind kind, boolean required) {

        public enum Kind { TEXT, NUMBER, SECRET, SECRET_MULTILINE }

        public boolean secret() {
            return kind == Kind.SECRET || kind == Kind.SECRET_MULTILINE;
        }

        public static FormField text(String name, boolean required) {
            return new FormField(name, Kind.TEXT, required);
        }

        public static FormField number(String name, boolean required) {
            return new FormField(name, Kind.NUMBER, required);
        }

        public static FormField secret(String name, boolean required) {
            return new FormField(name, Kind.SECRET, required);
        }
    }
}
