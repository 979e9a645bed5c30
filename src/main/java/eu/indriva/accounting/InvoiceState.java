package eu.indriva.accounting;

/**
 * Where a sales invoice is in the accounting system, in the same words for every system; each
 * adapter maps its own statuses onto these and keeps its own word beside them for messages.
 */
public enum InvoiceState {
    /** Sent to the debtor, nothing paid. */
    OPEN,
    PARTLY_PAID,
    /** Paid or marked paid in full. */
    PAID,
    /** Invalidated or deleted after it was sent: a claim for it must be recalled. */
    VOID,
    /** Not sent yet (a draft, unfinished). */
    NOT_SENT,
    /** A status this connector does not know: treated as not open. */
    OTHER;

    /** Whether the debtor still owes on it and it may become a claim. */
    public boolean open() {
        return this == OPEN || this == PARTLY_PAID;
    }
}
