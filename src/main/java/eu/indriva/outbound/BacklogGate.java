package eu.indriva.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the overdue poll at most {@code max} claims ahead of registration. Without it a large
 * poll selects far faster than the agency registers, and every waiting ticket sits in the
 * broker's memory: the heap then grows with the number of overdue invoices.
 *
 * <p>The gate never sleeps: it says whether the poll may read its next page now, should come
 * back later (its thread then serves other tenants' polls meanwhile), or has waited without any
 * progress for the stall timeout and stops.
 */
final class BacklogGate {

    enum Verdict { GO, WAIT, STALLED }

    /** How long a poll waiting for registration to catch up yields before it looks again. */
    static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private final int max;
    private final Duration stallTimeout;
    private final Clock clock;

    BacklogGate(int max, Duration stallTimeout, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("indriva.poll.max-backlog must be at least 1, not " + max);
        }
        this.max = max;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    /** One poll's view of its backlog: the lowest count it saw while waiting, and when it got there. */
    static final class Watch {
        private int lowest = Integer.MAX_VALUE;
        private Instant progressAt;
    }

    /**
     * @param waiting the tenant's claims queued and not yet tried, now
     * @param watch   this poll's state, kept between checks
     */
    Verdict check(int waiting, Watch watch) {
        Instant now = clock.instant();
        if (waiting <= max) {
            watch.lowest = Integer.MAX_VALUE;
            watch.progressAt = null;
            return Verdict.GO;
        }
        if (watch.progressAt == null || waiting < watch.lowest) {
            watch.progressAt = now;
            watch.lowest = waiting;
        } else if (!now.isBefore(watch.progressAt.plus(stallTimeout))) {
            return Verdict.STALLED;
        }
        return Verdict.WAIT;
    }
}
