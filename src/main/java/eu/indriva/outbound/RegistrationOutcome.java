package eu.indriva.outbound;

import eu.indriva.claim.ClaimTicket;

/** What became of one ticket from the registration queue. Getters, so Camel's simple language can read it. */
public final class RegistrationOutcome {

    public enum Kind { DONE, RETRY }

    private final Kind kind;
    private final ClaimTicket next;
    private final long deliverAt;

    private RegistrationOutcome(Kind kind, ClaimTicket next, long deliverAt) {
        this.kind = kind;
        this.next = next;
        this.deliverAt = deliverAt;
    }

    public static RegistrationOutcome done() {
        return new RegistrationOutcome(Kind.DONE, null, 0);
    }

    /** Send {@code next} again, not before {@code deliverAtEpochMillis}. */
    public static RegistrationOutcome retry(ClaimTicket next, long deliverAtEpochMillis) {
        return new RegistrationOutcome(Kind.RETRY, next, deliverAtEpochMillis);
    }

    public Kind getKind() {
        return kind;
    }

    public ClaimTicket getNext() {
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
