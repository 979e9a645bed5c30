package eu.indriva.reconcile;

import eu.indriva.claim.CloseReason;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The period's equation per currency (issue 14): opening balance of the claims at the agency +
 * transferred − collected − credited − written off − recalled = closing, where every figure but the
 * closing comes from Indriva's own record (transfers, forwarded payments and credit notes, booked
 * payout lines, closes) and the closing is what the agency reports as still outstanding. It holds when
 * the two agree to a cent per claim. Plain code, fed one claim at a time, so a run's memory does not
 * grow with the tenant.
 */
public final class PeriodTotals {

    /** What lowered a claim's capital after the transfer, dated. */
    public enum MovementType { PAID_DIRECTLY, CREDITED, PAID_OUT }

    public record Movement(LocalDate date, MovementType type, BigDecimal amount) {}

    /**
     * One claim as Indriva recorded it.
     *
     * @param closed the day Indriva saw the claim closed, or null while open
     * @param movements oldest first or in any order
     */
    public record ClaimRecord(String currency, BigDecimal amount, LocalDate transferred, LocalDate closed, CloseReason reason,
                              List<Movement> movements) {

        /** The capital left at the end of {@code day}: the amount less every movement on or before it. */
        public BigDecimal remainingAt(LocalDate day) {
            BigDecimal left = amount;
            for (Movement m : movements) {
                if (!m.date().isAfter(day)) {
                    left = left.subtract(m.amount());
                }
            }
            return left.max(BigDecimal.ZERO);
        }

        /** What moved after {@code day} (the agency's figure read later is that much lower than on the day). */
        BigDecimal movedAfter(LocalDate day) {
            return movements.stream().filter(m -> m.date().isAfter(day)).map(Movement::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** The equation for one currency. */
    public record Totals(String currency, BigDecimal opening, BigDecimal transferred, BigDecimal collected, BigDecimal credited,
                         BigDecimal writtenOff, BigDecimal recalled, BigDecimal closing, int claims) {

        public BigDecimal expectedClosing() {
            return opening.add(transferred).subtract(collected).subtract(credited).subtract(writtenOff).subtract(recalled);
        }

        public boolean holds() {
            return expectedClosing().subtract(closing).abs()
                    .compareTo(ClaimComparison.ROUNDING.multiply(BigDecimal.valueOf(Math.max(1, claims)))) <= 0;
        }
    }

    private final LocalDate first;
    private final LocalDate last;
    private final Map<String, Totals> byCurrency = new TreeMap<>();

    /** The period from {@code first} to {@code last}, both days included. */
    public PeriodTotals(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        this.first = first;
        this.last = last;
    }

    /** The period of a reconciliation as of {@code asOf}: its month up to and including that day. */
    public static PeriodTotals monthTo(LocalDate asOf) {
        return new PeriodTotals(asOf.withDayOfMonth(1), asOf);
    }

    public LocalDate first() {
        return first;
    }

    public LocalDate last() {
        return last;
    }

    /**
     * Adds one claim.
     *
     * @param agencyCapitalNow what the agency reports outstanding now for a claim it holds open; null when it closed
     *        the claim or does not know it
     */
    public void add(ClaimRecord c, BigDecimal agencyCapitalNow) {
        if (c.transferred() == null || c.transferred().isAfter(last) || (c.closed() != null && c.closed().isBefore(first))) {
            return; // not at the agency during the period
        }
        LocalDate dayBefore = first.minusDays(1);
        BigDecimal opening = c.transferred().isBefore(first) ? c.remainingAt(dayBefore) : BigDecimal.ZERO;
        BigDecimal transferred = c.transferred().isBefore(first) ? BigDecimal.ZERO : c.amount();
        BigDecimal collected = BigDecimal.ZERO;
        BigDecimal credited = BigDecimal.ZERO;
        for (Movement m : c.movements()) {
            if (m.date().isBefore(first) || m.date().isAfter(last)) {
                continue;
            }
            if (m.type() == MovementType.CREDITED) {
                credited = credited.add(m.amount());
            } else {
                collected = collected.add(m.amount());
            }
        }
        BigDecimal writtenOff = BigDecimal.ZERO;
        BigDecimal recalled = BigDecimal.ZERO;
        boolean closedInPeriod = c.closed() != null && !c.closed().isAfter(last);
        if (closedInPeriod && c.reason() != null) {
            BigDecimal left = c.remainingAt(c.closed());
            switch (c.reason()) {
                case WRITTEN_OFF -> writtenOff = left;
                case WITHDRAWN -> recalled = left;
                case CREDITED -> credited = credited.add(left);
                case PAID -> { } // what is left of a paid claim is a payout not booked yet: the closing shows it
            }
        }
        BigDecimal closing;
        if (closedInPeriod) {
            closing = BigDecimal.ZERO;
        } else if (agencyCapitalNow != null) {
            closing = agencyCapitalNow.add(c.movedAfter(last)); // the agency's figure as it was at the period's end
        } else if (c.closed() != null) {
            closing = c.remainingAt(last); // closed since: only Indriva's record can say what was left on the day
        } else {
            closing = BigDecimal.ZERO; // open at Indriva, unknown to the agency: a difference of its own
        }
        Totals t = byCurrency.getOrDefault(c.currency(), new Totals(c.currency(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0));
        byCurrency.put(c.currency(), new Totals(c.currency(), t.opening().add(opening), t.transferred().add(transferred),
                t.collected().add(collected), t.credited().add(credited), t.writtenOff().add(writtenOff), t.recalled().add(recalled),
                t.closing().add(closing), t.claims() + 1));
    }

    /** The totals per currency, by currency code. */
    public List<Totals> totals() {
        return List.copyOf(byCurrency.values());
    }
}
