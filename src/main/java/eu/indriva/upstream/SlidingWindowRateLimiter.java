package eu.indriva.upstream;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * At most {@code permits} requests in any sliding window of {@code window}, across all threads
 * that share the instance (Procountor: 20 per second per API client, token requests included),
 * as the upstream sees them: a request holds its slot until one window after its answer.
 * Also honours a pause ordered by the upstream (429 with or without Retry-After).
 *
 * <p>A caller waits at most {@code maxWait} for its slot: one that would wait longer gets an
 * {@link UpstreamException.Busy} with the time the window (or the pause) frees up, so that a
 * queue consumer re-schedules its message for then instead of holding its thread, which another
 * tenant's work could use.
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
    /** How often a full window of requests still in flight is looked at again. */
    private static final long IN_FLIGHT_POLL_NANOS = 5_000_000;
    /** Requests sent and not yet answered. */
    private int inFlight;
    /** When each answered request still in the window was answered, oldest first. */
    private final java.util.ArrayDeque<Long> answered = new java.util.ArrayDeque<>();
    private long pausedUntil;
    private final long maxWaitNanos;
    private SharedRate shared = SharedRate.NONE;

    /** Callers wait as long as it takes. */
    public SlidingWindowRateLimiter(int permits, Duration window) {
        this(permits, window, Duration.ofNanos(Long.MAX_VALUE / 4));
    }

    public SlidingWindowRateLimiter(int permits, Duration window, Duration maxWait) {
        this(permits, window, maxWait, System::nanoTime, nanos -> java.util.concurrent.locks.LockSupport.parkNanos(nanos));
    }

    /**
     * A limiter whose admissions also take a slot of the rate all instances share (several instances on one
     * API client): this instance's window and the cluster's shared window, both counted from the answers, hold.
     */
    public SlidingWindowRateLimiter(int permits, Duration window, Duration maxWait, SharedRate shared) {
        this(permits, window, maxWait, System::nanoTime, nanos -> java.util.concurrent.locks.LockSupport.parkNanos(nanos));
        this.shared = shared;
    }

    /** A limiter whose callers wait as long as it takes (tests of the window itself). */
    public SlidingWindowRateLimiter(int permits, Duration window, LongSupplier nanoClock, Sleeper sleeper) {
        this(permits, window, Duration.ofNanos(Long.MAX_VALUE / 4), nanoClock, sleeper);
    }

    public SlidingWindowRateLimiter(int permits, Duration window, Duration maxWait, LongSupplier nanoClock, Sleeper sleeper) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be positive");
        }
        this.permits = permits;
        this.maxWaitNanos = maxWait.toNanos();
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        // nanoTime values are only comparable by difference; start "unpaused"
        this.pausedUntil = nanoClock.getAsLong();
    }

    /** Blocks until a request may be sent now, and counts it from now (for callers that do not report completion). */
    public void acquire() {
        begin().close();
    }

    /**
     * Blocks until a request may be sent now and returns its slot; close it when the answer has
     * arrived. The slot counts while the request is in flight and for one window after its answer.
     * Counting from the answer rather than from the send is what keeps the rate the upstream sees at
     * or under the limit: a request delayed on its way (connection set-up, a busy machine) cannot
     * arrive in the same upstream window as requests sent a window after it was answered.
     */
    public Slot begin() {
        long deadline = nanoClock.getAsLong() + maxWaitNanos;
        while (true) {
            long wait;
            synchronized (this) {
                long now = nanoClock.getAsLong();
                while (!answered.isEmpty() && now - answered.peekFirst() >= windowNanos) {
                    answered.pollFirst();
                }
                if (now - pausedUntil < 0) {
                    wait = pausedUntil - now;
                } else if (inFlight + answered.size() < permits) {
                    inFlight++;
                    wait = -1;
                } else {
                    // the earliest answered request leaves the window first; in-flight ones only when answered
                    wait = answered.isEmpty() ? IN_FLIGHT_POLL_NANOS : answered.peekFirst() + windowNanos - now + 1_000_000;
                }
                if (wait < 0) {
                    // admitted here; the cluster's slot is taken outside the lock
                } else if (now + wait - deadline > 0) {
                    throw new UpstreamException.Busy("rate limit of " + permits + " requests per "
                            + Duration.ofNanos(windowNanos).toMillis() + " ms reached" + (now - pausedUntil < 0
                            ? " (the upstream asked for a pause)" : ""),
                            java.time.Instant.now().plusNanos(Math.max(wait, IN_FLIGHT_POLL_NANOS)));
                }
            }
            if (wait < 0) {
                SharedRate.Place place;
                try {
                    place = shared.take(deadline - nanoClock.getAsLong());
                } catch (RuntimeException e) {
                    synchronized (this) {
                        inFlight--;
                    }
                    throw e;
                }
                return new Slot(place);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Transient("interrupted while waiting for the rate limit");
            }
        }
    }

    /** One request's place in the window. */
    public final class Slot implements AutoCloseable {
        private final SharedRate.Place place;
        private boolean done;

        private Slot(SharedRate.Place place) {
            this.place = place;
        }

        /** The answer arrived (or the request failed): the slot now ages out one window from here, here and in the cluster. */
        @Override
        public void close() {
            boolean first;
            synchronized (SlidingWindowRateLimiter.this) {
                first = !done;
                if (first) {
                    done = true;
                    inFlight--;
                    answered.addLast(nanoClock.getAsLong());
                }
            }
            if (first) {
                place.close();
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
