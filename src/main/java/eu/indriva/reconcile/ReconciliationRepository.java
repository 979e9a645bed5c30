package eu.indriva.reconcile;

import eu.indriva.claim.CloseReason;
import eu.indriva.reconcile.ClaimComparison.Difference;
import eu.indriva.reconcile.PeriodTotals.Movement;
import eu.indriva.reconcile.PeriodTotals.MovementType;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reconciliations as they run and as they ended, and what a run reads of Indriva's own record, a page of claims at a time. */
@Repository
public class ReconciliationRepository {

    private final JdbcTemplate jdbc;

    public ReconciliationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public enum Status { RUNNING, DONE, FAILED }

    /** A reconciliation without its differences. */
    public record Run(String id, String tenantId, LocalDate asOf, LocalDate periodStart, Status status, int claims, int differences,
                      String error, Instant startedAt, Instant finishedAt) {}

    private static final String RUN_COLUMNS = "id, tenant_id, as_of, period_start, status, claims, differences, error, started_at, finished_at";

    private static Run run(ResultSet rs, int i) throws SQLException {
        Timestamp finished = rs.getTimestamp(10);
        return new Run(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(),
                Status.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                finished == null ? null : finished.toInstant());
    }

    /**
     * A new RUNNING reconciliation; for a nightly one ({@code nightly} not null) empty when that night's
     * run of the tenant was already started (on this or another instance).
     */
    public Optional<String> create(String tenantId, LocalDate asOf, LocalDate periodStart, LocalDate nightly, Instant now) {
        String id = UUID.randomUUID().toString();
        try {
            jdbc.update("""
                    INSERT INTO reconciliation (id, tenant_id, as_of, period_start, status, nightly, claims, differences, started_at, heartbeat_at)
                    VALUES (?, ?, ?, ?, 'RUNNING', ?, 0, 0, ?, ?)""", id, tenantId, Date.valueOf(asOf), Date.valueOf(periodStart),
                    nightly == null ? null : Date.valueOf(nightly), Timestamp.from(now), Timestamp.from(now));
            return Optional.of(id);
        } catch (DuplicateKeyException alreadyStarted) {
            return Optional.empty();
        }
    }

