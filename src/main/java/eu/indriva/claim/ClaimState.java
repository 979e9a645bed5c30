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
        boolean noteDone) {}
