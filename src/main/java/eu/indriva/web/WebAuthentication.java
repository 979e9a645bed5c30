package eu.indriva.web;

import eu.indriva.user.Lockout;
import eu.indriva.user.UserRepository;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signs a user in against web_user. A locked account is refused without looking at the password
 * (guessing does not go on during the lock); a wrong password counts towards the lock-out; an
 * unknown user costs the same hash check as a known one. Every refusal reads the same to the person
 * signing in, so the form tells nobody which usernames exist.
 */
class WebAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(WebAuthentication.class);

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Lockout lockout;
    private final Clock clock;
    /** Checked for an unknown user, so that it takes as long as a known one. */
    private final String unknownUserHash;

    WebAuthentication(UserRepository users, PasswordEncoder passwords, Lockout lockout, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.lockout = lockout;
        this.clock = clock;
        this.unknownUserHash = passwords.encode("no such user, no such password");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = eu.indriva.user.UserRequests.key(authentication.getName());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<UserRepository.Stored> found = username.isEmpty() ? Optional.empty() : users.find(username);
        if (found.isEmpty()) {
            passwords.matches(password, unknownUserHash);
            throw new BadCredentialsException("unknown user");
        }
        UserRepository.Stored stored = found.get();
        if (stored.lockedAt(clock.instant())) {
            throw new LockedException("locked until " + stored.lockedUntil());
        }
        if (!passwords.matches(password, stored.passwordHash())) {
            users.failedLogin(username, lockout, clock.instant());
            if (users.find(username).map(s -> s.lockedAt(clock.instant())).orElse(false)) {
                log.warn("web user {} is locked for {} after {} failed sign-ins in a row", username, lockout.lockFor(), lockout.attempts());
            }
            throw new BadCredentialsException("wrong password");
        }
        if (!stored.user().enabled()) {
            throw new BadCredentialsException("disabled");
        }
        users.signedIn(username);
        SignedIn who = SignedIn.of(stored.user());
        return UsernamePasswordAuthenticationToken.authenticated(who, null, who.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
