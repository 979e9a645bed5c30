package eu.indriva.support;

import eu.indriva.upstream.CircuitBreaker;
import eu.indriva.upstream.UpstreamHttp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/** The adapter tests' UpstreamHttp: HTTP/1.1 as Connectors builds it, and a breaker that does not open during a test. */
public final class AdapterHttp {

    private AdapterHttp() {}

    public static UpstreamHttp upstream(String upstream, Duration readTimeout, Clock clock) {
        return new UpstreamHttp(upstream, "t1",
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build(),
                readTimeout, new CircuitBreaker(upstream + " test", 50, Duration.ofSeconds(30), clock), new SimpleMeterRegistry());
    }

    public static UpstreamHttp upstream(String upstream, Duration readTimeout) {
        return upstream(upstream, readTimeout, Clock.systemUTC());
    }
}
