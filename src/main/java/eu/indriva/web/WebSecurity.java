package eu.indriva.web;

import eu.indriva.user.Lockout;
import eu.indriva.user.UserRepository;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may see what. Two filter chains:
 * <ul>
 *   <li>the client web (the pages, {@code /login}, {@code /logout}): form sign-in against web_user,
 *       a session cookie (HttpOnly, SameSite=Lax: application.properties), CSRF tokens on every
 *       form post, a tenant's pages for its creditor users and the platform admins only;</li>
 *   <li>everything else (the admin API, the webhooks, the actuator): no session and no CSRF, as
 *       before; the admin API keeps its bearer token (AdminAuthFilter), the webhooks their signatures.</li>
 * </ul>
 */
@Configuration
@EnableWebSecurity
public class WebSecurity {

    /** The client web's paths; everything else is the second chain's. */
    static final String[] PAGES = {"/", "/login", "/logout", "/denied", "/tenants", "/tenants/**", "/operations", "/users", "/users/**", "/css/**", "/js/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    Lockout lockout(@Value("${indriva.ui.lockout.attempts:5}") int attempts,
                    @Value("${indriva.ui.lockout.duration:PT15M}") Duration duration) {
        return new Lockout(attempts, duration);
    }

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, UserRepository users, PasswordEncoder passwords, Lockout lockout) throws Exception {
        http.securityMatcher(PAGES)
                .authenticationProvider(new WebAuthentication(users, passwords, lockout, Clock.systemUTC()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/denied", "/css/**", "/js/**").permitAll()
                        // creating and editing tenants is a platform admin's, whatever tenant a user has
                        .requestMatchers("/tenants/new", "/tenants/*/settings", "/tenants/*/settings/**").hasRole("PLATFORM_ADMIN")
                        .requestMatchers("/tenants/{tenantId}/**").access(new TenantAccess())
                        .requestMatchers("/tenants", "/operations", "/users", "/users/**").hasRole("PLATFORM_ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error").permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                // the same page whatever was refused (another tenant's, one that does not exist, a missing CSRF token)
                .exceptionHandling(e -> e.accessDeniedPage("/denied"))
                .addFilterBefore(new SessionCheck(users), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .headers(h -> h.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
