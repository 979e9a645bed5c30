package eu.indriva.accounting.procountor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Client-credentials access token for one tenant, cached until shortly before it expires.
 * A 401 on an API call invalidates it once (see {@link ProcountorAdapter}).
 */
final class ProcountorTokens {

    private static final Duration EARLY = Duration.ofSeconds(60);

    private final String baseUrl;
    private final Map<String, String> form;
    private final UpstreamHttp http;
    private final SlidingWindowRateLimiter limiter;
    private final ObjectMapper json;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    ProcountorTokens(String baseUrl, String clientId, String clientSecret, String apiKey, String redirectUri,
                     UpstreamHttp http, SlidingWindowRateLimiter limiter, ObjectMapper json, Clock clock) {
        this.baseUrl = baseUrl;
        this.form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (redirectUri != null) {
            form.put("redirect_uri", redirectUri);
        }
        form.put("api_key", apiKey);
        this.http = http;
        this.limiter = limiter;
        this.json = json;
        this.clock = clock;
    }

    synchronized String token() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** The token was refused: the next {@link #token()} fetches a new one (unless another thread already did). */
    synchronized void invalidate(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    private void fetch() {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        for (int tries = 0; tries < 5; tries++) {
            HttpResponse<String> r;
            try (var slot = limiter.begin()) {
                r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)), "token");
            }
            if (r.statusCode() == 429) {
                limiter.pause(ProcountorAdapter.retryAfter(r));
                continue;
            }
            if (r.statusCode() != 200) {
                throw new UpstreamException.Permanent(r.statusCode(), "Procountor refused the API credentials (HTTP "
                        + r.statusCode() + "): check the tenant's accounting clientId, clientSecret and apiKey");
            }
            try {
                JsonNode n = json.readTree(r.body());
                token = n.path("access_token").asText();
                long expiresIn = n.path("expires_in").asLong(3600);
                Duration life = Duration.ofSeconds(expiresIn);
                Duration margin = life.compareTo(EARLY.multipliedBy(2)) > 0 ? EARLY : life.dividedBy(2);
                refreshAt = clock.instant().plus(life).minus(margin);
                return;
            } catch (java.io.IOException e) {
                throw new UpstreamException.Transient("Procountor token answer is not JSON", e);
            }
        }
        throw new UpstreamException.Transient("Procountor kept answering 429 to the token request");
    }
}
