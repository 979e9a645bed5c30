package eu.indriva.claim;

/** What the registration flow needs to know about a claim's progress. */
public record ClaimState(
        String tenantId,
        String invoiceId,
        ClaimStatus status,
        boolean manual,
        String dispatchKey,
        int attempts,
        String agencyClaimId,
        boolean attachmentDone,
        boolean noteDone) {

    /** This claim as it is once the agency has it (not yet recorded). */
    public ClaimState registeredAs(String agencyClaimId) {
        return new ClaimState(tenantId, invoiceId, ClaimStatus.REGISTERED, manual, dispatchKey, attempts, agencyClaimId,
                attachmentDone, noteDone);
    }
}
