package eu.indriva.api;

import eu.indriva.config.AdminToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** Every /api/ call needs "Authorization: Bearer <indriva.admin.token>"; otherwise 401 and nothing changes. */
@Component
@org.springframework.core.annotation.Order(0)
public class AdminAuthFilter extends AdminApiFilter {

    private final AdminToken token;

    public AdminAuthFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (!token.matches(presented)) {
            response.setHeader("WWW-Authenticate", "Bearer");
            refuse(response, 401, "{\"error\":\"unauthorized\",\"message\":\"send the admin token as 'Authorization: Bearer <token>'\",\"field\":null}");
            return;
        }
        chain.doFilter(request, response);
    }
}
