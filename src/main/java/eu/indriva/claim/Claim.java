package eu.indriva.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A claim as the admin API shows it (indriva-api.yaml, Claim). */
public record Claim(
        String tenantId,
        String invoiceId,
        String invoiceNumber,
        String customerNumber,
        ClaimStatus status,
        String reason,
        String agencyClaimId,
        String agencyStatus,
        String closeReason,
        BigDecimal amount,
        String currency,
        LocalDate dueDate,
        Instant transferredAt,
        Instant updatedAt,
        String needsAttention,
        List<HistoryEntry> history) {

    public record HistoryEntry(Instant at, String event, String detail) {}
}
