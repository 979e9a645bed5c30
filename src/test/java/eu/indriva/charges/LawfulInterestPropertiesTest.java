package eu.indriva.charges;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.debtor.DebtorType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Properties of the lawful maximum interest, over claims drawn by jqwik: due dates through 2026 and
 * 2027 (SE, FI and both kinds of debtor), any capital from a cent to ten million, up to 540 days,
 * with or without a part payment (the test table has rates to the end of 2029).
 */
class LawfulInterestPropertiesTest {

    static final ReferenceRates RATES = ReferenceRates.parse("""
            country;from;rate_percent;status;source
            SE;2026-01-01;2.50;published;test
            SE;2026-07-01;4.00;published;test
            SE;2027-01-01;0.50;published;test
            SE;2027-07-01;3.00;published;test
            SE;2028-01-01;1.00;published;test
            SE;2028-07-01;2.00;published;test
            SE;2029-01-01;3.50;published;test
            SE;2029-07-01;0.00;published;test
            FI;2026-01-01;2.50;published;test
            FI;2026-07-01;4.00;published;test
            FI;2027-01-01;0.50;published;test
            FI;2027-07-01;3.00;published;test
            FI;2028-01-01;1.00;published;test
            FI;2028-07-01;2.00;published;test
            FI;2029-01-01;3.50;published;test
            FI;2029-07-01;0.00;published;test
            """, "test");
    static final LawfulCharges CHARGES = new LawfulCharges(RATES, ChargeRules.shipped());
    /** The highest reference rate above plus the highest margin (FI business and SE: 8 points). */
    static final BigDecimal HIGHEST_PERCENT = new BigDecimal("12.00");

    private static BigDecimal interest(boolean finnish, boolean business, BigDecimal capital, LocalDate due, List<LawfulCharges.Payment> paid,
                                       LocalDate asOf) {
        LawfulCharges.Interest i = CHARGES.maxInterest(finnish ? "FI" : "SE", business ? DebtorType.COMPANY : DebtorType.PERSON, capital, due,
                paid, asOf);
        assertThat(i.known()).as(i.unknown()).isTrue();
        return i.amount();
    }

    private static List<LawfulCharges.Payment> payments(BigDecimal capital, LocalDate due, int payDay, int payPercent) {
        return payPercent == 0 ? List.of() : List.of(new LawfulCharges.Payment(due.plusDays(payDay),
                capital.multiply(BigDecimal.valueOf(payPercent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN)));
    }

    @Property(tries = 500)
    void interestNeverDecreasesWithTime(@ForAll boolean finnish, @ForAll boolean business,
                                        @ForAll @BigRange(min = "0.01", max = "10000000") @Scale(2) BigDecimal capital,
                                        @ForAll @IntRange(min = 0, max = 700) int dueOffset,
                                        @ForAll @IntRange(min = 0, max = 540) int days, @ForAll @IntRange(min = 1, max = 100) int more,
                                        @ForAll @IntRange(min = 0, max = 300) int payDay, @ForAll @IntRange(min = 0, max = 100) int payPercent) {
        LocalDate due = LocalDate.of(2026, 1, 1).plusDays(dueOffset);
        List<LawfulCharges.Payment> paid = payments(capital, due, payDay, payPercent);

        BigDecimal earlier = interest(finnish, business, capital, due, paid, due.plusDays(days));
        BigDecimal later = interest(finnish, business, capital, due, paid, due.plusDays(days + more));

        assertThat(later).isGreaterThanOrEqualTo(earlier);
    }

    @Property(tries = 500)
    void interestNeverExceedsThePrincipalAtTheHighestRateForEveryDay(@ForAll boolean finnish, @ForAll boolean business,
                                        @ForAll @BigRange(min = "0.01", max = "10000000") @Scale(2) BigDecimal capital,
                                        @ForAll @IntRange(min = 0, max = 700) int dueOffset, @ForAll @IntRange(min = 0, max = 540) int days,
                                        @ForAll @IntRange(min = 0, max = 300) int payDay, @ForAll @IntRange(min = 0, max = 100) int payPercent) {
        LocalDate due = LocalDate.of(2026, 1, 1).plusDays(dueOffset);

        BigDecimal interest = interest(finnish, business, capital, due, payments(capital, due, payDay, payPercent), due.plusDays(days));

        // principal × (highest rate) × days / 365, to the cent upwards (the interest is rounded to the nearest cent once)
        BigDecimal bound = capital.multiply(HIGHEST_PERCENT).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(36_500), 2, RoundingMode.CEILING);
        assertThat(interest).isLessThanOrEqualTo(bound).isGreaterThanOrEqualTo(BigDecimal.ZERO);
    }
}
