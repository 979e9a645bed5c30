package eu.indriva.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hawtio and Jolokia (on the management port) can start and stop routes and invoke any JMX
 * operation, so they need a password (HTTP Basic, which Hawtio's browser session keeps):
 * <ul>
 *   <li>{@code admin} with the admin token: everything;</li>
 *   <li>{@code operator} with {@code indriva.ops.operator-password} (when set): read only. Jolokia
 *       {@code read}, {@code list}, {@code search}, {@code version}, and {@code exec} of operations that
 *       only look ({@code dump...}, {@code get...}, {@code list...}, {@code is...}, ...); a {@code write}
 *       or any other operation (stop, start, remove, reset, send, ...) is 403.</li>
 * </ul>
 * Health, info and Prometheus stay open on the management port (loopback by default).
 */
@ManagementContextConfiguration
public class OperationsAccess {

    static final Set<String> READ_TYPES = Set.of("read", "list", "search", "version");
    static final Pattern LOOKING = Pattern.compile("^(dump|get|list|is|has|find|browse|count|query|explain|info|jsonSchema|describe)[A-Za-z]*(\\(.*)?$");

    @Bean
    FilterRegistrationBean<OperationsFilter> operationsAccessFilter(AdminToken token, IndrivaProperties props) {
        FilterRegistrationBean<OperationsFilter> registration = new FilterRegistrationBean<>(
                new OperationsFilter(token, props.ops().operatorPassword()));
        registration.addUrlPatterns("/actuator/hawtio/*", "/actuator/hawtio", "/actuator/jolokia/*", "/actuator/jolokia");
        registration.setOrder(0);
        return registration;
    }

    /** Who is asking: admin, operator, or nobody we know. */
    enum Role { ADMIN, OPERATOR, NONE }

    static final class OperationsFilter extends OncePerRequestFilter {

        private static final ObjectMapper JSON = new ObjectMapper();
        private final AdminToken token;
        private final String operatorPassword;

        OperationsFilter(AdminToken token, String operatorPassword) {
            this.token = token;
            this.operatorPassword = operatorPassword == null || operatorPassword.isBlank() ? null : operatorPassword;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Role role = role(request.getHeader("Authorization"));
            if (role == Role.NONE) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Indriva operations\", charset=\"UTF-8\"");
                refuse(response, 401, "sign in as admin (the admin token) or operator (indriva.ops.operator-password)");
                return;
            }
            if (role == Role.OPERATOR && request.getRequestURI().contains("/jolokia")) {
                byte[] body = request.getInputStream().readAllBytes();
                if (!readOnly(request, body)) {
                    refuse(response, 403, "operators may look, not change: sign in as admin to start, stop or change anything");
                    return;
                }
                chain.doFilter(new Replayed(request, body), response);
                return;
            }
            chain.doFilter(request, response);
        }

        private Role role(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Role.NONE;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Role.NONE;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Role.NONE;
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            if (user.equals("admin") && token.matches(password)) {
                return Role.ADMIN;
            }
            if (user.equals("operator") && operatorPassword != null && MessageDigest.isEqual(
                    password.getBytes(StandardCharsets.UTF_8), operatorPassword.getBytes(StandardCharsets.UTF_8))) {
                return Role.OPERATOR;
            }
            return Role.NONE;
        }

        /** A Jolokia request that only looks: GET /jolokia/{type}/..., or a POST of one request or a list of them. */
        static boolean readOnly(HttpServletRequest request, byte[] body) {
            if ("GET".equals(request.getMethod())) {
                String path = request.getRequestURI().replaceFirst("^.*/jolokia/?", "");
                if (path.isEmpty()) {
                    return true;
                }
                String[] parts = path.split("/");
                if (parts[0].equals("exec")) {
                    return parts.length > 2 && looking(URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
                }
                return READ_TYPES.contains(parts[0]);
            }
            try {
                JsonNode json = JSON.readTree(body);
                if (json == null) {
                    return false;
                }
                for (JsonNode one : json.isArray() ? json : JSON.createArrayNode().add(json)) {
                    String type = one.path("type").asText("");
                    boolean ok = READ_TYPES.contains(type) || type.equals("exec") && looking(one.path("operation").asText(""));
                    if (!ok) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean looking(String operation) {
            return LOOKING.matcher(operation).matches();
        }

        private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
            response.setStatus(status);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"" + (status == 401 ? "unauthorized" : "forbidden") + "\",\"message\":\"" + message + "\"}");
        }
    }

    /** The request again, with its body read once already (to check it) and served from memory. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
