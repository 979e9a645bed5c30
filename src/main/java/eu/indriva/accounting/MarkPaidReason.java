package eu.indriva.accounting;

/** Why Indriva marks an invoice paid; each accounting system books it its own way. */
public enum MarkPaidReason {
    /** A settlement line: the agency paid the capital out to the creditor. */
    AGENCY_PAYOUT,
    /** The agency wrote the claim off: the rest is a credit loss. */
    CREDIT_LOSS
}
