package eu.indriva.claim;

/** See indriva-api.yaml: the claim's life inside Indriva. */
public enum ClaimStatus {
    /** Selected; not yet accepted by the agency. */
    PENDING,
    /** The agency has it. */
    REGISTERED,
    /** Will not be sent as it is (validation or a permanent agency error). */
    REJECTED,
    /** Transient errors exhausted (dead-lettered); can be retried. */
    FAILED,
    /** The agency closed it. */
    CLOSED
}
