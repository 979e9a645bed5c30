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

    /** @param since transferred at or after this instant (months as UTC has them) */
    public List<Month> months(String tenantId, Instant since) {
        return jdbc.query("""
                SELECT y, m, currency, SUM(amount), SUM(collected) FROM (
                  SELECT EXTRACT(YEAR FROM c.transferred_at) AS y, EXTRACT(MONTH FROM c.transferred_at) AS m, c.currency,
                         COALESCE(c.amount, 0) AS amount,
                         (SELECT COALESCE(SUM(l.capital), 0) FROM settlement_line l JOIN settlement s
                            ON s.tenant_id = l.tenant_id AND s.settlement_id = l.settlement_id AND s.status = 'BOOKED'
                          WHERE l.tenant_id = c.tenant_id AND l.invoice_id = c.invoice_id) AS collected
                  FROM claim c WHERE c.tenant_id = ? AND c.transferred_at >= ? AND c.currency IS NOT NULL) t
                GROUP BY y, m, currency ORDER BY y, m, currency""",
                (rs, i) -> new Month(YearMonth.of(rs.getInt(1), rs.getInt(2)), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5)),
                tenantId, Timestamp.from(since));
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
