package eu.indriva.user;

import eu.indriva.problem.Problem;
import eu.indriva.tenant.TenantRepository;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creating, replacing and removing the client web's users. */
@Service
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);

    private final UserRepository users;
    private final TenantRepository tenants;
    private final PasswordEncoder passwords;

    public UserService(UserRepository users, TenantRepository tenants, PasswordEncoder passwords) {
        this.users = users;
        this.tenants = tenants;
        this.passwords = passwords;
    }

    public record Saved(WebUser user, boolean created) {}

    /** Creates or replaces a user; a replace without a password keeps the stored one. */
    public synchronized Saved put(String username, UserRequest request) {
        WebUser user = UserRequests.toUser(username, request, id -> tenants.find(id).isPresent());
        String hash = null;
        if (request.password() != null) {
            hash = passwords.encode(UserRequests.password(request.password(), "password"));
        } else if (!users.exists(user.username())) {
            throw Problem.badField("password", "is required when the user is created");
        }
        boolean created = users.save(user, hash);
        log.info("web user {} {} (role={}, tenant={}, enabled={})", user.username(), created ? "created" : "replaced", user.role(),
                user.tenantId(), user.enabled());
        return new Saved(user, created);
    }

    /** Removes the user; a session of theirs ends at its next request. */
    public boolean delete(String username) {
        boolean removed = users.delete(UserRequests.username(username));
        if (removed) {
            log.info("web user {} removed", UserRequests.username(username));
        }
        return removed;
    }

    /** The user, whatever the case and spaces the name is given in. */
    public Optional<WebUser> find(String username) {
        return users.find(UserRequests.key(username)).map(UserRepository.Stored::user);
    }

    public List<WebUser> all() {
        return users.all();
    }
}
