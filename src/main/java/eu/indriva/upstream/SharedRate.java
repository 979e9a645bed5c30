package eu.indriva.upstream;

/**
 * The part of an upstream's rate limit that every Indriva instance shares: each request takes a
 * place in a window all instances see, and gives it back (to age out) when its answer arrived. A
 * single instance needs none ({@link #NONE}); a cluster uses {@link SharedWindow} (PostgreSQL).
 */
public interface SharedRate {

    /** A request's place in the shared window: closed when its answer arrived (or it failed). */
    interface Place extends AutoCloseable {
        @Override
        void close();
    }

    SharedRate NONE = maxWaitNanos -> () -> { };

    /**
     * Takes a place for one request, waiting for it at most {@code maxWaitNanos}.
     *
     * @throws UpstreamException.Busy when no place frees up in time, with the time to come back
     */
    Place take(long maxWaitNanos);
}
