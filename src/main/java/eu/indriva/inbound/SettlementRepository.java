package eu.indriva.inbound;

import eu.indriva.agency.Settlement;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** How each payout was booked, step by step, so that a crash between any two steps repeats none. */
@Repository
public class SettlementRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public SettlementRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    public record Row(String settlementId, LocalDate date, String currency, BigDecimal payout, BigDecimal capital,
                      BigDecimal commission, BigDecimal vat, String status, String reason, String receiptName,
                      String receiptState, String receiptId, boolean acknowledged) {}

    public record LineRow(int lineNo, String invoiceId, String agencyClaimId, BigDecimal capital, String marker, String state,
                          String paymentEventId) {}

    private static final String COLUMNS = """
            settlement_id, settlement_date, currency, payout, capital, commission, vat, status, reason, receipt_name,
            receipt_state, receipt_id, acknowledged""";

    public Optional<Row> find(String tenantId, String settlementId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM settlement WHERE tenant_id = ? AND settlement_id = ?", this::row,
                tenantId, settlementId).stream().findFirst();
    }

    /** One page of a tenant's settlements, newest first. */
    public List<Row> page(String tenantId, int page, int size) {
        return jdbc.query("SELECT " + COLUMNS + " FROM settlement WHERE tenant_id = ?"
                        + " ORDER BY settlement_date DESC, created_at DESC, settlement_id LIMIT ? OFFSET ?",
                this::row, tenantId, size, (long) page * size);
    }

    /** The tenant's settlements left for a person (NEEDS_ATTENTION), newest first. */
    public List<Row> needingAttention(String tenantId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM settlement WHERE tenant_id = ? AND status = 'NEEDS_ATTENTION'"
                + " ORDER BY settlement_date DESC, settlement_id LIMIT 500", this::row, tenantId);
    }

    public long count(String tenantId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM settlement WHERE tenant_id = ?", Long.class, tenantId);
        return n == null ? 0 : n;
    }

    public List<LineRow> lines(String tenantId, String settlementId) {
        return jdbc.query("""
                SELECT line_no, invoice_id, agency_claim_id, capital, marker, state, payment_event_id
                FROM settlement_line WHERE tenant_id = ? AND settlement_id = ? ORDER BY line_no""",
                (rs, i) -> new LineRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), tenantId, settlementId);
    }

    /** Records a settlement that cannot be booked as it is; nothing of it is booked. */
    public void needsAttention(String tenantId, Settlement s, String receiptName, String reason) {
        tx.executeWithoutResult(st -> {
            if (find(tenantId, s.settlementId()).isEmpty()) {
                insert(tenantId, s, receiptName, "NEEDS_ATTENTION", reason);
            } else {
                jdbc.update("UPDATE settlement SET status = 'NEEDS_ATTENTION', reason = ?, updated_at = ? WHERE tenant_id = ? AND settlement_id = ? AND status <> 'BOOKED'",
                        reason, now(), tenantId, s.settlementId());
            }
        });
    }

    /** Starts (or resumes) booking: the settlement and one row per line, each with its marker. */
    public void begin(String tenantId, Settlement s, String receiptName, List<String> markers) {
        tx.executeWithoutResult(st -> {
            if (find(tenantId, s.settlementId()).isEmpty()) {
                insert(tenantId, s, receiptName, "BOOKING", null);
            } else {
                jdbc.update("UPDATE settlement SET status = 'BOOKING', reason = NULL, updated_at = ? WHERE tenant_id = ? AND settlement_id = ? AND status = 'NEEDS_ATTENTION'",
                        now(), tenantId, s.settlementId());
            }
            if (lines(tenantId, s.settlementId()).isEmpty()) {
                for (int i = 0; i < s.lines().size(); i++) {
                    Settlement.Line l = s.lines().get(i);
                    jdbc.update("""
                            INSERT INTO settlement_line (tenant_id, settlement_id, line_no, invoice_id, agency_claim_id, capital,
                                                         commission, vat, marker, state)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""",
                            tenantId, s.settlementId(), i + 1, l.accountingInvoiceId(), l.agencyClaimId(), l.capital(),
                            l.commission(), l.vat(), markers.get(i));
                }
            }
        });
    }

    /** The journal entry's rows, kept once (a resumed booking computes the same entry and keeps nothing new). */
    public void journal(String tenantId, String settlementId, eu.indriva.accounting.JournalEntry entry) {
        tx.executeWithoutResult(st -> {
            if (journalRows(tenantId, settlementId).isEmpty()) {
                List<Object[]> rows = new java.util.ArrayList<>();
                for (int i = 0; i < entry.rows().size(); i++) {
                    var r = entry.rows().get(i);
                    rows.add(new Object[] {tenantId, settlementId, i + 1, r.account(), r.amount(), r.description()});
                }
                jdbc.batchUpdate("""
                        INSERT INTO settlement_journal_row (tenant_id, settlement_id, row_no, account, amount, description)
                        VALUES (?, ?, ?, ?, ?, ?)""", rows);
            }
        });
    }

    /** The rows the settlement was booked with; empty when it needed no entry or was booked before they were kept. */
    public List<eu.indriva.accounting.JournalEntry.Row> journalRows(String tenantId, String settlementId) {
        return jdbc.query("SELECT account, amount, description FROM settlement_journal_row WHERE tenant_id = ? AND settlement_id = ?"
                        + " ORDER BY row_no",
                (rs, i) -> new eu.indriva.accounting.JournalEntry.Row(rs.getString(1), rs.getBigDecimal(2), rs.getString(3)),
                tenantId, settlementId);
    }

    public void lineState(String tenantId, String settlementId, int lineNo, String state, String paymentEventId) {
        jdbc.update("UPDATE settlement_line SET state = ?, payment_event_id = ? WHERE tenant_id = ? AND settlement_id = ? AND line_no = ?",
                state, paymentEventId, tenantId, settlementId, lineNo);
    }

    public void receipt(String tenantId, String settlementId, String state, String receiptId) {
        jdbc.update("UPDATE settlement SET receipt_state = ?, receipt_id = ?, updated_at = ? WHERE tenant_id = ? AND settlement_id = ?",
                state, receiptId, now(), tenantId, settlementId);
    }

    public void booked(String tenantId, String settlementId) {
        jdbc.update("UPDATE settlement SET status = 'BOOKED', reason = NULL, acknowledged = TRUE, updated_at = ? WHERE tenant_id = ? AND settlement_id = ?",
                now(), tenantId, settlementId);
    }

    public void stalled(String tenantId, String settlementId, String reason) {
        jdbc.update("UPDATE settlement SET reason = ?, updated_at = ? WHERE tenant_id = ? AND settlement_id = ?",
                reason, now(), tenantId, settlementId);
    }

    private void insert(String tenantId, Settlement s, String receiptName, String status, String reason) {
        jdbc.update("""
                INSERT INTO settlement (tenant_id, settlement_id, settlement_date, currency, payout, capital, commission, vat, status,
                                        reason, receipt_name, receipt_state, acknowledged, created_at, updated_at, bank_reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NONE', FALSE, ?, ?, ?)""",
                tenantId, s.settlementId(), Date.valueOf(s.date()), s.currency(), s.payout(), SettlementJournal.capital(s),
                SettlementJournal.commission(s), SettlementJournal.vat(s), status, reason, receiptName, now(), now(), s.bankReference());
    }

    private Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getBoolean(13));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
