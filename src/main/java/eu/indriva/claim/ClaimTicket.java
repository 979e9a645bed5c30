package eu.indriva.claim;

/**
 * The message on the registration queue. It names the claim and the dispatch it belongs to;
 * all other state is read from the database, so a late or repeated ticket cannot act on stale data.
 *
 * @param attempt how many times registration was already tried for this dispatch
 * @param bookedAt the start slot (epoch ms) its tenant's pacer gave it, or 0: a ticket delivered on
 *                 its slot starts without queueing for the tenant's pace again
 */
public record ClaimTicket(String tenantId, String invoiceId, String dispatchKey, int attempt, long bookedAt) {

    public ClaimTicket(String tenantId, String invoiceId, String dispatchKey, int attempt) {
        this(tenantId, invoiceId, dispatchKey, attempt, 0);
    }

    /** The next attempt after a failure. */
    public ClaimTicket next() {
        return new ClaimTicket(tenantId, invoiceId, dispatchKey, attempt + 1, 0);
    }

    /** The same attempt, to start at {@code slot}: waiting for a slot is not an attempt. */
    public ClaimTicket bookedFor(long slot) {
        return new ClaimTicket(tenantId, invoiceId, dispatchKey, attempt, slot);
    }

    /** The broker's duplicate-detection id of a first send. */
    public String duplicateId() {
        return tenantId + "/" + invoiceId + "/" + dispatchKey;
    }
}
