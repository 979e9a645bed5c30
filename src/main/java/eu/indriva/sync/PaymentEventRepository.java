package eu.indriva.sync;

import eu.indriva.accounting.AccountingInvoice.Payment;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every payment event seen on a transferred invoice, with what was decided and done about it. */
@Repository
public class PaymentEventRepository {

    private final JdbcTemplate jdbc;

    public PaymentEventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Seen(String classification, String state, BigDecimal forwardedAmount) {}

    public Optional<Seen> seen(String tenantId, String invoiceId, String eventId) {
        return jdbc.query("SELECT classification, state, forwarded_amount FROM payment_event WHERE tenant_id = ? AND invoice_id = ? AND event_id = ?",
                (rs, i) -> new Seen(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), tenantId, invoiceId, eventId).stream().findFirst();
    }

    /** Records the event unless it is already recorded (then nothing changes). */
    public void record(String tenantId, String invoiceId, Payment e, String classification, String state, BigDecimal forwardedAmount) {
        try {
            jdbc.update("""
                    INSERT INTO payment_event (tenant_id, invoice_id, event_id, event_type, amount, event_date, classification, state,
                                               forwarded_amount, seen_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    tenantId, invoiceId, e.id(), e.type(), e.amount(), e.date() == null ? null : Date.valueOf(e.date()), classification,
                    state, forwardedAmount, Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException alreadyRecorded) {
            // a repeat: the first record stands
        }
    }

    public void state(String tenantId, String invoiceId, String eventId, String state) {
        jdbc.update("UPDATE payment_event SET state = ? WHERE tenant_id = ? AND invoice_id = ? AND event_id = ?", state, tenantId, invoiceId, eventId);
    }

    /** What was forwarded to the agency for this invoice (payments and credits). */
    public BigDecimal forwarded(String tenantId, String invoiceId) {
        BigDecimal sum = jdbc.queryForObject("""
                SELECT COALESCE(SUM(forwarded_amount), 0) FROM payment_event
                WHERE tenant_id = ? AND invoice_id = ? AND classification IN ('DIRECT_PAYMENT', 'CREDIT_NOTE')""",
                BigDecimal.class, tenantId, invoiceId);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** Payment event ids Indriva itself created on this invoice (settlement lines, credit loss). */
    public Set<String> ourEventIds(String tenantId, String invoiceId) {
        Set<String> ids = new HashSet<>(jdbc.queryForList(
                "SELECT payment_event_id FROM settlement_line WHERE tenant_id = ? AND invoice_id = ? AND payment_event_id IS NOT NULL AND state = 'PAID'",
                String.class, tenantId, invoiceId));
        ids.addAll(jdbc.queryForList("SELECT credit_loss_event_id FROM claim WHERE tenant_id = ? AND invoice_id = ? AND credit_loss_event_id IS NOT NULL",
                String.class, tenantId, invoiceId));
        return ids;
    }

    /** The agency's payout lines for this invoice that Indriva knows (booked or being booked). */
    public List<PaymentClassifier.Payout> knownPayouts(String tenantId, String invoiceId) {
        return jdbc.query("""
                SELECT l.capital, s.settlement_date, s.bank_reference FROM settlement_line l
                JOIN settlement s ON s.tenant_id = l.tenant_id AND s.settlement_id = l.settlement_id
                WHERE l.tenant_id = ? AND l.invoice_id = ?""",
                (rs, i) -> new PaymentClassifier.Payout(rs.getBigDecimal(1), rs.getDate(2).toLocalDate(), rs.getString(3)), tenantId, invoiceId);
    }

    /** Capital of this invoice paid out by the agency in settlements Indriva booked. */
    public BigDecimal paidOut(String tenantId, String invoiceId) {
        BigDecimal sum = jdbc.queryForObject("""
                SELECT COALESCE(SUM(capital), 0) FROM settlement_line
                WHERE tenant_id = ? AND invoice_id = ? AND state IN ('PAID', 'PAID_BY_REFERENCE')""", BigDecimal.class, tenantId, invoiceId);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    public Optional<Instant> watermark(String tenantId) {
        List<Timestamp> t = jdbc.query("SELECT accounting_watermark FROM tenant WHERE id = ?", (rs, i) -> rs.getTimestamp(1), tenantId);
        return t.isEmpty() || t.get(0) == null ? Optional.empty() : Optional.of(t.get(0).toInstant());
    }

    public void watermark(String tenantId, Instant at) {
        jdbc.update("UPDATE tenant SET accounting_watermark = ? WHERE id = ?", Timestamp.from(at), tenantId);
    }
}
