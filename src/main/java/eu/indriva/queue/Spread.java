package eu.indriva.queue;

import java.time.Duration;

/**
 * How many runs a scheduler may start per tick so that many tenants' runs are spread over their
 * interval instead of all starting at once: what the intervals ask for on average, a quarter more
 * so that a backlog (a first start with thousands of tenants due) drains, and at least one.
 * Each tenant's next run is then one interval after its own start, so the spread lasts.
 */
public final class Spread {

    private Spread() {}

    /** @param runsPerSecond the sum over the tenants of 1 / interval */
    public static int perTick(double runsPerSecond, Duration tick) {
        double perTick = runsPerSecond * tick.toMillis() / 1000.0 * 1.25;
        return (int) Math.min(100_000, Math.ceil(perTick)) + 1;
    }
}
