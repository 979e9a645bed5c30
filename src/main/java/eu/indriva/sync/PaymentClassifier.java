package eu.indriva.sync;

import eu.indriva.accounting.AccountingInvoice.Payment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;

/**
 * What a payment event on a transferred invoice is, and so what Indriva does with it
 * (issue "keep both sides in step"). Plain code with its own unit tests.
 */
public final class PaymentClassifier {

    /** Days between an agency payout and its arrival on the invoice's own reference. */
    static final int PAYOUT_DAYS = 5;

    private PaymentClassifier() {}

    public enum Kind {
        /** Indriva's own markpaid (settlement line or credit loss): nothing. */
        OURS,
        /** The agency's payout arriving on the invoice's reference: never reported back. */
        AGENCY_PAYOUT,
        /** The debtor paid the creditor: forwarded as a direct payment. */
        DIRECT_PAYMENT,
        /** A credit note allocated to the invoice: forwarded as a credit. */
        CREDIT_NOTE,
        /** Not forwarded; a person should look (adjustment, correction, set-off, credit loss, unknown, a reversal). */
        ATTENTION
    }

    /**
     * A payout line of the agency for this claim: its capital, the settlement date, and the reference
     * the payout carries in the bank (Promentor: KM&lt;reportNo&gt;), or null.
     */
    public record Payout(BigDecimal capital, LocalDate date, String bankReference) {

        public Payout(BigDecimal capital, LocalDate date) {
            this(capital, date, null);
        }
    }

    public static Kind classify(Payment event, Set<String> ourEventIds, Collection<Payout> payoutsOfThisClaim) {
        if (ourEventIds.contains(event.id()) || (event.description() != null && event.description().contains("[Indriva]"))) {
            return Kind.OURS;
        }
        if (event.description() != null && payoutsOfThisClaim.stream().anyMatch(p -> p.bankReference() != null
                && !p.bankReference().isBlank() && event.description().contains(p.bankReference()))) {
            // it carries the payout's own bank reference, whatever its amount (one payment for a whole report)
            return Kind.AGENCY_PAYOUT;
        }
        if (event.amount() != null && event.date() != null && payoutsOfThisClaim.stream().anyMatch(p ->
                p.capital().compareTo(event.amount()) == 0 && Math.abs(ChronoUnit.DAYS.between(p.date(), event.date())) <= PAYOUT_DAYS)) {
            return Kind.AGENCY_PAYOUT;
        }
        if (event.amount() == null || event.amount().signum() <= 0) {
            return Kind.ATTENTION;
        }
        return switch (event.kind() == null ? eu.indriva.accounting.PaymentKind.OTHER : event.kind()) {
            case DEBTOR_PAYMENT -> Kind.DIRECT_PAYMENT;
            case CREDIT -> Kind.CREDIT_NOTE;
            case OTHER -> Kind.ATTENTION;
        };
    }

    /** What may be forwarded: never more than the capital the agency still claims. */
    public static BigDecimal capped(BigDecimal amount, BigDecimal remainingCapital) {
        BigDecimal remaining = remainingCapital.signum() < 0 ? BigDecimal.ZERO : remainingCapital;
        return amount.min(remaining).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
