package eu.indriva.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.debtor.DebtorType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lawful maximum interest and fees, with worked examples computed by hand in the comments. The
 * rates are a test table with round figures (the shipped one is checked on its own below), so each
 * example's arithmetic can be followed: a day's interest is capital × (reference + margin) % / 365.
 */
class LawfulChargesTest {

    static final ReferenceRates RATES = ReferenceRates.parse("""
            country;from;rate_percent;status;source
            SE;2025-07-01;2.00;published;test
            SE;2026-01-01;2.50;published;test
            SE;2026-07-01;1.00;published;test
            SE;2027-01-01;1.00;published;test
            SE;2027-07-01;1.00;published;test
            SE;2028-01-01;1.00;confirm;test
            FI;2026-01-01;2.50;published;domain.md
            """, "test");

    static final LawfulCharges CHARGES = new LawfulCharges(RATES, ChargeRules.shipped());

    private static BigDecimal interest(String country, DebtorType debtor, String capital, LocalDate due, LocalDate asOf,
                                       LawfulCharges.Payment... payments) {
        LawfulCharges.Interest i = CHARGES.maxInterest(country, debtor, new BigDecimal(capital), due, List.of(payments), asOf);
        assertThat(i.known()).as(i.unknown()).isTrue();
        return i.amount();
    }

    @Test
    void aClaimSpanningTwoRatePeriodsTakesEachDaysOwnRate() {
        // SE consumer, 10,000.00 due 21 Dec 2025, to 10 Jan 2026:
        //   22-31 Dec: 10 days at 2.00 + 8 = 10 %:   10000 × 0.10  × 10 / 365 = 27.3972...
        //    1-10 Jan: 10 days at 2.50 + 8 = 10.5 %: 10000 × 0.105 × 10 / 365 = 28.7671...
        //   together 56.1643... → 56.16
        assertThat(interest("SE", DebtorType.PERSON, "10000.00", LocalDate.of(2025, 12, 21), LocalDate.of(2026, 1, 10)))
                .isEqualByComparingTo("56.16");
    }