    public Optional<Run> find(String id) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM reconciliation WHERE id = ?", ReconciliationRepository::run, id).stream().findFirst();
    }

    /** The tenant's reconciliation, or empty when there is none with this id for this tenant. */
    public Optional<Run> find(String tenantId, String id) {
        return find(id).filter(r -> r.tenantId().equals(tenantId));
    }

    /** The tenant's reconciliations, newest first. */
    public List<Run> list(String tenantId, int max) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM reconciliation WHERE tenant_id = ? ORDER BY started_at DESC, id LIMIT ?",
                ReconciliationRepository::run, tenantId, max);
    }

    /** The run is alive and has compared this many claims. */
    public void progress(String id, int claims, int differences, Instant now) {
        jdbc.update("UPDATE reconciliation SET claims = ?, differences = ?, heartbeat_at = ? WHERE id = ? AND status = 'RUNNING'",
                claims, differences, Timestamp.from(now), id);
    }

    /** A run still queued or running on this instance is alive. */
    public void progressKept(String id, Instant now) {
        jdbc.update("UPDATE reconciliation SET heartbeat_at = ? WHERE id = ? AND status = 'RUNNING'", Timestamp.from(now), id);
    }

    /** Keeps differences {@code firstSeq}, {@code firstSeq + 1}, ... of the run. */
    public void differences(String id, int firstSeq, List<Difference> found) {
        List<Object[]> rows = new ArrayList<>();
        int seq = firstSeq;
        for (Difference d : found) {
            rows.add(new Object[] {id, seq++, d.invoiceId(), d.agencyClaimId(), d.kind().name(), d.ledger(), d.indriva(), d.agency(),
                    d.action().length() <= 2000 ? d.action() : d.action().substring(0, 2000)});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO reconciliation_difference (reconciliation_id, seq, invoice_id, agency_claim_id, kind, ledger, indriva, agency, action)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    public void done(String id, int claims, int differences, List<PeriodTotals.Totals> totals, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        for (PeriodTotals.Totals t : totals) {
            rows.add(new Object[] {id, t.currency(), t.opening(), t.transferred(), t.collected(), t.credited(), t.writtenOff(), t.recalled(),
                    t.closing(), t.claims(), t.holds()});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO reconciliation_total (reconciliation_id, currency, opening, transferred, collected, credited, written_off,
                                                      recalled, closing, claims, holds)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
        jdbc.update("UPDATE reconciliation SET status = 'DONE', claims = ?, differences = ?, finished_at = ?, heartbeat_at = ? WHERE id = ?",
                claims, differences, Timestamp.from(now), Timestamp.from(now), id);
    }

    public void failed(String id, String error, Instant now) {
        jdbc.update("UPDATE reconciliation SET status = 'FAILED', error = ?, finished_at = ? WHERE id = ? AND status = 'RUNNING'",
                error == null || error.length() <= 2000 ? error : error.substring(0, 2000), Timestamp.from(now), id);
    }

    /** RUNNING reconciliations whose instance stopped beating before {@code before} are FAILED, saying so. */
    public int abandoned(Instant before, Instant now) {
        return jdbc.update("""
                UPDATE reconciliation SET status = 'FAILED', finished_at = ?,
                       error = 'the instance running it stopped before it ended; start another'
                WHERE status = 'RUNNING' AND heartbeat_at < ?""", Timestamp.from(now), Timestamp.from(before));
    }

    /** Removes at most {@code max} reconciliations started before {@code before}, with their differences and totals. */
    public int forget(Instant before, int max) {
        return jdbc.update("DELETE FROM reconciliation WHERE id IN (SELECT id FROM reconciliation WHERE started_at < ? AND status <> 'RUNNING'"
                + " ORDER BY started_at LIMIT ?)", Timestamp.from(before), max);
    }

    public List<Difference> differences(String id, int max) {
        return jdbc.query("""
                SELECT invoice_id, agency_claim_id, kind, ledger, indriva, agency, action FROM reconciliation_difference
                WHERE reconciliation_id = ? ORDER BY seq LIMIT ?""",
                (rs, i) -> new Difference(rs.getString(1), rs.getString(2), ClaimComparison.Kind.valueOf(rs.getString(3)),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)), id, max);
    }

    public List<PeriodTotals.Totals> totals(String id) {
        return jdbc.query("""
                SELECT currency, opening, transferred, collected, credited, written_off, recalled, closing, claims
                FROM reconciliation_total WHERE reconciliation_id = ? ORDER BY currency""",
                (rs, i) -> new PeriodTotals.Totals(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getInt(9)), id);
    }

    /** Per tenant, the differences its newest finished reconciliation found. */
    public Map<String, Integer> openDifferences() {
        Map<String, Integer> open = new HashMap<>();
        jdbc.query("""
                SELECT r.tenant_id, r.differences FROM reconciliation r
                WHERE r.status = 'DONE' AND r.finished_at = (SELECT MAX(x.finished_at) FROM reconciliation x
                                                            WHERE x.tenant_id = r.tenant_id AND x.status = 'DONE')""",
                rs -> {
                    open.put(rs.getString(1), rs.getInt(2));
                });
        return open;
    }

    /** Whether the tenant has a nightly reconciliation for this night already. */
    public boolean hasNightly(String tenantId, LocalDate night) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation WHERE tenant_id = ? AND nightly = ?", Integer.class,
                tenantId, Date.valueOf(night));
        return n != null && n > 0;
    }

    // ---- what a run reads of Indriva's record ----

    /**
     * A claim at the agency during the period, with what the comparison needs of it.
     *
     * @param creditLossEventId the payment event of the credit loss Indriva booked, if any
     */
    public record ClaimRow(String invoiceId, String agencyClaimId, String status, BigDecimal amount, String currency, LocalDate dueDate,
                           Instant transferredAt, Instant closedAt, CloseReason closeReason, String debtorType, String debtorCountry,
                           String creditLossEventId) {}

    /**
     * The next page of the tenant's claims to compare, by invoice id after {@code after} (null for the first):
     * every claim at the agency now, and those closed since {@code closedSince}.
     */
    public List<ClaimRow> claimsAfter(String tenantId, String after, Instant closedSince, int size) {
        return jdbc.query("""
                SELECT invoice_id, agency_claim_id, status, amount, currency, due_date, transferred_at, closed_at, close_reason,
                       debtor_type, debtor_country, credit_loss_event_id
                FROM claim WHERE tenant_id = ? AND invoice_id > ? AND agency_claim_id IS NOT NULL AND transferred_at IS NOT NULL
                  AND amount IS NOT NULL AND (status = 'REGISTERED' OR (status = 'CLOSED' AND closed_at >= ?))
                ORDER BY invoice_id LIMIT ?""",
                (rs, i) -> {
                    Timestamp closed = rs.getTimestamp(8);
                    Date due = rs.getDate(6);
                    String reason = rs.getString(9);
                    return new ClaimRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
                            due == null ? null : due.toLocalDate(), rs.getTimestamp(7).toInstant(), closed == null ? null : closed.toInstant(),
                            reason == null ? null : CloseReason.valueOf(reason), rs.getString(10), rs.getString(11), rs.getString(12));
                }, tenantId, after == null ? "" : after, Timestamp.from(closedSince), size);
    }

    /**
     * What Indriva recorded of a page of claims: the payment events it saw (by id, with what it decided),
     * the capital movements (forwarded payments and credit notes, booked payout lines), the payout lines it
     * knows with the settlement's bank reference, and the ledger events it created itself.
     */
    public record Recorded(Map<String, Map<String, String>> classifications, Map<String, List<Movement>> movements,
                           Map<String, Integer> bookedLines, Map<String, List<eu.indriva.sync.PaymentClassifier.Payout>> payouts,
                           Map<String, Set<String>> ourEvents) {

        public Map<String, String> classifications(String invoiceId) {
            return classifications.getOrDefault(invoiceId, Map.of());
        }

        public List<Movement> movements(String invoiceId) {
            return movements.getOrDefault(invoiceId, List.of());
        }

        public int bookedLines(String invoiceId) {
            return bookedLines.getOrDefault(invoiceId, 0);
        }

        public List<eu.indriva.sync.PaymentClassifier.Payout> payouts(String invoiceId) {
            return payouts.getOrDefault(invoiceId, List.of());
        }

        public Set<String> ourEvents(String invoiceId) {
            return ourEvents.getOrDefault(invoiceId, Set.of());
        }
    }

    public Recorded recorded(String tenantId, Collection<String> invoiceIds, ZoneId zone) {
        if (invoiceIds.isEmpty()) {
            return new Recorded(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        }
        String in = String.join(",", java.util.Collections.nCopies(invoiceIds.size(), "?"));
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        args.addAll(invoiceIds);
        Object[] params = args.toArray();

        Map<String, Map<String, String>> classifications = new HashMap<>();
        Map<String, List<Movement>> movements = new HashMap<>();
        jdbc.query("SELECT invoice_id, event_id, classification, state, forwarded_amount, event_date, seen_at FROM payment_event"
                + " WHERE tenant_id = ? AND invoice_id IN (" + in + ")", rs -> {
                    String invoice = rs.getString(1);
                    String classification = rs.getString(3);
                    classifications.computeIfAbsent(invoice, k -> new HashMap<>()).put(rs.getString(2), classification);
                    BigDecimal forwarded = rs.getBigDecimal(5);
                    boolean movedCapital = "FORWARDED".equals(rs.getString(4)) && forwarded != null && forwarded.signum() > 0;
                    if (movedCapital && ("DIRECT_PAYMENT".equals(classification) || "CREDIT_NOTE".equals(classification))) {
                        Date day = rs.getDate(6);
                        LocalDate date = day != null ? day.toLocalDate() : rs.getTimestamp(7).toInstant().atZone(zone).toLocalDate();
                        movements.computeIfAbsent(invoice, k -> new ArrayList<>()).add(new Movement(date,
                                "CREDIT_NOTE".equals(classification) ? MovementType.CREDITED : MovementType.PAID_DIRECTLY, forwarded));
                    }
                }, params);

        Map<String, Integer> booked = new HashMap<>();
        Map<String, List<eu.indriva.sync.PaymentClassifier.Payout>> payouts = new HashMap<>();
        Map<String, Set<String>> ours = new HashMap<>();
        jdbc.query("""
                SELECT l.invoice_id, l.capital, l.state, l.payment_event_id, s.settlement_date, s.bank_reference
                FROM settlement_line l JOIN settlement s ON s.tenant_id = l.tenant_id AND s.settlement_id = l.settlement_id
                WHERE l.tenant_id = ? AND l.invoice_id IN (""" + in + ")", rs -> {
                    String invoice = rs.getString(1);
                    BigDecimal capital = rs.getBigDecimal(2);
                    String state = rs.getString(3);
                    LocalDate date = rs.getDate(5).toLocalDate();
                    payouts.computeIfAbsent(invoice, k -> new ArrayList<>())
                            .add(new eu.indriva.sync.PaymentClassifier.Payout(capital, date, rs.getString(6)));
                    if ("PAID".equals(state) || "PAID_BY_REFERENCE".equals(state)) {
                        booked.merge(invoice, 1, Integer::sum);
                        movements.computeIfAbsent(invoice, k -> new ArrayList<>()).add(new Movement(date, MovementType.PAID_OUT, capital));
                    }
                    if (rs.getString(4) != null) {
                        ours.computeIfAbsent(invoice, k -> new HashSet<>()).add(rs.getString(4));
                    }
                }, params);
        return new Recorded(classifications, movements, booked, payouts, ours);
    }
}
