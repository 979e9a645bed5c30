package eu.indriva.web;

import eu.indriva.config.StartupChecks;
import eu.indriva.problem.Problem;
import eu.indriva.user.UserRepository;
import eu.indriva.user.UserRequest;
import eu.indriva.user.UserRequests;
import eu.indriva.user.UserRole;
import eu.indriva.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The first platform admin, from {@code indriva.ui.initial-admin.username} and {@code .password},
 * created at start when there is no platform admin yet (later ones are made through the admin API
 * or the web). A weak password stops the start with the reason.
 */
@Component
class InitialAdmin implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final UserRepository users;
    private final UserService service;
    private final String username;
    private final String password;

    InitialAdmin(UserRepository users, UserService service,
                 @Value("${indriva.ui.initial-admin.username:}") String username,
                 @Value("${indriva.ui.initial-admin.password:}") String password) {
        this.users = users;
        this.service = service;
        this.username = username;
        this.password = password;
    }

    @Override
    public void afterPropertiesSet() {
        if (username.isBlank() || users.anyAdmin()) {
            return;
        }
        try {
            service.put(username, new UserRequest(UserRole.PLATFORM_ADMIN.name(), null, password.isEmpty() ? null : password, true));
        } catch (Problem p) {
            throw new StartupChecks.Misconfigured("indriva.ui.initial-admin: " + p.getMessage() + ".",
                    "Set indriva.ui.initial-admin.password (INDRIVA_UI_INITIAL_ADMIN_PASSWORD) to a password of at least 12 "
                            + "characters, or leave indriva.ui.initial-admin.username unset and create users through the admin API.");
        }
        log.info("web: platform admin '{}' created from indriva.ui.initial-admin", UserRequests.username(username));
    }
}
