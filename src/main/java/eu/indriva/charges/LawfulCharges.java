package eu.indriva.charges;

import eu.indriva.debtor.DebtorType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The most a debtor may lawfully be charged on a claim besides its capital: late-payment interest
 * and collection fees, per the debtor's country and kind (consumer or business), from the dated
 * tables ({@link ReferenceRates}, {@link ChargeRules}). Plain code.
 *
 * <p>Interest runs for every day after the due date up to and including {@code asOf}, on the capital
 * outstanding that day: a payment lowers the capital from the day after it was paid (the payment day
 * still bears interest on what it paid). A day's rate is the reference rate of its half-year plus the
 * margin; a day's interest is capital × rate / 365, for every calendar day (29 February included).
 * The sum is rounded to the cent once, at the end.
 */
public final class LawfulCharges {

    /** Money an agency may be above the lawful figure before it counts: rounding of its own, per claim. */
    public static final BigDecimal TOLERANCE = new BigDecimal("1.00");
    private static final BigDecimal DAYS_A_YEAR = BigDecimal.valueOf(365);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ReferenceRates rates;
    private final ChargeRules rules;

    public LawfulCharges(ReferenceRates rates, ChargeRules rules) {
        this.rates = rates;
        this.rules = rules;
    }

    public static LawfulCharges shipped() {
        return new LawfulCharges(ReferenceRates.shipped(), ChargeRules.shipped());
    }

    /** A payment (or credit) that lowered the capital, on that day. */
    public record Payment(LocalDate date, BigDecimal amount) {}

    /**
     * The lawful maximum, or why it cannot be said ({@code unknown}: a day without a reference rate,
     * a country or kind without rules).
     *
     * @param confirmed false when a rate used is still to be confirmed against its source
     */
    public record Interest(BigDecimal amount, boolean confirmed, String unknown) {

        static Interest unknown(String why) {
            return new Interest(null, false, why);
        }

        public boolean known() {
            return unknown == null;
        }
    }

    /** The lawful maximum interest from the due date to {@code asOf}; the capital lowered by each payment from the day after it. */
    public Interest maxInterest(String country, DebtorType debtor, BigDecimal capital, LocalDate dueDate, List<Payment> payments,
                                LocalDate asOf) {
        if (!asOf.isAfter(dueDate)) {
            return new Interest(BigDecimal.ZERO.setScale(2), true, null);
        }
        // the days where capital and rate stay the same run between these boundaries (each the first day of a run)
        TreeSet<LocalDate> starts = new TreeSet<>();
        LocalDate first = dueDate.plusDays(1);
        LocalDate end = asOf.plusDays(1);
        starts.add(first);
        for (Payment p : payments) {
            LocalDate lower = p.date().plusDays(1);
            if (lower.isAfter(first) && lower.isBefore(end)) {
                starts.add(lower);
            }
        }
        for (LocalDate d = LocalDate.of(first.getYear(), first.getMonthValue() <= 6 ? 1 : 7, 1); d.isBefore(end); d = d.plusMonths(6)) {
            if (d.isAfter(first)) {
                starts.add(d);
            }
        }
        starts.add(end);
        BigDecimal sum = BigDecimal.ZERO;
        boolean confirmed = true;
        List<LocalDate> bounds = new ArrayList<>(starts);
        for (int i = 0; i + 1 < bounds.size(); i++) {
            LocalDate from = bounds.get(i);
            long days = ChronoUnit.DAYS.between(from, bounds.get(i + 1));
            Optional<ReferenceRates.Period> period = rates.on(country, from);
            if (period.isEmpty()) {
                return Interest.unknown("no " + country + " reference rate for " + from + ": add its half-year to charges/reference-rates.csv");
            }
            Optional<BigDecimal> margin = rules.amount(country, debtor, ChargeRules.Rule.INTEREST_MARGIN, capital, from);
            if (margin.isEmpty()) {
                return Interest.unknown("no late-interest margin for a " + kind(debtor) + " in " + country + " on " + from);
            }
            confirmed &= period.get().published();
            BigDecimal outstanding = capitalOn(capital, payments, from);
            if (outstanding.signum() > 0) {
                // capital × percent × days; divided by 100 × 365 once, at the end
                sum = sum.add(outstanding.multiply(period.get().ratePercent().add(margin.get())).multiply(BigDecimal.valueOf(days)));
            }
        }
        return new Interest(sum.divide(HUNDRED.multiply(DAYS_A_YEAR), 2, RoundingMode.HALF_UP), confirmed, null);
    }

    /** The capital on day {@code day}: lowered by each payment made before it. */
    static BigDecimal capitalOn(BigDecimal capital, List<Payment> payments, LocalDate day) {
        BigDecimal c = capital;
        for (Payment p : payments) {
            if (p.date().isBefore(day)) {
                c = c.subtract(p.amount());
            }
        }
        return c.max(BigDecimal.ZERO);
    }

    /**
     * The most the collection fees may come to for a claim of this capital: a reminder and a
     * collection demand, and the business compensation where the country has one (in Sweden it
     * replaces the other two: the table holds no reminder or demand fee for businesses), within the
     * country's cap on all collection costs where it has one. Empty when the country has no rules.
     */
    public Optional<BigDecimal> maxFees(String country, DebtorType debtor, BigDecimal capital, LocalDate day) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean any = false;
        for (ChargeRules.Rule r : List.of(ChargeRules.Rule.REMINDER, ChargeRules.Rule.DEMAND, ChargeRules.Rule.COMPENSATION)) {
            Optional<BigDecimal> a = rules.amount(country, debtor, r, capital, day);
            if (a.isPresent()) {
                sum = sum.add(a.get());
                any = true;
            }
        }
        if (!any) {
            return Optional.empty();
        }
        BigDecimal total = sum;
        return Optional.of(rules.amount(country, debtor, ChargeRules.Rule.TOTAL, capital, day).map(total::min).orElse(total)
                .setScale(2, RoundingMode.UNNECESSARY));
    }

    /** What the agency charged above the lawful maximum, beyond the tolerance. */
    public record Overcharge(String what, BigDecimal charged, BigDecimal lawful) {}

    /**
     * The overcharges in what the agency reports having charged (null where its data does not say):
     * interest above the lawful maximum, fees above the caps, each beyond {@link #TOLERANCE}.
     */
    public List<Overcharge> overcharges(BigDecimal chargedInterest, BigDecimal chargedFees, Interest lawfulInterest,
                                        Optional<BigDecimal> lawfulFees) {
        List<Overcharge> found = new ArrayList<>();
        if (chargedInterest != null && lawfulInterest.known()
                && chargedInterest.subtract(lawfulInterest.amount()).compareTo(TOLERANCE) > 0) {
            found.add(new Overcharge("interest", chargedInterest, lawfulInterest.amount()));
        }
        if (chargedFees != null && lawfulFees.isPresent() && chargedFees.subtract(lawfulFees.get()).compareTo(TOLERANCE) > 0) {
            found.add(new Overcharge("fees", chargedFees, lawfulFees.get()));
        }
        return found;
    }

    private static String kind(DebtorType debtor) {
        return debtor == DebtorType.PERSON ? "consumer" : "business";
    }
}
