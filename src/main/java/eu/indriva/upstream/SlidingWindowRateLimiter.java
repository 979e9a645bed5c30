package eu.indriva.upstream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * At most {@code permits} requests in any sliding window of {@code window}, across all threads
 * that share the instance (Procountor: 20 per second per API client, token requests included).
 * Also honours a pause ordered by the upstream (429 with or without Retry-After).
 */
public final class SlidingWindowRateLimiter {

    /** How the limiter waits; tests replace it to run without real time. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final int permits;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final ArrayDeque<Long> granted = new ArrayDeque<>();
    private long pausedUntil;

    public SlidingWindowRateLimiter(int permits, Duration window) {
        this(permits, window, System::nanoTime, nanos -> java.util.concurrent.locks.LockSupport.parkNanos(nanos));
    }

    public SlidingWindowRateLimiter(int permits, Duration window, LongSupplier nanoClock, Sleeper sleeper) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be positive");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        // nanoTime values are only comparable by difference; start "unpaused"
        this.pausedUntil = nanoClock.getAsLong();
    }

    /** Blocks until a request may be sent now, and counts it. */
    public void acquire() {
        while (true) {
            long wait;
            synchronized (this) {
                long now = nanoClock.getAsLong();
                while (!granted.isEmpty() && now - granted.peekFirst() >= windowNanos) {
                    granted.pollFirst();
                }
                if (now - pausedUntil < 0) {
                    wait = pausedUntil - now;
                } else if (granted.size() < permits) {
                    granted.addLast(now);
                    return;
                } else {
                    // the oldest grant leaves the window first; a small margin keeps us under, never at, the edge
                    wait = granted.peekFirst() + windowNanos - now + 1_000_000;
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Transient("interrupted while waiting for the rate limit");
            }
        }
    }

    /** The upstream said "too many requests": nobody sends for {@code pause}. */
    public synchronized void pause(Duration pause) {
        long until = nanoClock.getAsLong() + pause.toNanos();
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }
}
