package eu.indriva.upstream;

import eu.indriva.support.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamHttpTest {

    private static WireMockServer wm;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CircuitBreaker breaker;
    private UpstreamHttp http;

    @BeforeAll
    static void startServer() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stopServer() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        breaker = new CircuitBreaker("test", 2, Duration.ofSeconds(30), clock);
        http = new UpstreamHttp("procountor", "t1", HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build(), Duration.ofSeconds(5), breaker, meters);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(wm.baseUrl() + path)).GET();
    }

    @Test
    void anAnswerOverTheLimitIsRefusedWhileItArrivesAndTheCircuitStaysClosed() {
        wm.stubFor(get("/huge").willReturn(aResponse().withStatus(200).withBody(new byte[UpstreamHttp.MAX_BODY_BYTES + 1024])));
        wm.stubFor(get("/latin").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=ISO-8859-1").withBody(new byte[] {(byte) 0xe5, 'r'})));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> http.send(request("/huge"), "get-huge"))
                    .isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("more than 8 MiB");
        }
        assertThat(breaker.isOpen()).as("the upstream answered; it is not down").isFalse();
        assertThat(http.send(request("/latin"), "get-latin").body()).isEqualTo("år");
    }

    @Test
    void returnsAnyAnswerBelow500ToTheCaller() {
        wm.stubFor(get("/ok").willReturn(aResponse().withStatus(200).withBody("hello")));
        wm.stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
        wm.stubFor(get("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));

        HttpResponse<String> ok = http.send(request("/ok"), "get-ok");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hello");
        assertThat(http.send(request("/missing"), "get-missing").statusCode()).isEqualTo(404);
        assertThat(http.send(request("/busy"), "get-busy").statusCode()).isEqualTo(429);
    }

    @Test
    void aServerErrorIsTransientAndCountsAgainstTheBreaker() {
        wm.stubFor(get("/down").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> http.send(request("/down"), "get-down")).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("503");
        assertThatThrownBy(() -> http.send(request("/down"), "get-down")).isInstanceOf(UpstreamException.Transient.class);

        assertThat(breaker.isOpen()).isTrue();
        assertThatThrownBy(() -> http.send(request("/down"), "get-down")).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("circuit open");
        wm.verify(2, getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void aClientErrorIsNotAnUpstreamFailure() {
        wm.stubFor(get("/bad").willReturn(aResponse().withStatus(400)));

        for (int i = 0; i < 5; i++) {
            http.send(request("/bad"), "get-bad");
        }

        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aReadTimeoutIsTransient() {
        wm.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        UpstreamHttp impatient = new UpstreamHttp("procountor", "t1", HttpClient.newHttpClient(), Duration.ofMillis(300), breaker, meters);

        assertThatThrownBy(() -> impatient.send(request("/slow"), "get-slow")).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("timed out");
        assertThat(meters.get("indriva.upstream.requests").tag("outcome", "timeout").timer().count()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsTransient() {
        UpstreamHttp nowhere = new UpstreamHttp("kravia", "t1", HttpClient.newHttpClient(), Duration.ofSeconds(1), breaker, meters);

        // port 1 on localhost: nothing listens there
        assertThatThrownBy(() -> nowhere.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/x")).GET(), "get"))
                .isInstanceOf(UpstreamException.Transient.class);
    }

    @Test
    void recordsLatencyPerUpstreamTenantOperationAndOutcome() {
        wm.stubFor(get("/ok").willReturn(aResponse().withStatus(200)));

        http.send(request("/ok"), "get-ok");

        assertThat(meters.get("indriva.upstream.requests").tag("upstream", "procountor").tag("tenant", "t1")
                .tag("operation", "get-ok").tag("outcome", "200").timer().count()).isEqualTo(1);
    }

    @Test
    void anInterruptedTrialDoesNotLeaveTheCircuitOpenForever() {
        wm.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
        wm.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        wm.stubFor(get("/ok").willReturn(aResponse().withStatus(200)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> http.send(request("/down"), "get-down")).isInstanceOf(UpstreamException.Transient.class);
        }
        clock.advance(Duration.ofSeconds(31));

        // the half-open trial is interrupted (e.g. a route being stopped)
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> http.send(request("/slow"), "get-slow")).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).as("the interrupt flag is kept for the caller").isTrue();

        // the upstream is fine again: the next caller must be allowed to try
        assertThat(http.send(request("/ok"), "get-ok").statusCode()).isEqualTo(200);
        assertThat(breaker.isOpen()).isFalse();
    }
}
