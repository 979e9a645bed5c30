package eu.indriva.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.charges.LawfulCharges;
import eu.indriva.claim.CloseReason;
import eu.indriva.reconcile.ClaimComparison.Agency;
import eu.indriva.reconcile.ClaimComparison.Difference;
import eu.indriva.reconcile.ClaimComparison.Indriva;
import eu.indriva.reconcile.ClaimComparison.Kind;
import eu.indriva.reconcile.ClaimComparison.Ledger;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One claim as the ledger, Indriva and the agency see it: each kind of difference on purpose, once, with its figures. */
class ClaimComparisonTest {

    private static BigDecimal m(String v) {
        return new BigDecimal(v);
    }

    private static List<Difference> compare(Ledger ledger, Indriva indriva, Agency agency) {
        return ClaimComparison.compare("1001", "7001001", ledger, indriva, agency, List.of());
    }

    /** 1,250.00 transferred; the debtor paid 250.00 directly, forwarded; the agency holds the other 1,000.00. */
    private static final Ledger LEDGER = new Ledger(m("1000.00"), m("250.00"), 0);
    private static final Indriva INDRIVA = new Indriva(m("1250.00"), m("250.00"), m("0.00"), 0);
    private static final Agency AGENCY = new Agency(m("1000.00"), null);

    @Test
    void threeViewsThatAgreeHaveNoDifference() {
        assertThat(compare(LEDGER, INDRIVA, AGENCY)).isEmpty();
        // a cent of rounding is agreement
        assertThat(compare(LEDGER, INDRIVA, new Agency(m("1000.01"), null))).isEmpty();
        // recalled by the creditor: the invoice stays open in the ledger, rightly
        assertThat(compare(LEDGER, INDRIVA, new Agency(m("0.00"), CloseReason.WITHDRAWN))).isEmpty();
    }

    @Test
    void aDirectPaymentInTheLedgerThatWasNotForwarded() {
        List<Difference> d = compare(new Ledger(m("900.00"), m("350.00"), 0), INDRIVA, AGENCY);

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Kind.DIRECT_PAYMENT_NOT_FORWARDED);
            assertThat(x.ledger()).isEqualByComparingTo("350.00");
            assertThat(x.indriva()).isEqualByComparingTo("250.00");
            assertThat(x.action()).contains("100.00", "payment scan");
        });
    }

    @Test
    void aForwardTheAgencyDidNotApply() {
        // 250.00 forwarded, but the agency still holds all 1,250.00
        List<Difference> d = compare(LEDGER, INDRIVA, new Agency(m("1250.00"), null));

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Kind.FORWARD_NOT_APPLIED);
            assertThat(x.indriva()).isEqualByComparingTo("1000.00");
            assertThat(x.agency()).isEqualByComparingTo("1250.00");
        });
    }

    @Test
    void anAmountThatDiffersOtherwise() {
        List<Difference> d = compare(LEDGER, INDRIVA, new Agency(m("980.00"), null));

        assertThat(d).extracting(Difference::kind).containsExactly(Kind.AMOUNT_MISMATCH);
        assertThat(d.get(0).action()).contains("-20.00");
    }

    @Test
    void paidOutByTheAgencyButNotBookedInTheLedger() {
        List<Difference> d = compare(new Ledger(m("1000.00"), m("250.00"), 0), INDRIVA, new Agency(m("0.00"), CloseReason.PAID));

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Kind.PAYOUT_NOT_BOOKED);
            assertThat(x.ledger()).isEqualByComparingTo("1000.00");
            assertThat(x.indriva()).isEqualByComparingTo("0.00");
        });
    }

    @Test
    void markedPaidTwiceForOnePayoutLine() {
        List<Difference> d = compare(new Ledger(m("0.00"), m("250.00"), 2), new Indriva(m("1250.00"), m("250.00"), m("1000.00"), 1),
                new Agency(m("0.00"), CloseReason.PAID));

        assertThat(d).extracting(Difference::kind).containsExactly(Kind.BOOKED_TWICE);
        assertThat(d.get(0).ledger()).isEqualByComparingTo("2");
        assertThat(d.get(0).indriva()).isEqualByComparingTo("1");
    }

    @Test
    void closedAtTheAgencyButOpenInTheLedgerAndTheReverse() {
        List<Difference> written = compare(LEDGER, INDRIVA, new Agency(m("0.00"), CloseReason.WRITTEN_OFF));
        assertThat(written).extracting(Difference::kind).containsExactly(Kind.CLOSED_BUT_OPEN);
        assertThat(written.get(0).action()).contains("credit loss");

        List<Difference> settled = compare(new Ledger(m("0.00"), m("250.00"), 0), INDRIVA, AGENCY);
        assertThat(settled).extracting(Difference::kind).containsExactly(Kind.OPEN_BUT_CLOSED);
        assertThat(settled.get(0).agency()).isEqualByComparingTo("1000.00");
    }

    @Test
    void anOverchargeCarriesBothFigures() {
        List<Difference> d = ClaimComparison.compare("1001", "7001001", LEDGER, INDRIVA, AGENCY,
                List.of(new LawfulCharges.Overcharge("fees", m("300.00"), m("240.00"))));

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Kind.OVERCHARGE);
            assertThat(x.indriva()).isEqualByComparingTo("240.00");
            assertThat(x.agency()).isEqualByComparingTo("300.00");
        });
    }
}
