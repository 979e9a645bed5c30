package eu.indriva.upstream;

import java.time.Duration;

/** Exponential back-off: initial × 2^(attempt-1), capped. */
public record Backoff(Duration initial, Duration max) {

    /** The delay before attempt number {@code attempt + 1}, after {@code attempt} failures (attempt ≥ 1). */
    public Duration delayAfter(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = initial.toMillis();
        long delayed = millis << shift;
        if (shift > 0 && (delayed >> shift) != millis) {
            return max;
        }
        Duration d = Duration.ofMillis(delayed);
        return d.compareTo(max) > 0 ? max : d;
    }
}
