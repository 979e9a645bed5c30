package eu.indriva.agency;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A claim as the agency sees it now (Kravia: GET /api/v2/invoice/{id}/details).
 *
 * @param lastUpdated the agency's last change, UTC; orders answers that arrive out of order
 * @param status the agency's own status (Registered, Reminder, DebtCollection, Legal, Surveillance, Paused, Disputed, Closed)
 * @param closeReason Paid, Credited, Withdrawn, WrittenOff; null while open
 */
public record AgencyCase(
        String agencyClaimId,
        String accountingInvoiceId,
        String status,
        String closeReason,
        LocalDateTime lastUpdated,
        String currency,
        BigDecimal originalCapital,
        BigDecimal outstandingCapital,
        BigDecimal outstandingInterest,
        BigDecimal outstandingFees,
        List<String> availableActions) {

    public boolean closed() {
        return "Closed".equals(status);
    }
}
