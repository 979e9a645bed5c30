package eu.indriva.claim;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable claim state. Every transition is a conditional UPDATE on the current status, so two
 * workers racing on one claim cannot both move it, and each change writes its history entry in
 * the same transaction.
 */
@Repository
public class ClaimRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ClaimRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    public record Selection(ClaimState state, boolean created) {}

    /** Inserts a PENDING claim unless one exists for the invoice; either way returns its state. */
    public Selection select(String tenantId, InvoiceFacts facts, boolean manual) {
        Timestamp now = now();
        try {
            tx.executeWithoutResult(s -> {
                jdbc.update("""
                        INSERT INTO claim (tenant_id, invoice_id, invoice_number, customer_number, status, amount, currency,
                                           due_date, manual, dispatch_key, attempts, attachment_done, note_done, created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, 0, FALSE, FALSE, ?, ?)""",
                        tenantId, facts.invoiceId(), facts.invoiceNumber(), facts.customerNumber(), facts.amount(),
                        facts.currency(), date(facts.dueDate()), manual, newKey(), now, now);
                history(tenantId, facts.invoiceId(), "SELECTED", manual ? "transfer requested by an admin" : "selected by the overdue poll");
            });
            return new Selection(state(tenantId, facts.invoiceId()).orElseThrow(), true);
        } catch (DuplicateKeyException alreadyKnown) {
            return new Selection(state(tenantId, facts.invoiceId()).orElseThrow(), false);
        }
    }

    /**
     * An invoice the poll could not read: a REJECTED claim with the reason, so a person sees it
     * (and retries it once the data is corrected), unless the invoice is already a claim.
     *
     * @return true when it was set aside now
     */
    public boolean setAside(String tenantId, String invoiceId, String reason) {
        Timestamp now = now();
        try {
            tx.executeWithoutResult(s -> {
                jdbc.update("""
                        INSERT INTO claim (tenant_id, invoice_id, status, reason, manual, dispatch_key, attempts, attachment_done,
                                           note_done, created_at, updated_at)
                        VALUES (?, ?, 'REJECTED', ?, FALSE, ?, 0, FALSE, FALSE, ?, ?)""",
                        tenantId, invoiceId, truncate(reason), newKey(), now, now);
                history(tenantId, invoiceId, "SET_ASIDE", reason);
            });
            return true;
        } catch (DuplicateKeyException alreadyKnown) {
            return false;
        }
    }

    /**
     * The overdue poll's selection of one page: in one transaction, a PENDING claim for each
     * invoice not yet known, and the state of the others. Results are in the order of the facts,
     * one per distinct invoice. When a manual transfer selects one of the same invoices
     * meanwhile, the page falls back to one transaction per invoice.
     */
    public List<Selection> selectAll(String tenantId, List<InvoiceFacts> facts) {
        Map<String, InvoiceFacts> byId = new LinkedHashMap<>();
        facts.forEach(f -> byId.putIfAbsent(f.invoiceId(), f));
        if (byId.isEmpty()) {
            return List.of();
        }
        try {
            return tx.execute(s -> {
                Map<String, ClaimState> known = states(tenantId, byId.keySet());
                Timestamp now = now();
                List<Object[]> claimRows = new ArrayList<>();
                List<Object[]> historyRows = new ArrayList<>();
                List<Selection> result = new ArrayList<>(byId.size());
                for (InvoiceFacts f : byId.values()) {
                    ClaimState existing = known.get(f.invoiceId());
                    if (existing != null) {
                        result.add(new Selection(existing, false));
                        continue;
                    }
                    String key = newKey();
                    claimRows.add(new Object[] {tenantId, f.invoiceId(), f.invoiceNumber(), f.customerNumber(), f.amount(),
                            f.currency(), date(f.dueDate()), false, key, now, now});
                    historyRows.add(new Object[] {tenantId, f.invoiceId(), now, "SELECTED", "selected by the overdue poll"});
                    result.add(new Selection(new ClaimState(tenantId, f.invoiceId(), ClaimStatus.PENDING, false, key, 0,
                            null, false, false), true));
                }
                if (!claimRows.isEmpty()) {
                    jdbc.batchUpdate("""
                            INSERT INTO claim (tenant_id, invoice_id, invoice_number, customer_number, status, amount, currency,
                                               due_date, manual, dispatch_key, attempts, attachment_done, note_done, created_at, updated_at)
                            VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, 0, FALSE, FALSE, ?, ?)""", claimRows);
                    jdbc.batchUpdate("INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail) VALUES (?, ?, ?, ?, ?)",
                            historyRows);
                }
                return result;
            });
        } catch (DuplicateKeyException raced) {
            return byId.values().stream().map(f -> select(tenantId, f, false)).toList();
        }
    }

    /** The state of each of these invoices' claims that exists, by invoice id; one indexed query. */
    public Map<String, ClaimState> states(String tenantId, Collection<String> invoiceIds) {
        Map<String, ClaimState> found = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return found;
        }
        // a row-value IN: H2 looks each pair up in the primary key (with "tenant_id = ? AND invoice_id IN (...)"
        // it scans all of the tenant's claims)
        String pairs = String.join(", ", Collections.nCopies(invoiceIds.size(), "(?, ?)"));
        List<Object> args = new ArrayList<>(invoiceIds.size() * 2);
        invoiceIds.forEach(id -> {
            args.add(tenantId);
            args.add(id);
        });
        jdbc.query("SELECT " + STATE_COLUMNS + " FROM claim WHERE (tenant_id, invoice_id) IN (" + pairs + ")",
                rs -> {
                    ClaimState c = stateOf(rs);
                    found.put(c.invoiceId(), c);
                }, args.toArray());
        return found;
    }

    private static final String STATE_COLUMNS =
            "tenant_id, invoice_id, status, manual, dispatch_key, attempts, agency_claim_id, attachment_done, note_done";

    private static ClaimState stateOf(ResultSet rs) throws SQLException {
        return new ClaimState(rs.getString(1), rs.getString(2), ClaimStatus.valueOf(rs.getString(3)), rs.getBoolean(4),
                rs.getString(5), rs.getInt(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9));
    }

    /** Claims of the tenant selected and queued but not yet tried (the poll's backlog); one submitted waits for the agency, not for us. */
    public int waitingForRegistration(String tenantId) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM claim WHERE status = 'PENDING' AND attempts = 0 AND submitted_at IS NULL AND tenant_id = ?""",
                Integer.class, tenantId);
        return n == null ? 0 : n;
    }

    public Optional<ClaimState> state(String tenantId, String invoiceId) {
        return jdbc.query("SELECT " + STATE_COLUMNS + " FROM claim WHERE tenant_id = ? AND invoice_id = ?",
                (rs, i) -> stateOf(rs), tenantId, invoiceId).stream().findFirst();
    }

    /** Policy said no on fresh data: an automatic selection that is not a claim after all. */
    public boolean forget(String tenantId, String invoiceId, String dispatchKey) {
        return jdbc.update("DELETE FROM claim WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING' AND dispatch_key = ?",
                tenantId, invoiceId, dispatchKey) == 1;
    }

    /** Records what was decided on fresh data from the accounting system. */
    public void facts(String tenantId, InvoiceFacts f) {
        jdbc.update("""
                UPDATE claim SET invoice_number = ?, customer_number = ?, amount = ?, currency = ?, due_date = ?, updated_at = ?
                WHERE tenant_id = ? AND invoice_id = ?""",
                f.invoiceNumber(), f.customerNumber(), f.amount(), f.currency(), date(f.dueDate()), now(), tenantId, f.invoiceId());
    }

    public boolean reject(String tenantId, String invoiceId, String dispatchKey, String reason) {
        return transition(tenantId, invoiceId, dispatchKey, "REJECTED", reason, "REJECTED", reason);
    }

    public boolean fail(String tenantId, String invoiceId, String dispatchKey, String reason) {
        return transition(tenantId, invoiceId, dispatchKey, "FAILED", reason, "FAILED", reason);
    }

    private boolean transition(String tenantId, String invoiceId, String dispatchKey, String status, String reason,
                               String event, String detail) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            int n = jdbc.update("""
                    UPDATE claim SET status = ?, reason = ?, updated_at = ?
                    WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING' AND dispatch_key = ?""",
                    status, truncate(reason), now(), tenantId, invoiceId, dispatchKey);
            if (n == 1) {
                history(tenantId, invoiceId, event, detail);
            }
            return n == 1;
        }));
    }

    /**
     * Handed to an agency that answers later: the claim stays PENDING, names its agency, and is not
     * sent again by the recovery while it waits for the answer.
     */
    public boolean submitted(String tenantId, String invoiceId, String dispatchKey, String agencySystem, String detail) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            int n = jdbc.update("""
                    UPDATE claim SET submitted_at = ?, agency = ?, reason = NULL, updated_at = ?
                    WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING' AND dispatch_key = ? AND submitted_at IS NULL""",
                    now(), agencySystem, now(), tenantId, invoiceId, dispatchKey);
            if (n == 1) {
                history(tenantId, invoiceId, "SUBMITTED", detail);
            }
            return n == 1;
        }));
    }

    /** A transient failure: the claim stays PENDING and says why it waits. */
    public void attemptFailed(String tenantId, String invoiceId, int attempts, String reason) {
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE claim SET attempts = ?, reason = ?, updated_at = ? WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING'",
                    attempts, truncate(reason), now(), tenantId, invoiceId);
            history(tenantId, invoiceId, "ATTEMPT_FAILED", "attempt " + attempts + ": " + reason);
        });
    }

    /**
     * What one delivery of a registration ticket achieved; null parts were not achieved. It is
     * recorded in one transaction: on H2 each commit is a measurable share of the flow's cost,
     * and nothing here needs a record before the next step (an unrecorded registration is
     * adopted on the agency's 409; an unrecorded note is found by its marker).
     */
    public static final class Progress {
        private InvoiceFacts facts;
        private String agencyClaimId;
        private String agencyName;
        private String agencySystem;
        private boolean adopted;
        private String noteDetail;
        private String attachmentDetail;

        public void facts(InvoiceFacts f) {
            facts = f;
        }

        /**
         * @param system the agency's system id, recorded on the claim ("kravia")
         * @param name its name for the history ("Kravia")
         */
        public void registered(String claimId, String system, String name, boolean adoptedAfterUnknownOutcome) {
            agencyClaimId = claimId;
            agencySystem = system;
            agencyName = name;
            adopted = adoptedAfterUnknownOutcome;
        }

        public void note(String detail) {
            noteDetail = detail;
        }

        private String dispatchKey;

        /**
         * The registration also gives the claim a new dispatch key (recorded with it), for a ticket that
         * carries its follow-ups: the broker would drop a second ticket under the old one as a repeat.
         *
         * @return the new key
         */
        public String newDispatch() {
            dispatchKey = newKey();
            return dispatchKey;
        }

        public void attachment(String detail) {
            attachmentDetail = detail;
        }

        public boolean adopted() {
            return adopted;
        }

        public String agencyName() {
            return agencyName;
        }

        /** The amount and currency registered, for the log line. */
        public java.math.BigDecimal amount() {
            return facts == null ? null : facts.amount();
        }

        public String currency() {
            return facts == null ? null : facts.currency();
        }

        boolean isEmpty() {
            return facts == null && agencyClaimId == null && noteDetail == null && attachmentDetail == null;
        }
    }

    /** @return true when this call moved the claim from PENDING to REGISTERED */
    public boolean record(String tenantId, String invoiceId, Progress p) {
        if (p.isEmpty()) {
            return false;
        }
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (p.facts != null) {
                facts(tenantId, p.facts);
            }
            boolean registered = false;
            if (p.agencyClaimId != null) {
                registered = jdbc.update("""
                        UPDATE claim SET status = 'REGISTERED', agency = ?, agency_claim_id = ?, reason = NULL,
                                         transferred_at = ?, updated_at = ?, dispatch_key = COALESCE(?, dispatch_key)
                        WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING'""",
                        p.agencySystem, p.agencyClaimId, now(), now(), p.dispatchKey, tenantId, invoiceId) == 1;
                if (registered) {
                    history(tenantId, invoiceId, "REGISTERED", (p.adopted
                            ? p.agencyName + " already had this invoice as claim " + p.agencyClaimId + " (adopted after an unknown outcome)"
                            : "registered at " + p.agencyName + " as claim " + p.agencyClaimId));
                }
            }
            if (p.noteDetail != null) {
                followUpDone(tenantId, invoiceId, "note_done", "NOTE_WRITTEN", p.noteDetail);
            }
            if (p.attachmentDetail != null) {
                followUpDone(tenantId, invoiceId, "attachment_done", "ATTACHMENT_SENT", p.attachmentDetail);
            }
            return registered;
        }));
    }

    private void followUpDone(String tenantId, String invoiceId, String column, String event, String detail) {
        // column is one of two constants above, never input
        int n = jdbc.update("UPDATE claim SET " + column + " = TRUE, updated_at = ? WHERE tenant_id = ? AND invoice_id = ? AND "
                + column + " = FALSE", now(), tenantId, invoiceId);
        if (n == 1) {
            history(tenantId, invoiceId, event, detail);
        }
    }

    /** FAILED or REJECTED → PENDING with a new dispatch key; empty when the claim is in another state. */
    public Optional<ClaimTicket> requeue(String tenantId, String invoiceId, String why) {
        String key = newKey();
        Boolean done = tx.execute(s -> {
            int n = jdbc.update("""
                    UPDATE claim SET status = 'PENDING', dispatch_key = ?, attempts = 0, reason = NULL, submitted_at = NULL, updated_at = ?
                    WHERE tenant_id = ? AND invoice_id = ? AND status IN ('FAILED', 'REJECTED')""",
                    key, now(), tenantId, invoiceId);
            if (n == 1) {
                history(tenantId, invoiceId, "REQUEUED", why);
            }
            return n == 1;
        });
        return Boolean.TRUE.equals(done) ? Optional.of(new ClaimTicket(tenantId, invoiceId, key, 0)) : Optional.empty();
    }

    /** A PENDING claim whose ticket is lost gets a new dispatch key (an old ticket, if any, becomes stale). */
    public Optional<ClaimTicket> rotateDispatch(String tenantId, String invoiceId, String oldKey, String why) {
        String key = newKey();
        Boolean done = tx.execute(s -> {
            int n = jdbc.update("""
                    UPDATE claim SET dispatch_key = ?, updated_at = ?
                    WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING' AND dispatch_key = ?""",
                    key, now(), tenantId, invoiceId, oldKey);
            if (n == 1) {
                history(tenantId, invoiceId, "REDISPATCHED", why);
            }
            return n == 1;
        });
        return Boolean.TRUE.equals(done) ? Optional.of(new ClaimTicket(tenantId, invoiceId, key, 0)) : Optional.empty();
    }

    /** PENDING claims whose last change is older than {@code before}: the start-up and periodic recovery re-sends them. */
    public List<ClaimTicket> pendingSince(Instant before) {
        return jdbc.query("""
                SELECT tenant_id, invoice_id, dispatch_key, attempts FROM claim
                WHERE status = 'PENDING' AND submitted_at IS NULL AND updated_at < ?""",
                (rs, i) -> new ClaimTicket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)), Timestamp.from(before));
    }

    /** The claim the agency knows under this id, if it is one of this tenant's. */
    public Optional<ClaimState> byAgencyClaim(String tenantId, String agencyClaimId) {
        return jdbc.query("SELECT invoice_id FROM claim WHERE tenant_id = ? AND agency_claim_id = ?",
                (rs, i) -> rs.getString(1), tenantId, agencyClaimId).stream().findFirst().flatMap(inv -> state(tenantId, inv));
    }

    /** What the agency said last, for deciding whether a new answer is newer. */
    public record AgencyView(String agencyStatus, String closeReason, LocalDateTime updated, BigDecimal outstandingCapital,
                             String creditLossState, String creditLossEventId) {}

    public Optional<AgencyView> agencyView(String tenantId, String invoiceId) {
        return jdbc.query("""
                SELECT agency_status, close_reason, agency_updated, outstanding_capital, credit_loss_state, credit_loss_event_id
                FROM claim WHERE tenant_id = ? AND invoice_id = ?""",
                (rs, i) -> new AgencyView(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toLocalDateTime(), rs.getBigDecimal(4),
                        rs.getString(5), rs.getString(6)), tenantId, invoiceId).stream().findFirst();
    }

    /**
     * Stores the agency's view of the claim if it is newer (by the agency's own last-updated time)
     * than the stored one, with a history entry per change. A claim the agency closed becomes CLOSED.
     *
     * @return false when the stored view is as new or newer: nothing changed
     */
    public boolean applyAgencyView(String tenantId, String invoiceId, String agencyStatus, ClaimStage stage, CloseReason closeReason,
                                   LocalDateTime updated, BigDecimal capital, BigDecimal interest, BigDecimal fees) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            AgencyView old = agencyView(tenantId, invoiceId).orElse(null);
            if (old == null) {
                return false;
            }
            boolean closed = stage == ClaimStage.CLOSED;
            int n = jdbc.update("""
                    UPDATE claim SET agency_status = ?, stage = ?, close_reason = ?, agency_updated = ?, outstanding_capital = ?,
                                     outstanding_interest = ?, outstanding_fees = ?, updated_at = ?,
                                     closed_at = CASE WHEN ? AND status = 'REGISTERED' THEN ? ELSE closed_at END,
                                     status = CASE WHEN ? AND status = 'REGISTERED' THEN 'CLOSED' ELSE status END
                    WHERE tenant_id = ? AND invoice_id = ? AND (agency_updated IS NULL OR agency_updated < ?)""",
                    agencyStatus, stage == null ? null : stage.name(), closeReason == null ? null : closeReason.name(),
                    Timestamp.valueOf(updated), capital, interest, fees, now(), closed, now(), closed,
                    tenantId, invoiceId, Timestamp.valueOf(updated));
            if (n == 0) {
                return false;
            }
            if (!java.util.Objects.equals(old.agencyStatus(), agencyStatus)) {
                history(tenantId, invoiceId, closed ? "CLOSED" : "AGENCY_STATUS",
                        (old.agencyStatus() == null ? "" : old.agencyStatus() + " → ") + agencyStatus
                                + (closeReason == null ? "" : " (" + closeReason + ")"));
            }
            if (old.outstandingCapital() != null && capital != null && old.outstandingCapital().compareTo(capital) != 0) {
                history(tenantId, invoiceId, "AGENCY_AMOUNTS", "outstanding capital " + old.outstandingCapital() + " → " + capital);
            }
            return true;
        }));
    }

    /** Flags the claim for a person, with a history entry saying what was seen. */
    public void needsAttention(String tenantId, String invoiceId, String event, String what) {
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE claim SET needs_attention = ?, updated_at = ? WHERE tenant_id = ? AND invoice_id = ?",
                    truncate(what), now(), tenantId, invoiceId);
            history(tenantId, invoiceId, event, what);
        });
    }

    /** Step states of booking a write-off as a credit loss (see AgencyStatusService). */
    public void creditLoss(String tenantId, String invoiceId, String state, String eventId, String detail) {
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE claim SET credit_loss_state = ?, credit_loss_event_id = ?, updated_at = ? WHERE tenant_id = ? AND invoice_id = ?",
                    state, eventId, now(), tenantId, invoiceId);
            if (detail != null) {
                history(tenantId, invoiceId, "CREDIT_LOSS", detail);
            }
        });
    }

    /** Registered or closed claims of a tenant, for the first search when the agency has no watermark yet. */
    public Optional<java.time.Instant> firstTransfer(String tenantId) {
        Timestamp t = jdbc.queryForObject("SELECT MIN(transferred_at) FROM claim WHERE tenant_id = ?", Timestamp.class, tenantId);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    public void history(String tenantId, String invoiceId, String event, String detail) {
        jdbc.update("INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail) VALUES (?, ?, ?, ?, ?)",
                tenantId, invoiceId, now(), event, truncate(detail));
    }

    // --- reads for the admin API ---------------------------------------------------------

    private static final String CLAIM_COLUMNS = """
            tenant_id, invoice_id, invoice_number, customer_number, status, reason, agency, agency_claim_id, agency_status,
            stage, close_reason, amount, currency, due_date, transferred_at, updated_at, needs_attention,
            outstanding_capital, outstanding_interest, outstanding_fees, debtor_name, debtor_identifier, debtor_type, debtor_country,
            (SELECT COALESCE(SUM(p.forwarded_amount), 0) FROM payment_event p WHERE p.tenant_id = claim.tenant_id
                AND p.invoice_id = claim.invoice_id AND p.classification = 'DIRECT_PAYMENT' AND p.state = 'FORWARDED') AS forwarded_payments,
            (SELECT COALESCE(SUM(p.forwarded_amount), 0) FROM payment_event p WHERE p.tenant_id = claim.tenant_id
                AND p.invoice_id = claim.invoice_id AND p.classification = 'CREDIT_NOTE' AND p.state = 'FORWARDED') AS forwarded_credit_notes,
            (SELECT COALESCE(SUM(l.capital), 0) FROM settlement_line l WHERE l.tenant_id = claim.tenant_id
                AND l.invoice_id = claim.invoice_id AND l.state IN ('PAID', 'PAID_BY_REFERENCE')) AS paid_out""";

    /** The validated debtor as the claim page shows it: never the full personal identity number. */
    public void debtor(String tenantId, String invoiceId, eu.indriva.debtor.ValidDebtor d) {
        jdbc.update("UPDATE claim SET debtor_name = ?, debtor_identifier = ?, debtor_type = ?, debtor_country = ? WHERE tenant_id = ? AND invoice_id = ?",
                d.name() == null || d.name().length() <= 200 ? d.name() : d.name().substring(0, 200), d.maskedIdentifier(),
                d.type().name(), d.countryCode(), tenantId, invoiceId);
    }

    /** A lowering of a claim's capital after its transfer: a forwarded direct payment or credit note, or a line the agency paid out. */
    public record CapitalChange(LocalDate date, BigDecimal amount) {}

    /** The claim's capital changes, oldest first (the lawful interest runs on what is left). */
    public List<CapitalChange> capitalChanges(String tenantId, String invoiceId) {
        return jdbc.query("""
                SELECT event_date, forwarded_amount FROM payment_event WHERE tenant_id = ? AND invoice_id = ?
                  AND classification IN ('DIRECT_PAYMENT', 'CREDIT_NOTE') AND state = 'FORWARDED' AND event_date IS NOT NULL
                UNION ALL
                SELECT s.settlement_date, l.capital FROM settlement_line l JOIN settlement s
                  ON s.tenant_id = l.tenant_id AND s.settlement_id = l.settlement_id
                WHERE l.tenant_id = ? AND l.invoice_id = ? AND l.state IN ('PAID', 'PAID_BY_REFERENCE')
                ORDER BY 1""", (rs, i) -> new CapitalChange(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2)),
                tenantId, invoiceId, tenantId, invoiceId);
    }

    /** The claim's amount and currency ("1250.00 SEK"), for a log line; empty when there is no such claim. */
    public Optional<String> amountText(String tenantId, String invoiceId) {
        return jdbc.query("SELECT amount, currency FROM claim WHERE tenant_id = ? AND invoice_id = ?",
                (rs, i) -> rs.getBigDecimal(1) + " " + rs.getString(2), tenantId, invoiceId).stream().findFirst();
    }

    public Optional<Claim> find(String tenantId, String invoiceId) {
        return jdbc.query("SELECT " + CLAIM_COLUMNS + " FROM claim WHERE tenant_id = ? AND invoice_id = ?",
                        (rs, i) -> claim(rs, history(tenantId, invoiceId)), tenantId, invoiceId)
                .stream().findFirst();
    }

    /**
     * Which claims a list shows (the admin API's and the claims page's filters); a null is "any".
     *
     * @param transferredFrom transferred at or after this instant
     * @param transferredTo   transferred before this instant
     * @param text            the start of the invoice number, the customer number or the agency's claim id
     */
    public record Filter(ClaimStatus status, Boolean needsAttention, ClaimStage stage, String currency, Instant transferredFrom,
                         Instant transferredTo, String text) {

        public static final Filter ALL = new Filter(null, null, null, null, null, null, null);

        String where(List<Object> args, String tenantId) {
            StringBuilder w = new StringBuilder("tenant_id = ?");
            args.add(tenantId);
            if (status != null) {
                w.append(" AND status = ?");
                args.add(status.name());
            }
            if (needsAttention != null) {
                w.append(needsAttention ? " AND needs_attention IS NOT NULL" : " AND needs_attention IS NULL");
            }
            if (stage != null) {
                w.append(" AND stage = ?");
                args.add(stage.name());
            }
            if (currency != null) {
                w.append(" AND currency = ?");
                args.add(currency);
            }
            if (transferredFrom != null) {
                w.append(" AND transferred_at >= ?");
                args.add(Timestamp.from(transferredFrom));
            }
            if (transferredTo != null) {
                w.append(" AND transferred_at < ?");
                args.add(Timestamp.from(transferredTo));
            }
            if (text != null) {
                String prefix = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                w.append(" AND (invoice_number LIKE ? ESCAPE '\\' OR customer_number LIKE ? ESCAPE '\\'"
                        + " OR agency_claim_id LIKE ? ESCAPE '\\')");
                args.add(prefix);
                args.add(prefix);
                args.add(prefix);
            }
            return w.toString();
        }
    }

    public List<Claim> page(String tenantId, Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args, tenantId);
        args.add(size);
        args.add((long) page * size);
        return listed(where, "updated_at DESC, invoice_id", "LIMIT ? OFFSET ?", args);
    }

    /**
     * The claims a list shows, with the amounts summed from other tables: the page is chosen first
     * (filter, order, limit) and the sums are computed for its rows only. Sorted in one query, a
     * database computes them for every claim that matches before it sorts (PostgreSQL did: 155 ms
     * for a page of 50 out of 64,000, see bench/web-results.md).
     */
    private List<Claim> listed(String where, String order, String limit, List<Object> args) {
        return jdbc.query("SELECT " + CLAIM_COLUMNS + " FROM (SELECT * FROM claim WHERE " + where + " ORDER BY " + order + " " + limit
                + ") claim ORDER BY " + order, (rs, i) -> claim(rs, List.of()), args.toArray());
    }

    /**
     * One page of the filtered list in the order asked, after the claim the last page ended with
     * (keyset paging: as fast on the last page as on the first, and claims added or removed between
     * pages shift nothing; a claim whose sort value changes in between may move past the page break).
     *
     * @param after the sort value and invoice id of the last claim shown, or null for the first page
     */
    public List<Claim> pageAfter(String tenantId, Filter filter, ClaimSort sort, boolean descending, ClaimSort.Position after, int size) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(filter.where(args, tenantId));
        String cmp = descending ? "<" : ">";
        if (after != null) {
            where.append(" AND (").append(sort.column()).append(' ').append(cmp).append(" ? OR (").append(sort.column())
                    .append(" = ? AND invoice_id ").append(cmp).append(" ?))");
            Object value = sort.bind(after.value());
            args.add(value);
            args.add(value);
            args.add(after.invoiceId());
        }
        args.add(size);
        String dir = descending ? " DESC" : " ASC";
        return listed(where.toString(), sort.column() + dir + ", invoice_id" + dir, "LIMIT ?", args);
    }

    /** Claims a person must act on (REJECTED, FAILED, or flagged as needing attention), the most recently changed first. */
    public List<Claim> needingAPerson(String tenantId, int limit) {
        return listed("tenant_id = ? AND (status IN ('REJECTED', 'FAILED') OR needs_attention IS NOT NULL)",
                "updated_at DESC, invoice_id", "LIMIT ?", new ArrayList<>(List.of(tenantId, limit)));
    }

    public long countNeedingAPerson(String tenantId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE tenant_id = ? AND (status IN ('REJECTED', 'FAILED')"
                + " OR needs_attention IS NOT NULL)", Long.class, tenantId);
        return n == null ? 0 : n;
    }

    public long count(String tenantId, Filter filter) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE " + filter.where(args, tenantId), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    public List<Claim.HistoryEntry> history(String tenantId, String invoiceId) {
        return jdbc.query("SELECT at, event, detail FROM claim_history WHERE tenant_id = ? AND invoice_id = ? ORDER BY id",
                (rs, i) -> new Claim.HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)),
                tenantId, invoiceId);
    }

    private static Claim.Outstanding outstanding(ResultSet rs) throws SQLException {
        BigDecimal capital = rs.getBigDecimal("outstanding_capital");
        BigDecimal interest = rs.getBigDecimal("outstanding_interest");
        BigDecimal fees = rs.getBigDecimal("outstanding_fees");
        return capital == null && interest == null && fees == null ? null : new Claim.Outstanding(capital, interest, fees);
    }

    private static Claim claim(ResultSet rs, List<Claim.HistoryEntry> history) throws SQLException {
        Date due = rs.getDate("due_date");
        Timestamp transferred = rs.getTimestamp("transferred_at");
        BigDecimal amount = rs.getBigDecimal("amount");
        return new Claim(rs.getString("tenant_id"), rs.getString("invoice_id"), rs.getString("invoice_number"),
                rs.getString("customer_number"), ClaimStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getString("agency"), rs.getString("agency_claim_id"), rs.getString("agency_status"),
                rs.getString("stage") == null ? null : ClaimStage.valueOf(rs.getString("stage")), rs.getString("close_reason"),
                amount, rs.getString("currency"), due == null ? null : due.toLocalDate(),
                transferred == null ? null : transferred.toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("needs_attention"), outstanding(rs), rs.getBigDecimal("forwarded_payments").setScale(2),
                rs.getBigDecimal("forwarded_credit_notes").setScale(2), rs.getBigDecimal("paid_out").setScale(2),
                rs.getString("debtor_type") == null ? null : new Claim.ClaimDebtor(rs.getString("debtor_name"),
                        rs.getString("debtor_identifier"), rs.getString("debtor_type"), rs.getString("debtor_country")),
                history);
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
