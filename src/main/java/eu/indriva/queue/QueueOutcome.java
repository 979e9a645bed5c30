package eu.indriva.queue;

/**
 * What became of one message from a work queue: done, or send {@code next} again later. Getters,
 * so Camel's simple language can read it (the routes test "${body.rescheduled}", a boolean:
 * comparing an enum with a string made Camel search its type converters on every message).
 */
public final class QueueOutcome {

    private static final QueueOutcome DONE = new QueueOutcome(null, 0);

    private final Object next;
    private final long deliverAt;

    private QueueOutcome(Object next, long deliverAt) {
        this.next = next;
        this.deliverAt = deliverAt;
    }

    public static QueueOutcome done() {
        return DONE;
    }

    /** Send {@code next} again, not before {@code deliverAtEpochMillis}. */
    public static QueueOutcome retry(Object next, long deliverAtEpochMillis) {
        if (next == null) {
            throw new IllegalArgumentException("a retry needs the message to send again");
        }
        return new QueueOutcome(next, deliverAtEpochMillis);
    }

    /** True when {@code next} is to be sent again ("retry" would clash with the factory method in simple). */
    public boolean isRescheduled() {
        return next != null;
    }

    public Object getNext() {
        return next;
    }

    public long getDeliverAt() {
        return deliverAt;
    }

    @Override
    public String toString() {
        return next == null ? "done" : "retry " + next + " at " + deliverAt;
    }
}
