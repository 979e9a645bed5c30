package eu.indriva.upstream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One upstream (a vendor API as one tenant uses it): applies the read timeout, the circuit
 * breaker and the latency metric to every call. Network errors and 5xx become
 * {@link UpstreamException.Transient}; every other answer goes back to the adapter, which knows
 * what a 4xx means for its vendor.
 */
public final class UpstreamHttp {

    private final String upstream;
    private final String tenantId;
    private final HttpClient client;
    private final Duration readTimeout;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private final UrlRules rules;
    private final UrlRules.System system;

    public UpstreamHttp(String upstream, String tenantId, HttpClient client, Duration readTimeout,
                        CircuitBreaker breaker, MeterRegistry meters) {
        this(upstream, tenantId, client, readTimeout, breaker, meters, null, null);
    }

    /** @param rules checked on each request's resolved address before it is sent (null: not checked) */
    public UpstreamHttp(String upstream, String tenantId, HttpClient client, Duration readTimeout,
                        CircuitBreaker breaker, MeterRegistry meters, UrlRules rules, UrlRules.System system) {
        this.rules = rules;
        this.system = system;
        this.upstream = upstream;
        this.tenantId = tenantId;
        this.client = client;
        this.readTimeout = readTimeout;
        this.breaker = breaker;
        this.meters = meters;
    }

    public HttpResponse<String> send(HttpRequest.Builder request, String operation) {
        HttpRequest checked = request.timeout(readTimeout).build();
        if (rules != null) {
            // a host name may have been re-pointed since the tenant was saved: never send its secrets there
            rules.problemResolved(checked.uri(), system).ifPresent(p -> {
                throw new UpstreamException.Permanent(0, upstream + " " + operation + " refused: the tenant's base URL " + p);
            });
        }
        breaker.acquire();
        long start = System.nanoTime();
        String outcome = "error";
        // every path must report to the breaker: a half-open trial that never reports keeps the circuit open for good
        boolean reported = false;
        try {
            HttpResponse<String> response = client.send(checked, info -> new LimitedBody(MAX_BODY_BYTES, charset(info.headers())));
            outcome = Integer.toString(response.statusCode());
            if (response.statusCode() >= 500) {
                breaker.failure();
                reported = true;
                throw new UpstreamException.Transient(upstream + " " + operation + " answered " + response.statusCode());
            }
            breaker.success();
            reported = true;
            return response;
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
            breaker.failure();
            reported = true;
            throw new UpstreamException.Transient(upstream + " " + operation + " timed out after " + readTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            BodyTooLarge tooLarge = tooLarge(e);
            if (tooLarge != null) {
                // the upstream answered (no sign of an outage), with more than anything it should send
                outcome = "too_large";
                breaker.success();
                reported = true;
                throw new UpstreamException.Transient(upstream + " " + operation + " answered with " + tooLarge.getMessage(), e);
            }
            breaker.failure();
            reported = true;
            throw new UpstreamException.Transient(upstream + " " + operation + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
            throw new UpstreamException.Transient(upstream + " " + operation + " interrupted", e);
        } finally {
            if (!reported) {
                breaker.abandon();
            }
            timer(operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The most of an answer Indriva reads: a page of invoices is far below it; more is refused, not held in memory. */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** An answer longer than {@link #MAX_BODY_BYTES}: refused while it arrives. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long max) {
            super("more than " + max / (1024 * 1024) + " MiB, the most Indriva reads of one answer");
        }
    }

    /** The client hands a body subscriber's failure back wrapped in an IOException of its own. */
    private static BodyTooLarge tooLarge(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BodyTooLarge t) {
                return t;
            }
        }
        return null;
    }

    private static java.nio.charset.Charset charset(java.net.http.HttpHeaders headers) {
        String type = headers.firstValue("Content-Type").orElse("");
        int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            try {
                return java.nio.charset.Charset.forName(type.substring(at + 8).split(";")[0].trim().replace("\"", ""));
            } catch (RuntimeException unknown) {
                // as UTF-8
            }
        }
        return java.nio.charset.StandardCharsets.UTF_8;
    }

    /** A body as a String, read up to a limit: past it, the download is cancelled and the call fails. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {
        private final java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final long max;
        private final java.nio.charset.Charset charset;
        private java.util.concurrent.Flow.Subscription subscription;

        LimitedBody(long max, java.nio.charset.Charset charset) {
            this.max = max;
            this.charset = charset;
        }

        @Override
        public java.util.concurrent.CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (java.nio.ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge(max));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(charset));
        }
    }

    /** Looked up once per operation and outcome: registering a meter on every call cost ~8 % of the flow's CPU. */
    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + " " + outcome, k -> Timer.builder("indriva.upstream.requests")
                .description("Latency of calls to accounting systems and agencies")
                .tag("upstream", upstream).tag("tenant", tenantId).tag("operation", operation).tag("outcome", outcome)
                .register(meters));
    }

    public String upstream() {
        return upstream;
    }

    /** The circuit of this upstream, for a transport of the same system that is not HTTP (an agency's SFTP). */
    public CircuitBreaker breaker() {
        return breaker;
    }
}
