package eu.indriva.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a tenant, or one shared key for unknown tenants): {@code ratePerSecond}
 * webhooks a second on average, bursts of up to {@code burst}. A flood for one tenant is answered
 * 429 (the agency retries later) instead of growing the broker and taking the other tenants'
 * share of the event consumers. Buckets of the least recently seen keys are dropped past
 * {@code maxKeys}: a dropped bucket comes back full, which only forgives a little.
 */
public final class IntakeLimiter {

    private static final long NANOS = 1_000_000_000L;

    private final double ratePerSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets;

    public IntakeLimiter(double ratePerSecond, int burst, int maxKeys, LongSupplier nanoClock) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a webhook intake limit needs a positive rate and a burst of at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Takes one token for {@code key}.
     *
     * @return 0 when taken, else the whole seconds to wait before one is there (at least 1), for Retry-After
     */
    public synchronized long take(String key) {
        long now = nanoClock.getAsLong();
        // {tokens, last refill in nanos}
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
        double tokens = Math.min(burst, b[0] + (now - (long) b[1]) * ratePerSecond / NANOS);
        b[1] = now;
        if (tokens >= 1) {
            b[0] = tokens - 1;
            return 0;
        }
        b[0] = tokens;
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond));
    }
}
