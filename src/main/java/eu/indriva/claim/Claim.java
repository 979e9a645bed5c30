package eu.indriva.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A claim as the admin API shows it (indriva-api.yaml, Claim). Beside the transferred {@code amount}:
 * what is {@code outstanding} at the agency (as last read), the direct payments and credit notes
 * Indriva forwarded to the agency (confirmed ones), and the capital the agency paid out for it
 * (settlement lines booked into the ledger). Amounts Indriva has none of are 0.
 *
 * <p>{@code agency} is the system id of the agency holding the claim (for a claim not yet at an
 * agency, the tenant's); {@code stage} and {@code closeReason} are the same words for every agency,
 * {@code agencyStatus} the agency's own.
 */
public record Claim(
        String tenantId,
        String invoiceId,
        String invoiceNumber,
        String customerNumber,
        ClaimStatus status,
        String reason,
        String agency,
        String agencyClaimId,
        String agencyStatus,
        ClaimStage stage,
        String closeReason,
        BigDecimal amount,
        String currency,
        LocalDate dueDate,
        Instant transferredAt,
        Instant updatedAt,
        String needsAttention,
        Outstanding outstanding,
        BigDecimal forwardedPayments,
        BigDecimal forwardedCreditNotes,
        BigDecimal paidOutByAgency,
        ClaimDebtor debtor,
        List<HistoryEntry> history) {

    /** Who the claim is against; the identifier masked when personal ({@code 19811218-****}). Null before validation. */
    public record ClaimDebtor(String name, String identifier, String type, String country) {}

    public record HistoryEntry(Instant at, String event, String detail) {}

    /** This claim, with the agency that will hold it when it names none yet. */
    public Claim withAgencyIfNone(String system) {
        return agency != null ? this : new Claim(tenantId, invoiceId, invoiceNumber, customerNumber, status, reason, system,
                agencyClaimId, agencyStatus, stage, closeReason, amount, currency, dueDate, transferredAt, updatedAt, needsAttention,
                outstanding, forwardedPayments, forwardedCreditNotes, paidOutByAgency, debtor, history);
    }

    /** What the agency says is still owed (capital, interest, fees), as last read; null before it was read. */
    public record Outstanding(BigDecimal capital, BigDecimal interest, BigDecimal fees) {}
}
