package eu.indriva.claim;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A tenant's figures for its overview, each one SQL aggregate (no claim is loaded to count it):
 * claims and amounts per status and stage, money the agency collected and kept, ageing of open
 * claims, and transferred against collected per month of transfer.
 */
@Repository
public class ClaimStatistics {

    private final JdbcTemplate jdbc;

    public ClaimStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims of one status, stage and close reason in one currency. */
    public record Group(ClaimStatus status, ClaimStage stage, String closeReason, String currency, long count, BigDecimal amount) {}

    public List<Group> groups(String tenantId) {
        return jdbc.query("""
                SELECT status, stage, close_reason, currency, COUNT(*), COALESCE(SUM(amount), 0) FROM claim WHERE tenant_id = ?
                GROUP BY status, stage, close_reason, currency""",
                (rs, i) -> new Group(ClaimStatus.valueOf(rs.getString(1)), rs.getString(2) == null ? null : ClaimStage.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getLong(5), rs.getBigDecimal(6)), tenantId);
    }

    /** What the agency's booked settlements of a period carried, in one currency. */
    public record Money(String currency, BigDecimal collected, BigDecimal paidOut, BigDecimal commission, BigDecimal vat) {}

    /** @param from the first day; @param to the day after the last */
    public List<Money> settled(String tenantId, LocalDate from, LocalDate to) {
        return jdbc.query("""
                SELECT currency, SUM(capital), SUM(payout), SUM(commission), SUM(vat) FROM settlement
                WHERE tenant_id = ? AND status = 'BOOKED' AND settlement_date >= ? AND settlement_date < ?
                GROUP BY currency ORDER BY currency""",
                (rs, i) -> new Money(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)),
                tenantId, Date.valueOf(from), Date.valueOf(to));
    }

    /** Open claims (at the agency) by days since transfer: 0–30, 31–90, 91–180, over 180; counts and amounts. */
    public record Ageing(String currency, long[] counts, BigDecimal[] amounts) {}

    public List<Ageing> ageing(String tenantId, Instant now) {
        Timestamp d30 = Timestamp.from(now.minus(java.time.Duration.ofDays(30)));
        Timestamp d90 = Timestamp.from(now.minus(java.time.Duration.ofDays(90)));
        Timestamp d180 = Timestamp.from(now.minus(java.time.Duration.ofDays(180)));
        return jdbc.query("""
                SELECT currency,
                  SUM(CASE WHEN transferred_at >= ? THEN 1 ELSE 0 END),
                  SUM(CASE WHEN transferred_at < ? AND transferred_at >= ? THEN 1 ELSE 0 END),
                  SUM(CASE WHEN transferred_at < ? AND transferred_at >= ? THEN 1 ELSE 0 END),
                  SUM(CASE WHEN transferred_at < ? THEN 1 ELSE 0 END),
                  SUM(CASE WHEN transferred_at >= ? THEN amount ELSE 0 END),
                  SUM(CASE WHEN transferred_at < ? AND transferred_at >= ? THEN amount ELSE 0 END),
                  SUM(CASE WHEN transferred_at < ? AND transferred_at >= ? THEN amount ELSE 0 END),
                  SUM(CASE WHEN transferred_at < ? THEN amount ELSE 0 END)
                FROM claim WHERE tenant_id = ? AND status = 'REGISTERED' AND transferred_at IS NOT NULL
                GROUP BY currency ORDER BY currency""",
                (rs, i) -> new Ageing(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)},
                        new BigDecimal[] {zero(rs.getBigDecimal(6)), zero(rs.getBigDecimal(7)), zero(rs.getBigDecimal(8)), zero(rs.getBigDecimal(9))}),
                d30, d30, d90, d90, d180, d180, d30, d30, d90, d90, d180, d180, tenantId);
    }

    /** Transferred and (by the agency's booked settlement lines) collected capital of the claims transferred in a month. */
    public record Month(YearMonth month, String currency, BigDecimal transferred, BigDecimal collected) {

        /** Collected ÷ transferred, or null when nothing was transferred. */
        public BigDecimal rate() {
            return transferred.signum() == 0 ? null : collected.divide(transferred, 4, java.math.RoundingMode.HALF_UP);
        }
    }

    /**
     * Per month of transfer from {@code first} to {@code last}, as the tenant's clock has the months:
     * the boundaries are computed here in its zone and the claims bucketed by them in SQL. What was
     * collected is summed once per invoice over the booked settlements, not per claim row.
     */
    public List<Month> months(String tenantId, YearMonth first, YearMonth last, java.time.ZoneId zone) {
        List<YearMonth> months = new java.util.ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        List<Object> args = new java.util.ArrayList<>();
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 0; i < months.size(); i++) {
            bucket.append(" WHEN c.transferred_at < ? THEN ").append(i);
            args.add(start(months.get(i).plusMonths(1), zone));
        }
        bucket.append(" END");
        args.add(tenantId);
        args.add(tenantId);
        args.add(start(first, zone));
        args.add(start(last.plusMonths(1), zone));
        return jdbc.query("""
                SELECT bucket, currency, SUM(amount), SUM(collected) FROM (
                  SELECT %s AS bucket, c.currency, COALESCE(c.amount, 0) AS amount, COALESCE(p.collected, 0) AS collected
                  FROM claim c LEFT JOIN (
                    SELECT l.invoice_id, SUM(l.capital) AS collected FROM settlement_line l JOIN settlement s
                      ON s.tenant_id = l.tenant_id AND s.settlement_id = l.settlement_id AND s.status = 'BOOKED'
                    WHERE l.tenant_id = ? GROUP BY l.invoice_id) p ON p.invoice_id = c.invoice_id
                  WHERE c.tenant_id = ? AND c.transferred_at >= ? AND c.transferred_at < ? AND c.currency IS NOT NULL) t
                GROUP BY bucket, currency ORDER BY bucket, currency""".formatted(bucket),
                (rs, i) -> new Month(months.get(rs.getInt(1)), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)),
                args.toArray());
    }

    private static Timestamp start(YearMonth month, java.time.ZoneId zone) {
        return Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
    }

    /** The median of the days from transfer to closed as PAID, to a tenth of a day; null before any claim was paid. */
    public BigDecimal medianDaysToPaid(String tenantId) {
        BigDecimal seconds = jdbc.queryForObject("""
                SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM closed_at) - EXTRACT(EPOCH FROM transferred_at))
                FROM claim WHERE tenant_id = ? AND status = 'CLOSED' AND close_reason = 'PAID'
                  AND closed_at IS NOT NULL AND transferred_at IS NOT NULL""", BigDecimal.class, tenantId);
        return seconds == null ? null : seconds.divide(BigDecimal.valueOf(86_400), 1, java.math.RoundingMode.HALF_UP);
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
