package eu.indriva.upstream;

/** A call to an accounting system or agency did not succeed. */
public abstract sealed class UpstreamException extends RuntimeException
        permits UpstreamException.Transient, UpstreamException.Permanent {

    protected UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Worth retrying later: timeouts, connection errors, 5xx, 429, an open circuit. */
    public static sealed class Transient extends UpstreamException permits Busy {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }

        public Transient(String message) {
            this(message, null);
        }
    }

    /**
     * Not sent at all: the upstream may not be called before {@code until} (its circuit is open, or
     * its rate limit or a 429 pause would make the caller wait longer than it may hold a thread).
     * Nothing failed at the upstream, so a flow that can come back later does so at {@code until}
     * without counting an attempt; a flow that cannot treats it like any other transient error.
     */
    public static final class Busy extends Transient {
        private final java.time.Instant until;

        public Busy(String message, java.time.Instant until) {
            super(message, null);
            this.until = until;
        }

        /** The earliest time a call may succeed in being sent. */
        public java.time.Instant until() {
            return until;
        }
    }

    /** Retrying the same request will not help: the data or the configuration must change. */
    public static final class Permanent extends UpstreamException {
        private final int status;

        public Permanent(int status, String message) {
            super(message, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
