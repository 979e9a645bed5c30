package eu.indriva.queue;

/** What became of one message from a work queue: done, or send {@code next} again later. Getters, so Camel's simple language can read it. */
public final class QueueOutcome {

    public enum Kind { DONE, RETRY }

    private final Kind kind;
    private final Object next;
    private final long deliverAt;

    private QueueOutcome(Kind kind, Object next, long deliverAt) {
        this.kind = kind;
        this.next = next;
        this.deliverAt = deliverAt;
    }

    public static QueueOutcome done() {
        return new QueueOutcome(Kind.DONE, null, 0);
    }

    /** Send {@code next} again, not before {@code deliverAtEpochMillis}. */
    public static QueueOutcome retry(Object next, long deliverAtEpochMillis) {
        return new QueueOutcome(Kind.RETRY, next, deliverAtEpochMillis);
    }

    public Kind getKind() {
        return kind;
    }

    /** For the routes' filter ("${body.rescheduled}"; not "retry", the name of the factory method): a boolean, because comparing the enum with a string makes Camel search its type converters on every message. */
    public boolean isRescheduled() {
        return kind == Kind.RETRY;
    }

    public Object getNext() {
        return next;
    }

    public long getDeliverAt() {
        return deliverAt;
    }

    @Override
    public String toString() {
        return kind == Kind.DONE ? "done" : "retry " + next + " at " + deliverAt;
    }
}
