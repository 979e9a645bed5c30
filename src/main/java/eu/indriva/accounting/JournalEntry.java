package eu.indriva.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A balanced journal entry: rows are signed (debit positive, credit negative) and sum to zero.
 *
 * @param name unique per entry, so an entry created just before a crash can be found again
 */
public record JournalEntry(String name, LocalDate date, String description, List<Row> rows) {

    public record Row(String account, BigDecimal amount, String description) {}

    public JournalEntry {
        rows = List.copyOf(rows);
        BigDecimal sum = rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.signum() != 0) {
            throw new IllegalArgumentException("journal entry " + name + " does not balance: rows sum to " + sum);
        }
        for (Row r : rows) {
            if (r.amount().scale() > 2) {
                throw new IllegalArgumentException("journal entry " + name + ": " + r.amount() + " has more than 2 decimals");
            }
        }
    }
}
