package eu.indriva.claim;

/**
 * Where a claim is in its life at the agency, in the same words for every agency (the Claim's
 * {@code stage} in indriva-api.yaml). Each agency adapter maps its own statuses onto these and
 * keeps its own word alongside ({@link eu.indriva.agency.AgencyCase#status()}).
 */
public enum ClaimStage {
    /** The agency sent the invoice itself (invoice service). */
    INVOICED,
    REMINDER,
    /** A collection demand (inkassokrav) was sent. */
    COLLECTION,
    PAYMENT_PLAN,
    /** At the enforcement authority (Kronofogden). */
    LEGAL,
    /** Long-term post-collection monitoring (efterbevakning). */
    SURVEILLANCE,
    PAUSED,
    DISPUTED,
    /** Finished; see {@link CloseReason}. */
    CLOSED
}
