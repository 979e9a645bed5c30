package eu.indriva.upstream;

/** A call to an accounting system or agency did not succeed. */
public abstract sealed class UpstreamException extends RuntimeException
        permits UpstreamException.Transient, UpstreamException.Permanent {

    protected UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Worth retrying later: timeouts, connection errors, 5xx, 429, an open circuit. */
    public static final class Transient extends UpstreamException {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }

        public Transient(String message) {
            this(message, null);
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
