package eu.indriva.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * For a caller that cannot come back later (a person waiting, a reconciliation half done): a call
 * the rate limiter or an open circuit refuses ({@link UpstreamException.Busy}) is made again once
 * there is room, until a deadline; every other failure goes to the caller.
 */
public final class Patience {

    private Patience() {}

    /**
     * @throws UpstreamException.Busy when the room comes only after {@code giveUpAt}
     * @throws UpstreamException.Transient when the thread is interrupted while it waits
     */
    public static <T> T waitForRoom(Supplier<T> call, Instant giveUpAt, Clock clock) {
        while (true) {
            try {
                return call.get();
            } catch (UpstreamException.Busy busy) {
                if (busy.until().isAfter(giveUpAt)) {
                    throw busy;
                }
                sleepUntil(busy.until(), clock);
            }
        }
    }

    /** Sleeps until {@code until} (at least 10 ms). */
    public static void sleepUntil(Instant until, Clock clock) {
        long millis = Math.max(10, Duration.between(clock.instant(), until).toMillis());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException.Transient("interrupted while waiting for room under the rate limit");
        }
    }
}
