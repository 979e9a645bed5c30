package eu.indriva.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.claim.CloseReason;
import eu.indriva.reconcile.PeriodTotals.ClaimRecord;
import eu.indriva.reconcile.PeriodTotals.Movement;
import eu.indriva.reconcile.PeriodTotals.MovementType;
import eu.indriva.reconcile.PeriodTotals.Totals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The period's equation, figure by figure, on claims whose history is written out in each test. */
class PeriodTotalsTest {

    private static final LocalDate OCT_31 = LocalDate.of(2026, 10, 31);
    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);

    private static BigDecimal m(String v) {
        return new BigDecimal(v);
    }

    private static Movement move(int novemberDay, MovementType type, String amount) {
        return new Movement(LocalDate.of(2026, 11, novemberDay), type, m(amount));
    }

    private static Totals only(PeriodTotals p) {
        assertThat(p.totals()).hasSize(1);
        return p.totals().get(0);
    }

    @Test
    void theMonthToTheDayIsThePeriod() {
        PeriodTotals p = PeriodTotals.monthTo(LocalDate.of(2026, 11, 17));
        assertThat(p.first()).isEqualTo(NOV_1);
        assertThat(p.last()).isEqualTo(LocalDate.of(2026, 11, 17));
        assertThatThrownBy(() -> new PeriodTotals(NOV_30, NOV_1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClaimFromBeforeThePeriodOpensWithWhatWasLeftAndClosesWithTheAgencysFigure() {
        // 1,250.00 transferred in October, 250.00 paid directly on 20 October: 1,000.00 open on 1 November.
        // In November the agency pays out 400.00 (10th) and 100.00 is credited (12th): 500.00 left, as the agency says.
        PeriodTotals p = new PeriodTotals(NOV_1, NOV_30);
        p.add(new ClaimRecord("SEK", m("1250.00"), LocalDate.of(2026, 10, 5), null, null, List.of(
                new Movement(LocalDate.of(2026, 10, 20), MovementType.PAID_DIRECTLY, m("250.00")),
                move(10, MovementType.PAID_OUT, "400.00"), move(12, MovementType.CREDITED, "100.00"))), m("500.00"));

        Totals t = only(p);
        assertThat(t.opening()).isEqualByComparingTo("1000.00");
        assertThat(t.transferred()).isEqualByComparingTo("0");
        assertThat(t.collected()).isEqualByComparingTo("400.00");
        assertThat(t.credited()).isEqualByComparingTo("100.00");
        assertThat(t.closing()).isEqualByComparingTo("500.00");
        // 1,000 + 0 - 400 - 100 - 0 - 0 = 500
        assertThat(t.expectedClosing()).isEqualByComparingTo("500.00");
        assertThat(t.holds()).isTrue();
    }

    @Test
    void aDirectPaymentTheAgencyLostBreaksTheEquationByItsAmount() {
        // transferred 3 November 2,000.00; 300.00 forwarded on the 9th; the agency still says 2,000.00
        PeriodTotals p = new PeriodTotals(NOV_1, NOV_30);
        p.add(new ClaimRecord("SEK", m("2000.00"), LocalDate.of(2026, 11, 3), null, null,
                List.of(move(9, MovementType.PAID_DIRECTLY, "300.00"))), m("2000.00"));

        Totals t = only(p);
        assertThat(t.transferred()).isEqualByComparingTo("2000.00");
        assertThat(t.collected()).isEqualByComparingTo("300.00");
        assertThat(t.expectedClosing()).isEqualByComparingTo("1700.00");
        assertThat(t.closing()).isEqualByComparingTo("2000.00");
        assertThat(t.holds()).isFalse();
    }

    @Test
    void closesInThePeriodCountAsWrittenOffRecalledOrCreditedWithWhatWasLeft() {
        PeriodTotals p = new PeriodTotals(NOV_1, NOV_30);
        // 800.00 from September, 100.00 collected on 5 November, written off on the 20th: 700.00 written off
        p.add(new ClaimRecord("EUR", m("800.00"), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 20), CloseReason.WRITTEN_OFF,
                List.of(move(5, MovementType.PAID_OUT, "100.00"))), null);
        // 300.00 transferred on the 2nd, withdrawn on the 4th
        p.add(new ClaimRecord("EUR", m("300.00"), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 4), CloseReason.WITHDRAWN,
                List.of()), null);
        // 150.00 from October, credited away by the agency on the 8th
        p.add(new ClaimRecord("EUR", m("150.00"), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 11, 8), CloseReason.CREDITED,
                List.of()), null);
        // 90.00 paid in full on the 15th
        p.add(new ClaimRecord("EUR", m("90.00"), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 11, 15), CloseReason.PAID,
                List.of(move(15, MovementType.PAID_OUT, "90.00"))), null);

        Totals t = only(p);
        assertThat(t.claims()).isEqualTo(4);
        // opening 800 + 150 + 90 = 1,040; transferred 300
        assertThat(t.opening()).isEqualByComparingTo("1040.00");
        assertThat(t.transferred()).isEqualByComparingTo("300.00");
        assertThat(t.collected()).isEqualByComparingTo("190.00");
        assertThat(t.writtenOff()).isEqualByComparingTo("700.00");
        assertThat(t.recalled()).isEqualByComparingTo("300.00");
        assertThat(t.credited()).isEqualByComparingTo("150.00");
        // 1,040 + 300 - 190 - 150 - 700 - 300 = 0
        assertThat(t.closing()).isEqualByComparingTo("0");
        assertThat(t.holds()).isTrue();
    }

    @Test
    void aPaidClaimWhosePayoutIsNotBookedLeavesTheEquationOpenByItsCapital() {
        PeriodTotals p = new PeriodTotals(NOV_1, NOV_30);
        p.add(new ClaimRecord("SEK", m("1250.00"), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 11, 15), CloseReason.PAID, List.of()), null);
        Totals t = only(p);
        assertThat(t.expectedClosing()).isEqualByComparingTo("1250.00");
        assertThat(t.closing()).isEqualByComparingTo("0");
        assertThat(t.holds()).isFalse();
    }

    @Test
    void movementsAfterThePeriodAreAddedBackToTheAgencysLaterFigure() {
        // a reconciliation of November read on 5 December: 200.00 was paid out on 2 December, so the agency's
        // 800.00 today was 1,000.00 on 30 November
        PeriodTotals p = new PeriodTotals(NOV_1, NOV_30);
        p.add(new ClaimRecord("SEK", m("1000.00"), LocalDate.of(2026, 10, 2), null, null,
                List.of(new Movement(LocalDate.of(2026, 12, 2), MovementType.PAID_OUT, m("200.00")))), m("800.00"));
        Totals t = only(p);
        assertThat(t.closing()).isEqualByComparingTo("1000.00");
        assertThat(t.collected()).isEqualByComparingTo("0");
        assertThat(t.holds()).isTrue();
    }

    @Test
    void claimsOutsideThePeriodAreLeftOutAndCurrenciesKeptApart() {
        PeriodTotals p = new PeriodTotals(NOV_1, NOV_30);
        p.add(new ClaimRecord("SEK", m("100.00"), LocalDate.of(2026, 12, 1), null, null, List.of()), m("100.00"));
        p.add(new ClaimRecord("SEK", m("100.00"), LocalDate.of(2026, 9, 1), OCT_31, CloseReason.PAID,
                List.of(new Movement(OCT_31, MovementType.PAID_OUT, m("100.00")))), null);
        assertThat(p.totals()).isEmpty();

        p.add(new ClaimRecord("SEK", m("100.00"), NOV_1, null, null, List.of()), m("100.00"));
        p.add(new ClaimRecord("EUR", m("40.00"), NOV_1, null, null, List.of()), m("40.00"));
        assertThat(p.totals()).extracting(Totals::currency).containsExactly("EUR", "SEK");
        assertThat(p.totals()).allMatch(Totals::holds);
    }

    @Test
    void roundingIsForgivenToACentPerClaimAndNoMore() {
        PeriodTotals p = new PeriodTotals(NOV_1, NOV_30);
        p.add(new ClaimRecord("SEK", m("100.00"), NOV_1, null, null, List.of()), m("100.01"));
        p.add(new ClaimRecord("SEK", m("100.00"), NOV_1, null, null, List.of()), m("100.01"));
        assertThat(only(p).holds()).isTrue();
        p.add(new ClaimRecord("SEK", m("100.00"), NOV_1, null, null, List.of()), m("100.02"));
        assertThat(only(p).holds()).isFalse();
    }
}
