package eu.indriva.claim;

/** Why the agency closed a claim, in the same words for every agency. */
public enum CloseReason {
    PAID,
    CREDITED,
    /** Recalled by the creditor. */
    WITHDRAWN,
    /** Given up as unrecoverable; may be booked as a credit loss (policy {@code bookCreditLosses}). */
    WRITTEN_OFF
}
