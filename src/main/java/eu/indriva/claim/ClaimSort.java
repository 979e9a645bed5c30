package eu.indriva.claim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.function.Function;

/**
 * The orders a claims list can be read in, each with the column it sorts by (absent values sort as
 * the lowest) and how a page's last claim is written into the position the next page starts after.
 */
public enum ClaimSort {
    UPDATED("updated_at", c -> c.updatedAt().toString()) {
        @Override
        Object bind(String v) {
            return Timestamp.from(Instant.parse(v));
        }
    },
    TRANSFERRED("COALESCE(transferred_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00')",
            c -> (c.transferredAt() == null ? Instant.EPOCH : c.transferredAt()).toString()) {
        @Override
        Object bind(String v) {
            return Timestamp.from(Instant.parse(v));
        }
    },
    AMOUNT("COALESCE(amount, -1)", c -> (c.amount() == null ? BigDecimal.ONE.negate() : c.amount()).toPlainString()) {
        @Override
        Object bind(String v) {
            return new BigDecimal(v);
        }
    },
    DUE("COALESCE(due_date, DATE '0001-01-01')", c -> (c.dueDate() == null ? LocalDate.of(1, 1, 1) : c.dueDate()).toString()) {
        @Override
        Object bind(String v) {
            return Date.valueOf(LocalDate.parse(v));
        }
    },
    INVOICE("COALESCE(invoice_number, '')", c -> c.invoiceNumber() == null ? "" : c.invoiceNumber()) {
        @Override
        Object bind(String v) {
            return v;
        }
    };

    private final String column;
    private final Function<Claim, String> value;

    ClaimSort(String column, Function<Claim, String> value) {
        this.column = column;
        this.value = value;
    }

    String column() {
        return column;
    }

    /** The position's value as the query compares it. */
    abstract Object bind(String value);

    /** Where a page that ended with this claim leaves off. */
    public Position after(Claim last) {
        return new Position(value.apply(last), last.invoiceId());
    }

    /** Where the next page starts: after this sort value and invoice id. */
    public record Position(String value, String invoiceId) {

        /** As a link carries it: URL-safe base64. */
        public String token() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((value + "\n" + invoiceId).getBytes(StandardCharsets.UTF_8));
        }

        /** Reads a token back for this sort, or null when it is not one (a link edited by hand). */
        public static Position parse(String token, ClaimSort sort) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int nl = s.indexOf('\n');
                if (nl < 0) {
                    return null;
                }
                Position p = new Position(s.substring(0, nl), s.substring(nl + 1));
                sort.bind(p.value());
                return p;
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return null;
            }
        }
    }
}
