package eu.indriva.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.accounting.AccountingInvoice.Payment;
import eu.indriva.accounting.PaymentKind;
import eu.indriva.sync.PaymentClassifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger's view of a claim from the invoice's payment events, event by event. */
class LedgerViewTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 10);

    private static BigDecimal m(String v) {
        return new BigDecimal(v);
    }

    private static Payment pay(String id, String type, PaymentKind kind, String amount, String description) {
        return new Payment(id, type, kind, DAY, m(amount), description);
    }

    @Test
    void paymentsBeforeTheTransferAreLeftOutAndTheRestLowerWhatIsOpen() {
        // 1,500.00 invoiced, 250.00 paid before the transfer (1,250.00 transferred); then 100.00 paid directly
        var view = LedgerView.of(m("1250.00"), m("0"), List.of(
                        pay("1", "REFERENCEPAYMENT", PaymentKind.DEBTOR_PAYMENT, "250.00", null),
                        pay("2", "REFERENCEPAYMENT", PaymentKind.DEBTOR_PAYMENT, "100.00", null)),
                Map.of("1", "PRE_TRANSFER"), Set.of(), null, List.of());
        assertThat(view.open()).isEqualByComparingTo("1150.00");
        assertThat(view.paidDirectlyAfterTransfer()).isEqualByComparingTo("100.00");
        assertThat(view.payoutMarkings()).isZero();
    }

    @Test
    void whatIndrivaDecidedWhenItSawAnEventStandsAndAnUnseenOneIsClassifiedAsTheScanWould() {
        var view = LedgerView.of(m("1250.00"), m("400.00"), List.of(
                        // seen as the agency's payout arriving on the reference
                        pay("1", "REFERENCEPAYMENT", PaymentKind.DEBTOR_PAYMENT, "400.00", null),
                        // Indriva's own marking of a payout line
                        pay("2", "BANKTRANSFERELSEWHERE", PaymentKind.OTHER, "400.00", "[Indriva] Kravia settlement 7 line 1"),
                        // unseen: a credit note
                        pay("3", "COMPENSATIONINVOICE", PaymentKind.CREDIT, "50.00", null),
                        // unseen: an adjustment, for a person; not the agency's
                        pay("4", "ADJUSTMENT", PaymentKind.OTHER, "10.00", null)),
                Map.of("1", "AGENCY_PAYOUT"), Set.of("2"), null, List.of(new PaymentClassifier.Payout(m("400.00"), DAY)));
        assertThat(view.payoutMarkings()).as("the reference payment and Indriva's marking: the line is marked twice").isEqualTo(2);
        assertThat(view.paidDirectlyAfterTransfer()).isEqualByComparingTo("50.00");
        assertThat(view.open()).isEqualByComparingTo("390.00");
    }

    @Test
    void theCreditLossIndrivaBookedIsNoPayoutMarking() {
        var view = LedgerView.of(m("1250.00"), m("0"), List.of(
                        pay("9", "CREDITLOSS", PaymentKind.OTHER, "1250.00", "[Indriva] Kravia write-off, claim 1")),
                Map.of(), Set.of(), "9", List.of());
        assertThat(view.payoutMarkings()).isZero();
        assertThat(view.open()).isEqualByComparingTo("0");
    }

    @Test
    void aDirectPaymentBeyondTheCapitalStillClaimedCountsOnlyUpToIt() {
        // 2,000.00 paid on a 1,250.00 claim of which 250.00 the agency already paid out: 1,000.00 was the agency's to hear of
        var view = LedgerView.of(m("1250.00"), m("250.00"), List.of(
                pay("1", "BANKSTATEMENT", PaymentKind.DEBTOR_PAYMENT, "2000.00", null)), Map.of(), Set.of(), null, List.of());
        assertThat(view.paidDirectlyAfterTransfer()).isEqualByComparingTo("1000.00");
        assertThat(view.open()).isEqualByComparingTo("-750.00");
    }
}
