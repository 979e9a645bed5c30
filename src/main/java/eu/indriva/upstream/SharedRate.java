package eu.indriva.upstream;

/**
 * The part of an upstream's rate limit that every Indriva instance shares: one start slot per
 * request, taken from a place all instances see. A single instance needs none ({@link #NONE}); a
 * cluster uses {@link SharedRateBuckets} (a token bucket per API client in PostgreSQL).
 */
public interface SharedRate {

    SharedRate NONE = maxWaitNanos -> { };

    /**
     * Takes one start slot, waiting for it at most {@code maxWaitNanos}.
     *
     * @throws UpstreamException.Busy when the next slot is further away, with the time it is due
     */
    void take(long maxWaitNanos);
}
