package eu.indriva.sync;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.accounting.AccountingInvoice.Payment;
import eu.indriva.sync.PaymentClassifier.Kind;
import eu.indriva.sync.PaymentClassifier.Payout;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PaymentClassifierTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private static Payment event(String id, String type, String amount, LocalDate date, String description) {
        return new Payment(id, type, eu.indriva.accounting.procountor.ProcountorMapping.kind(type), date, new BigDecimal(amount), description);
    }

    @ParameterizedTest
    @CsvSource({
            "REFERENCEPAYMENT, DIRECT_PAYMENT", "BANKSTATEMENT, DIRECT_PAYMENT", "BANKTRANSFERELSEWHERE, DIRECT_PAYMENT",
            "ELSEWHERE, DIRECT_PAYMENT", "CASH, DIRECT_PAYMENT", "COMPENSATIONINVOICE, CREDIT_NOTE", "INVOICE_TO_INVOICE, CREDIT_NOTE",
            "ADJUSTMENT, ATTENTION", "CORRECTION, ATTENTION", "SETOFF, ATTENTION", "CREDITLOSS, ATTENTION", "NEVER_SEEN_BEFORE, ATTENTION"})
    void eachPaymentTypeHasItsKind(String type, Kind expected) {
        assertThat(PaymentClassifier.classify(event("1", type, "100.00", DAY, null), Set.of(), List.of())).isEqualTo(expected);
    }

    @Test
    void indrivasOwnEventsAreRecognisedByIdOrByMarker() {
        assertThat(PaymentClassifier.classify(event("77", "BANKTRANSFERELSEWHERE", "100.00", DAY, null), Set.of("77"), List.of()))
                .isEqualTo(Kind.OURS);
        assertThat(PaymentClassifier.classify(event("78", "BANKTRANSFERELSEWHERE", "100.00", DAY, "[Indriva] Kravia settlement 9 line 1"),
                Set.of(), List.of())).isEqualTo(Kind.OURS);
    }

    @Test
    void theAgencysPayoutIsRecognisedByAmountAndDateWithinFiveDays() {
        List<Payout> payouts = List.of(new Payout(new BigDecimal("1250.00"), DAY));
        assertThat(PaymentClassifier.classify(event("1", "REFERENCEPAYMENT", "1250.00", DAY.plusDays(5), null), Set.of(), payouts))
                .isEqualTo(Kind.AGENCY_PAYOUT);
        assertThat(PaymentClassifier.classify(event("1", "REFERENCEPAYMENT", "1250.00", DAY.plusDays(6), null), Set.of(), payouts))
                .isEqualTo(Kind.DIRECT_PAYMENT);
        assertThat(PaymentClassifier.classify(event("1", "REFERENCEPAYMENT", "1249.99", DAY, null), Set.of(), payouts))
                .isEqualTo(Kind.DIRECT_PAYMENT);
    }

    @Test
    void aPaymentCarryingThePayoutsBankReferenceIsThePayoutWhateverItsAmount() {
        // Promentor pays a whole report at once, with the reference KM<reportNo>
        List<Payout> payouts = List.of(new Payout(new BigDecimal("1000.00"), DAY, "KM5001"));
        assertThat(PaymentClassifier.classify(event("1", "REFERENCEPAYMENT", "3456.70", DAY.plusDays(2), "Promentor KM5001"), Set.of(), payouts))
                .isEqualTo(Kind.AGENCY_PAYOUT);
        assertThat(PaymentClassifier.classify(event("1", "REFERENCEPAYMENT", "3456.70", DAY.plusDays(2), "KM5002"), Set.of(), payouts))
                .isEqualTo(Kind.DIRECT_PAYMENT);
    }

    @Test
    void aReversalNeedsAPerson() {
        assertThat(PaymentClassifier.classify(event("1", "REFERENCEPAYMENT", "-100.00", DAY, null), Set.of(), List.of()))
                .isEqualTo(Kind.ATTENTION);
    }

    @Test
    void forwardingIsCappedToTheRemainingCapital() {
        assertThat(PaymentClassifier.capped(new BigDecimal("2000.00"), new BigDecimal("1250.00"))).isEqualTo(new BigDecimal("1250.00"));
        assertThat(PaymentClassifier.capped(new BigDecimal("100.00"), new BigDecimal("1250.00"))).isEqualTo(new BigDecimal("100.00"));
        assertThat(PaymentClassifier.capped(new BigDecimal("100.00"), new BigDecimal("-5.00"))).isEqualTo(new BigDecimal("0.00"));
    }
}
