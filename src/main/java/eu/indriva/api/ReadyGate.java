package eu.indriva.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the admin API and the webhooks with 503 {@code not_ready} (and Retry-After) until the
 * application is ready, and again once it refuses traffic. Spring starts the web server before the
 * Camel routes: without this gate a webhook arriving in between met a stopped CamelContext and got
 * a 500. The sender (an agency, a load balancer, an admin's script) sends it again, to this
 * instance a few seconds later or to another one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ReadyGate extends OncePerRequestFilter {

    private final ApplicationAvailability availability;

    public ReadyGate(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !path.startsWith("/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            response.setHeader("Retry-After", "5");
            AdminApiFilter.refuse(response, 503, "{\"error\":\"not_ready\",\"message\":\"Indriva is starting or stopping;"
                    + " nothing was stored. Try again in a few seconds\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
