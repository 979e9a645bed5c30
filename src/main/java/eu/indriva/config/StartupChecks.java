package eu.indriva.config;

import java.util.Base64;

/**
 * Refuses to start with settings that would make Indriva unsafe, with a message that says how
 * to fix them. Runs before anything touches the database or a tenant secret.
 */
public final class StartupChecks {

    private StartupChecks() {}

    /** A setting Indriva cannot start without; reported by {@link MisconfiguredFailureAnalyzer}, not as a stack trace. */
    public static final class Misconfigured extends IllegalStateException {
        private final String action;

        private final String description;

        public Misconfigured(String description, String action) {
            super(description + " " + action);
            this.description = description;
            this.action = action;
        }

        public String description() {
            return description;
        }

        public String action() {
            return action;
        }
    }

    public static byte[] secretsKey(String base64) {
        String howTo = "Make one with `openssl rand -base64 32` and set it as indriva.secrets.key"
                + " (environment INDRIVA_SECRETS_KEY).";
        if (base64 == null || base64.isBlank()) {
            throw new Misconfigured("indriva.secrets.key is not set: it encrypts tenant secrets at rest.", howTo);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new Misconfigured("indriva.secrets.key is not valid base64.", howTo);
        }
        if (key.length != 32) {
            throw new Misconfigured("indriva.secrets.key must be 32 bytes (256 bits), it is " + key.length + ".", howTo);
        }
        return key;
    }

    public static String adminToken(String token) {
        String howTo = "Set a long random value as indriva.admin.token (environment INDRIVA_ADMIN_TOKEN), e.g. from `openssl rand -hex 32`.";
        if (token == null || token.isBlank()) {
            throw new Misconfigured("indriva.admin.token is not set: the admin API needs it.", howTo);
        }
        if (token.length() < 16) {
            throw new Misconfigured("indriva.admin.token is shorter than 16 characters.", howTo);
        }
        return token;
    }

    /**
     * Every setting Indriva cannot start without, checked together: all that are wrong are
     * reported at once, each with how to fix it.
     */
    public static void required(String secretsKey, String adminToken) {
        java.util.List<Misconfigured> wrong = new java.util.ArrayList<>();
        try {
            secretsKey(secretsKey);
        } catch (Misconfigured m) {
            wrong.add(m);
        }
        try {
            adminToken(adminToken);
        } catch (Misconfigured m) {
            wrong.add(m);
        }
        if (wrong.size() == 1) {
            throw wrong.get(0);
        }
        if (!wrong.isEmpty()) {
            StringBuilder description = new StringBuilder(wrong.size() + " required settings are missing or wrong:");
            StringBuilder action = new StringBuilder();
            for (Misconfigured m : wrong) {
                description.append(System.lineSeparator()).append("  - ").append(m.description());
                action.append(action.isEmpty() ? "" : System.lineSeparator()).append(m.action());
            }
            throw new Misconfigured(description.toString(), action.toString());
        }
    }

    /** A count setting that must be at least 1. */
    public static int positive(String property, int value) {
        if (value < 1) {
            throw new Misconfigured(property + " must be at least 1, it is " + value + ".",
                    "Set it to a positive number, or remove it to use the default.");
        }
        return value;
    }
}