    @Test
    void aPartPaymentLowersTheCapitalFromTheDayAfter() {
        // FI consumer, 1,000.00 due 31 Jan 2026, 400.00 paid on 10 Feb, to 2 Mar; 2.50 + 7 = 9.5 %:
        //    1-10 Feb: 10 days on 1,000 (the payment day still bears it): 1000 × 0.095 × 10 / 365 = 2.6027...
        //   11 Feb-2 Mar: 18 + 2 = 20 days on 600:                      600 × 0.095 × 20 / 365 = 3.1232...
        //   together 5.7260... → 5.73
        assertThat(interest("FI", DebtorType.PERSON, "1000.00", LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 2),
                new LawfulCharges.Payment(LocalDate.of(2026, 2, 10), new BigDecimal("400.00")))).isEqualByComparingTo("5.73");
    }

    @Test
    void theTwentyNinthOfFebruaryIsADayOfInterest() {
        // SE business, 36,500.00 due 27 Feb 2028, to 1 Mar 2028: 28 Feb, 29 Feb, 1 Mar = 3 days at 1.00 + 8 = 9 %:
        //   36500 × 0.09 × 3 / 365 = 27.00 (it would be 18.00 without the 29th)
        LawfulCharges.Interest i = CHARGES.maxInterest("SE", DebtorType.COMPANY, new BigDecimal("36500.00"), LocalDate.of(2028, 2, 27),
                List.of(), LocalDate.of(2028, 3, 1));
        assertThat(i.amount()).isEqualByComparingTo("27.00");
        // the 2028 rate is still to be confirmed: the answer says so
        assertThat(i.confirmed()).isFalse();
    }

    @Test
    void aBusinessOwesTheFinnishMarginOfEightPointsAConsumerSeven() {
        // FI, 2,000.00 due 31 Mar 2026, to 30 Apr: 30 days
        //   consumer 2.50 + 7 = 9.5 %:  2000 × 0.095 × 30 / 365 = 15.6164... → 15.62
        //   business 2.50 + 8 = 10.5 %: 2000 × 0.105 × 30 / 365 = 17.2602... → 17.26
        LocalDate due = LocalDate.of(2026, 3, 31);
        LocalDate asOf = LocalDate.of(2026, 4, 30);
        assertThat(interest("FI", DebtorType.PERSON, "2000.00", due, asOf)).isEqualByComparingTo("15.62");
        assertThat(interest("FI", DebtorType.COMPANY, "2000.00", due, asOf)).isEqualByComparingTo("17.26");
    }

    @Test
    void swedenAddsEightPointsToItsReferenceFinlandSevenToItsOwn() {
        // 10,000.00 due 31 Jan 2026, to 2 Mar: 28 + 2 = 30 days
        //   SE consumer 2.50 + 8 = 10.5 %: 10000 × 0.105 × 30 / 365 = 86.3013... → 86.30
        //   FI consumer 2.50 + 7 = 9.5 %:  10000 × 0.095 × 30 / 365 = 78.0821... → 78.08
        LocalDate due = LocalDate.of(2026, 1, 31);
        LocalDate asOf = LocalDate.of(2026, 3, 2);
        assertThat(interest("SE", DebtorType.PERSON, "10000.00", due, asOf)).isEqualByComparingTo("86.30");
        assertThat(interest("FI", DebtorType.PERSON, "10000.00", due, asOf)).isEqualByComparingTo("78.08");
    }

    @Test
    void nothingIsOwedOnOrBeforeTheDueDateNorOnCapitalPaidInFull() {
        assertThat(interest("SE", DebtorType.PERSON, "500.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1))).isEqualByComparingTo("0");
        // paid in full on 5 Mar: interest only for 2-5 Mar, 4 days at 10.5 %: 500 × 0.105 × 4 / 365 = 0.5753... → 0.58
        assertThat(interest("SE", DebtorType.PERSON, "500.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1),
                new LawfulCharges.Payment(LocalDate.of(2026, 3, 5), new BigDecimal("500.00")))).isEqualByComparingTo("0.58");
    }

    @Test
    void aDayWithoutAReferenceRateIsSaidNotGuessed() {
        LawfulCharges.Interest i = CHARGES.maxInterest("FI", DebtorType.PERSON, new BigDecimal("100.00"), LocalDate.of(2026, 6, 1),
                List.of(), LocalDate.of(2026, 7, 15));
        assertThat(i.known()).isFalse();
        assertThat(i.unknown()).isEqualTo("no FI reference rate for 2026-07-01: add its half-year to charges/reference-rates.csv");
    }

    @Test
    void theFeeCapsPerCountryKindAndCapital() {
        LocalDate day = LocalDate.of(2026, 12, 6);
        // SE consumer: reminder 60 + collection demand 180
        assertThat(CHARGES.maxFees("SE", DebtorType.PERSON, new BigDecimal("5000"), day)).contains(new BigDecimal("240.00"));
        // SE business: the 450 compensation replaces both
        assertThat(CHARGES.maxFees("SE", DebtorType.COMPANY, new BigDecimal("5000"), day)).contains(new BigDecimal("450.00"));
        // FI consumer: reminder 5 + demand by capital (14 up to 100, 24 up to 1,000, 50 above)
        assertThat(CHARGES.maxFees("FI", DebtorType.PERSON, new BigDecimal("80"), day)).contains(new BigDecimal("19.00"));
        assertThat(CHARGES.maxFees("FI", DebtorType.PERSON, new BigDecimal("1000"), day)).contains(new BigDecimal("29.00"));
        assertThat(CHARGES.maxFees("FI", DebtorType.PERSON, new BigDecimal("1000.01"), day)).contains(new BigDecimal("55.00"));
        // FI business: reminder 12 + demand 110 + the 40 € compensation
        assertThat(CHARGES.maxFees("FI", DebtorType.COMPANY, new BigDecimal("5000"), day)).contains(new BigDecimal("162.00"));
        assertThat(CHARGES.maxFees("NO", DebtorType.PERSON, new BigDecimal("5000"), day)).isEmpty();
    }

    @Test
    void anAgencyAboveTheMaximumByMoreThanTheToleranceOvercharges() {
        LawfulCharges.Interest lawful = new LawfulCharges.Interest(new BigDecimal("56.16"), true, null);
        assertThat(CHARGES.overcharges(new BigDecimal("57.16"), new BigDecimal("240.00"), lawful, Optional.of(new BigDecimal("240.00"))))
                .isEmpty();
        assertThat(CHARGES.overcharges(new BigDecimal("57.17"), new BigDecimal("300.00"), lawful, Optional.of(new BigDecimal("240.00"))))
                .containsExactly(new LawfulCharges.Overcharge("interest", new BigDecimal("57.17"), new BigDecimal("56.16")),
                        new LawfulCharges.Overcharge("fees", new BigDecimal("300.00"), new BigDecimal("240.00")));
        // where the agency's data says nothing, nothing is claimed
        assertThat(CHARGES.overcharges(null, null, lawful, Optional.of(new BigDecimal("240.00")))).isEmpty();
    }

    @Test
    void theShippedTablesReadAndCoverTodayInBothCountries() {
        ReferenceRates shipped = ReferenceRates.shipped();
        assertThat(shipped.on("FI", LocalDate.of(2026, 3, 1))).get().extracting(ReferenceRates.Period::ratePercent)
                .isEqualTo(new BigDecimal("2.50"));
        assertThat(shipped.on("SE", LocalDate.of(2024, 3, 1))).get().satisfies(p -> {
            assertThat(p.ratePercent()).isEqualByComparingTo("4.00");
            assertThat(p.published()).isTrue();
        });
        assertThat(shipped.lastDay("SE")).contains(LocalDate.of(2026, 6, 30));
        assertThat(shipped.lastDay("FI")).contains(LocalDate.of(2026, 6, 30));
        // the Finnish release for H1 2025; the Swedish H1 2025 row as a third-party table lists it (still to confirm)
        assertThat(shipped.on("FI", LocalDate.of(2025, 3, 1))).get().satisfies(p -> {
            assertThat(p.ratePercent()).isEqualByComparingTo("3.50");
            assertThat(p.published()).isTrue();
        });
        assertThat(shipped.on("SE", LocalDate.of(2025, 3, 1))).get().satisfies(p -> {
            assertThat(p.ratePercent()).isEqualByComparingTo("3.00");
            assertThat(p.published()).isFalse();
        });
        assertThat(shipped.on("FI", LocalDate.of(2023, 12, 31))).isEmpty();
        assertThat(ChargeRules.shipped().amount("SE", DebtorType.PERSON, ChargeRules.Rule.INTEREST_MARGIN, BigDecimal.TEN,
                LocalDate.of(2026, 1, 1))).contains(new BigDecimal("8"));
    }

    @Test
    void aTableWithAGapOrAMidYearStartIsRefusedNamingIt() {
        assertThatThrownBy(() -> ReferenceRates.parse("country;from;rate_percent;status\nSE;2025-01-01;2;published\nSE;2026-01-01;2;published",
                "t.csv")).hasMessage("t.csv: SE's rates jump from 2025-01-01 to 2026-01-01; every half-year needs its row, once");
        assertThatThrownBy(() -> ReferenceRates.parse("country;from;rate_percent;status\nSE;2025-03-01;2;published", "t.csv"))
                .hasMessageContaining("line 2").hasMessageContaining("1 January or 1 July");
        assertThatThrownBy(() -> ReferenceRates.parse("country;from;rate_percent;status\nSE;2025-01-01;2;maybe", "t.csv"))
                .hasMessageContaining("published or confirm");
    }
}
