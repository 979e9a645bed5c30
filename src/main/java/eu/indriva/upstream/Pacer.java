package eu.indriva.upstream;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Admission of queued work for one rate-limited upstream client (one Procountor API client): at
 * most one item every {@code spacing} and at most {@code maxInFlight} at once. An item that may
 * not start now is given a start time of its own (a booked slot, one {@code spacing} after the
 * last one booked), so the consumer re-schedules the message for that time and goes on with
 * other tenants' work instead of waiting. Booked items come back in booking order, one per
 * slot, and are let in on their slot without queueing again: each item is re-scheduled about
 * once, however long the tenant's backlog; an item booked with {@link #book()} as it is queued
 * is delivered on its slot and not re-scheduled at all.
 *
 * <p>The pace is kept a little under the client's limit, so that the items admitted find room
 * in the {@link SlidingWindowRateLimiter} (which still guards every request) and the poll's own
 * requests fit beside them. The in-flight cap keeps a tenant whose upstream turns slow from
 * occupying more than its share of the consumers. State is in memory: after a restart every
 * item is simply admitted again at the pace.
 */
public final class Pacer {

    /** An item booked for a slot this close ahead (broker scheduling is coarse) is let in now. */
    public static final long TOLERANCE_MS = 25;

    private final long spacingMicros;
    private final int maxInFlight;
    private final LongSupplier clockMillis;
    /** The earliest start (epoch micros) that is not yet given to an item. */
    private long nextFreeMicros;
    private int inFlight;

    public Pacer(Duration spacing, int maxInFlight, LongSupplier clockMillis) {
        if (spacing.isNegative() || maxInFlight < 1) {
            throw new IllegalArgumentException("a pacer needs a spacing >= 0 and at least one item in flight");
        }
        this.spacingMicros = spacing.toNanos() / 1000;
        this.maxInFlight = maxInFlight;
        this.clockMillis = clockMillis;
    }

    /**
     * A pacer for {@code requestsPerSecond} requests of which each item makes about
     * {@code requestsPerItem}, keeping {@code headroom} (0.1 = 10 %) of the limit for other work;
     * at most one second's worth of items in flight.
     */
    public static Pacer forLimit(int requestsPerSecond, int requestsPerItem, double headroom, LongSupplier clockMillis) {
        double itemsPerSecond = requestsPerSecond * (1 - headroom) / requestsPerItem;
        Duration spacing = Duration.ofNanos((long) (1_000_000_000L / itemsPerSecond));
        int inFlight = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(itemsPerSecond)));
        return new Pacer(spacing, inFlight, clockMillis);
    }

    /**
     * May the item start now?
     *
     * @param bookedAt the slot the item was given earlier (epoch ms), or 0
     * @return 0 when it may start (call {@link #done()} when it ends), else the epoch ms at which
     *         to deliver it again: its slot
     */
    public synchronized long admit(long bookedAt) {
        long now = clockMillis.getAsLong();
        long nowMicros = now * 1000;
        long toleranceMicros = TOLERANCE_MS * 1000;
        if (inFlight < maxInFlight) {
            if (bookedAt > 0 && bookedAt <= now + TOLERANCE_MS) {
                inFlight++;
                return 0;
            }
            if (nextFreeMicros <= nowMicros + toleranceMicros) {
                nextFreeMicros = Math.max(nowMicros, nextFreeMicros) + spacingMicros;
                inFlight++;
                return 0;
            }
        }
        // a slot of its own; when the tenant is at its in-flight cap, no sooner than one spacing from now
        long slot = Math.max(nextFreeMicros, inFlight >= maxInFlight ? nowMicros + Math.max(spacingMicros, 1000) : nowMicros);
        nextFreeMicros = slot + spacingMicros;
        return Math.max(now + 1, (slot + 999) / 1000);
    }

    /**
     * Books the next free slot for an item about to be queued, so that it is delivered on its
     * slot and starts then without being re-scheduled (the poll books a page's tickets as it
     * queues them).
     *
     * @return the slot, epoch ms (now when the pace has room now)
     */
    public synchronized long book() {
        long nowMicros = clockMillis.getAsLong() * 1000;
        long slot = Math.max(nextFreeMicros, nowMicros);
        nextFreeMicros = slot + spacingMicros;
        return (slot + 999) / 1000;
    }

    /** An admitted item ended (done, failed or re-scheduled). */
    public synchronized void done() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public Duration spacing() {
        return Duration.ofNanos(spacingMicros * 1000);
    }

    public int maxInFlight() {
        return maxInFlight;
    }
}
