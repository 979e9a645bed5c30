package eu.indriva.charges;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference rates late-payment interest builds on, one per half-year and country, as data
 * ({@code charges/reference-rates.csv}), never constants. Each rate holds from its half-year's first
 * day until the next rate of its country; the last one until the end of its half-year. A day after
 * that has no rate (the caller says so instead of guessing). Plain code.
 */
public final class ReferenceRates {

    public static final String RESOURCE = "/charges/reference-rates.csv";

    /** One half-year's rate; {@code published} false when derived from the rule and still to be confirmed. */
    public record Period(String country, LocalDate from, LocalDate to, BigDecimal ratePercent, boolean published, String source) {}

    private final Map<String, List<Period>> byCountry;

    private ReferenceRates(Map<String, List<Period>> byCountry) {
        this.byCountry = byCountry;
    }

    /** The rates shipped with this version. */
    public static ReferenceRates shipped() {
        return parse(DataTable.resource(RESOURCE), RESOURCE);
    }

    /**
     * Reads the table ({@code country;from;rate_percent;status;source}, '#' comments, a header line).
     * Refuses, naming the line, a date that does not start a half-year, a gap or an overlap between a
     * country's half-years, and a negative or unreadable rate.
     */
    public static ReferenceRates parse(String csv, String name) {
        Map<String, List<Period>> rows = new TreeMap<>();
        for (DataTable.Row row : DataTable.rows(csv)) {
            String[] f = row.fields();
            int lineNo = row.line();
            if (f.length < 4) {
                throw bad(name, lineNo, "needs country;from;rate_percent;status;source");
            }
            LocalDate from;
            BigDecimal rate;
            try {
                from = LocalDate.parse(f[1].trim());
                rate = new BigDecimal(f[2].trim());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw bad(name, lineNo, "has a date or rate that cannot be read");
            }
            if (from.getDayOfMonth() != 1 || from.getMonthValue() != 1 && from.getMonthValue() != 7) {
                throw bad(name, lineNo, "starts on " + from + "; a half-year starts on 1 January or 1 July");
            }
            if (rate.signum() < 0) {
                throw bad(name, lineNo, "has a negative rate");
            }
            String status = f[3].trim();
            if (!status.equals("published") && !status.equals("confirm")) {
                throw bad(name, lineNo, "has status '" + status + "'; it is published or confirm");
            }
            String country = f[0].trim();
            rows.computeIfAbsent(country, c -> new ArrayList<>()).add(new Period(country, from, from.plusMonths(6).minusDays(1), rate,
                    status.equals("published"), f.length > 4 ? f[4].trim() : ""));
        }
        for (List<Period> periods : rows.values()) {
            periods.sort(Comparator.comparing(Period::from));
            for (int i = 1; i < periods.size(); i++) {
                Period before = periods.get(i - 1);
                Period next = periods.get(i);
                if (!next.from().equals(before.to().plusDays(1))) {
                    throw new IllegalStateException(name + ": " + next.country() + "'s rates jump from " + before.from() + " to "
                            + next.from() + "; every half-year needs its row, once");
                }
            }
        }
        return new ReferenceRates(rows);
    }

    private static IllegalStateException bad(String name, int line, String what) {
        return new IllegalStateException(name + " line " + line + " " + what);
    }

    /** The rate for the country on that day, or empty when the table has none (before its first, after its last half-year). */
    public Optional<Period> on(String country, LocalDate day) {
        for (Period p : byCountry.getOrDefault(country, List.of())) {
            if (!day.isBefore(p.from()) && !day.isAfter(p.to())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The last day the table has a rate for in that country, or empty when it has none. */
    public Optional<LocalDate> lastDay(String country) {
        List<Period> p = byCountry.getOrDefault(country, List.of());
        return p.isEmpty() ? Optional.empty() : Optional.of(p.get(p.size() - 1).to());
    }
}
