package eu.indriva.charges;

import eu.indriva.debtor.DebtorType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What an agency may charge a debtor besides the capital, per country and kind of debtor, as data
 * ({@code charges/charge-rules.csv}): the late-interest margin over the reference rate and the fee
 * caps, some by capital band. Plain code.
 */
public final class ChargeRules {

    public static final String RESOURCE = "/charges/charge-rules.csv";

    public enum Rule { INTEREST_MARGIN, REMINDER, DEMAND, COMPENSATION, TOTAL }

    record Row(String country, DebtorType debtor, Rule rule, BigDecimal capitalUpTo, BigDecimal amount, LocalDate from) {}

    private final List<Row> rows;

    private ChargeRules(List<Row> rows) {
        this.rows = rows;
    }

    public static ChargeRules shipped() {
        return parse(DataTable.resource(RESOURCE), RESOURCE);
    }

    /** Reads {@code country;debtor;rule;capital_up_to;amount;from} ('#' comments, a header line); refuses a bad line, naming it. */
    public static ChargeRules parse(String csv, String name) {
        List<Row> rows = new ArrayList<>();
        for (DataTable.Row row : DataTable.rows(csv)) {
            String[] f = row.fields();
            try {
                rows.add(new Row(f[0].trim(), DebtorType.valueOf(f[1].trim()), Rule.valueOf(f[2].trim()),
                        f[3].isBlank() ? null : new BigDecimal(f[3].trim()), new BigDecimal(f[4].trim()), LocalDate.parse(f[5].trim())));
            } catch (RuntimeException e) {
                throw new IllegalStateException(name + " line " + row.line() + " cannot be read (country;debtor;rule;capital_up_to;amount;from): "
                        + e.getClass().getSimpleName());
            }
        }
        return new ChargeRules(List.copyOf(rows));
    }

    /**
     * The rule's figure for a claim of this capital on that day: of the rows in force (the latest
     * {@code from} on or before the day), the lowest capital band the capital fits; empty when none.
     */
    public Optional<BigDecimal> amount(String country, DebtorType debtor, Rule rule, BigDecimal capital, LocalDate day) {
        Optional<LocalDate> inForce = rows.stream()
                .filter(r -> r.country().equals(country) && r.debtor() == debtor && r.rule() == rule && !r.from().isAfter(day))
                .map(Row::from).max(Comparator.naturalOrder());
        if (inForce.isEmpty()) {
            return Optional.empty();
        }
        return rows.stream()
                .filter(r -> r.country().equals(country) && r.debtor() == debtor && r.rule() == rule && r.from().equals(inForce.get()))
                .filter(r -> r.capitalUpTo() == null || capital.compareTo(r.capitalUpTo()) <= 0)
                .min(Comparator.comparing(r -> r.capitalUpTo() == null ? new BigDecimal(Long.MAX_VALUE) : r.capitalUpTo()))
                .map(Row::amount);
    }
}
