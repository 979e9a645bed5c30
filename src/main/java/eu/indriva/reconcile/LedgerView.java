package eu.indriva.reconcile;

import eu.indriva.accounting.AccountingInvoice.Payment;
import eu.indriva.sync.PaymentClassifier;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger's view of one claim (issue 14), from the invoice's payment events as the accounting system
 * lists them now: each event is what Indriva decided it was when it saw it, or, when the payment scan
 * has not seen it yet, what it would decide ({@link PaymentClassifier}). Payments from before the
 * transfer are not the agency's business and are left out.
 */
public final class LedgerView {

    private LedgerView() {}

    /**
     * @param transferred the capital Indriva transferred
     * @param paidOut the capital of the agency's payout lines Indriva booked
     * @param recorded what Indriva decided about each event it saw, by event id ({@link PaymentClassifier.Kind} names, or PRE_TRANSFER)
     * @param ourEvents the ledger events Indriva itself created (settlement lines, the credit loss)
     * @param creditLossEventId the credit loss Indriva booked, if any: not a payout marking
     * @param payouts the agency's payout lines for the claim Indriva knows
     */
    public static ClaimComparison.Ledger of(BigDecimal transferred, BigDecimal paidOut, List<Payment> events, Map<String, String> recorded,
                                           Set<String> ourEvents, String creditLossEventId, List<PaymentClassifier.Payout> payouts) {
        Set<String> ours = new HashSet<>(ourEvents);
        if (creditLossEventId != null) {
            ours.add(creditLossEventId);
        }
        BigDecimal afterTransfer = BigDecimal.ZERO;
        BigDecimal direct = BigDecimal.ZERO;
        int markings = 0;
        for (Payment e : events) {
            String kind = recorded.get(e.id());
            if ("PRE_TRANSFER".equals(kind)) {
                continue;
            }
            if (kind == null) {
                kind = PaymentClassifier.classify(e, ours, payouts).name();
            }
            BigDecimal amount = e.amount() == null ? BigDecimal.ZERO : e.amount();
            afterTransfer = afterTransfer.add(amount);
            switch (kind) {
                case "OURS" -> markings += e.id().equals(creditLossEventId) ? 0 : 1;
                case "AGENCY_PAYOUT" -> markings++;
                case "DIRECT_PAYMENT", "CREDIT_NOTE" -> direct = direct.add(amount);
                default -> { } // left for a person when it was seen (the claim says so); not the agency's to know
            }
        }
        // a payment beyond the capital still claimed was forwarded capped: the rest was never the agency's
        BigDecimal claimable = transferred.subtract(paidOut).max(BigDecimal.ZERO);
        return new ClaimComparison.Ledger(transferred.subtract(afterTransfer), direct.min(claimable), markings);
    }
}
