package eu.indriva.agency;

import eu.indriva.claim.ClaimStage;
import eu.indriva.claim.CloseReason;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A claim as the agency sees it now.
 *
 * @param lastUpdated the agency's last change, UTC; orders answers that arrive out of order
 * @param status the agency's own word for where the claim is (Kravia: Registered, Reminder, DebtCollection, ...), kept as it
 *        was said
 * @param stage the same in the words of every agency; null when the agency's word names no stage (Kravia's Registered:
 *        accepted, nothing sent yet) or is one Indriva does not know
 * @param closeReason why a closed claim was closed; null while open (or not said)
 * @param availableActions what the creditor may ask for now
 */
public record AgencyCase(
        String agencyClaimId,
        String accountingInvoiceId,
        String status,
        ClaimStage stage,
        CloseReason closeReason,
        LocalDateTime lastUpdated,
        String currency,
        BigDecimal originalCapital,
        BigDecimal outstandingCapital,
        BigDecimal outstandingInterest,
        BigDecimal outstandingFees,
        List<AgencyAction> availableActions) {

    public boolean closed() {
        return stage == ClaimStage.CLOSED;
    }
}
