package eu.indriva.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling an upstream after {@code threshold} consecutive failures, for {@code openFor};
 * then lets one trial call through (half-open): its success closes the circuit, its failure
 * opens it again. Callers that are refused get a {@link UpstreamException.Busy} that says when
 * the next trial is due: a refusal is not an attempt at the upstream, so queued work waits for
 * that time instead of spending its retries on refusals.
 */
public final class CircuitBreaker {

    private final String name;
    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil;
    private boolean trialInFlight;

    public CircuitBreaker(String name, int threshold, Duration openFor, Clock clock) {
        this.name = name;
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    public synchronized void acquire() {
        if (openUntil == null) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            throw new UpstreamException.Busy("circuit open for " + name + " after " + consecutiveFailures
                    + " consecutive failures; next try after " + openUntil, openUntil);
        }
        if (trialInFlight) {
            // the trial's answer decides; ask again a moment later
            throw new UpstreamException.Busy("circuit half-open for " + name + ": a trial call is in flight",
                    now.plus(TRIAL_WAIT));
        }
        trialInFlight = true;
    }

    /** How long a caller refused during a half-open trial waits before asking again. */
    static final Duration TRIAL_WAIT = Duration.ofSeconds(1);

    public synchronized void success() {
        consecutiveFailures = 0;
        openUntil = null;
        trialInFlight = false;
    }

    public synchronized void failure() {
        consecutiveFailures++;
        trialInFlight = false;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
    }

    /**
     * The call ended without saying anything about the upstream (interrupted, or failed before it
     * was sent): counts neither way, but frees a half-open trial so that the next caller may try.
     */
    public synchronized void abandon() {
        trialInFlight = false;
    }

    public synchronized boolean isOpen() {
        return openUntil != null && clock.instant().isBefore(openUntil);
    }

    public String name() {
        return name;
    }
}
