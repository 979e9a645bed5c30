package eu.indriva.sandbox;

import eu.indriva.user.UserRequest;
import eu.indriva.user.UserRole;
import eu.indriva.user.UserService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The sandbox's users of the client web: {@code admin} (platform admin) and a creditor user per
 * demo tenant, named as the tenant. They share one password, generated at first start into
 * {@code <data-dir>/sandbox-web-password} (readable by its owner only), or set with
 * {@code indriva.sandbox.web-password}; nothing secret is committed.
 */
public class SandboxUsers {

    static final String ADMIN = "admin";

    private final UserService users;
    private final Path passwordFile;
    private final String password;

    SandboxUsers(UserService users, Path dataDir, String configured) {
        this.users = users;
        this.passwordFile = dataDir.resolve("sandbox-web-password");
        this.password = configured == null || configured.isBlank() ? storedOrNew() : configured;
    }

    private String storedOrNew() {
        try {
            if (Files.exists(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[15];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(passwordFile.getParent());
            Files.writeString(passwordFile, generated + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox's web password in " + passwordFile, e);
        }
    }

    /** Creates the user when there is none of that name (a sandbox restarted on its data keeps its users as they are). */
    void ensure(String username, UserRole role, String tenantId) {
        if (users.find(username).isEmpty()) {
            users.put(username, new UserRequest(role.name(), tenantId, password, true));
        }
    }

    Path passwordFile() {
        return passwordFile;
    }
}
