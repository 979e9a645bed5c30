package eu.indriva.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Keeps the overdue poll at most {@code max} claims ahead of registration. Without it a large
 * poll selects far faster than the agency registers, and every waiting ticket sits in the
 * broker's memory: the heap then grows with the number of overdue invoices.
 */
final class BacklogGate {

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final int max;
    private final Duration stallTimeout;
    private final Clock clock;
    private final Sleeper sleeper;

    BacklogGate(int max, Duration stallTimeout, Clock clock, Sleeper sleeper) {
        if (max < 1) {
            throw new IllegalArgumentException("indriva.poll.max-backlog must be at least 1, not " + max);
        }
        this.max = max;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits until {@code waiting} is at most the limit.
     *
     * @return false when the backlog did not shrink for the stall timeout (or the thread was interrupted)
     */
    boolean await(IntSupplier waiting) {
        int last = waiting.getAsInt();
        Instant progressAt = clock.instant();
        while (last > max) {
            try {
                sleeper.sleep(CHECK_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            int now = waiting.getAsInt();
            if (now < last) {
                progressAt = clock.instant();
            } else if (!clock.instant().isBefore(progressAt.plus(stallTimeout))) {
                return false;
            }
            last = now;
        }
        return true;
    }
}
