package eu.indriva.claim;

/**
 * The message on the registration queue. It names the claim and the dispatch it belongs to;
 * all other state is read from the database, so a late or repeated ticket cannot act on stale data.
 *
 * @param attempt how many times registration was already tried for this dispatch
 */
public record ClaimTicket(String tenantId, String invoiceId, String dispatchKey, int attempt) {

    public ClaimTicket next() {
        return new ClaimTicket(tenantId, invoiceId, dispatchKey, attempt + 1);
    }

    /** The broker's duplicate-detection id of a first send. */
    public String duplicateId() {
        return tenantId + "/" + invoiceId + "/" + dispatchKey;
    }
}
