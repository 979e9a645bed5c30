package eu.indriva.agency.promentor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.agency.Agency;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the Promentor adapter keeps between calls (migration V13): the lines and files it sends,
 * the files it has read, and each case as the latest ST line said it. One instance for every
 * tenant; every method names the tenant.
 */
public final class PromentorStore {

    private static final TypeReference<List<String>> VALUES = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public PromentorStore(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    public TransactionTemplate tx() {
        return tx;
    }

    // ---- lines and files Indriva sends ------------------------------------------------------

    /** Whether a line of this kind and ref was queued or sent and is not answered yet. */
    public boolean waiting(String tenant, PromentorFiles.Type kind, String ref) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM promentor_out_line WHERE tenant_id = ? AND kind = ? AND ref = ? AND outcome IS NULL",
                Integer.class, tenant, kind.name(), ref);
        return n != null && n > 0;
    }

    /** Whether a line of this kind and ref was ever queued (a DP line's ref is unique for ever). */
    public boolean known(String tenant, PromentorFiles.Type kind, String ref) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM promentor_out_line WHERE tenant_id = ? AND kind = ? AND ref = ?",
                Integer.class, tenant, kind.name(), ref);
        return n != null && n > 0;
    }

    public void queue(String tenant, PromentorFiles.Type kind, String ref, List<String> values) {
        queue(tenant, kind, ref, values, null, null);
    }

    /** A line with the file that must reach Promentor before it (an NC line's invoice copy), or none. */
    public void queue(String tenant, PromentorFiles.Type kind, String ref, List<String> values, String attachmentName, byte[] attachment) {
        jdbc.update("""
                INSERT INTO promentor_out_line (tenant_id, kind, ref, content, attachment_name, attachment, created_at, taken)
                VALUES (?, ?, ?, ?, ?, ?, ?, FALSE)""",
                tenant, kind.name(), ref, write(values), attachmentName,
                attachment == null ? null : java.util.Base64.getEncoder().encodeToString(attachment), now());
    }

    /** A file to upload: its name and content. */
    public record Upload(String name, byte[] content) {}

    /** The attachments a file's lines need uploaded first (those not yet dropped). */
    public List<Upload> attachmentsOf(String tenant, String name) {
        return jdbc.query("""
                SELECT attachment_name, attachment FROM promentor_out_line
                WHERE tenant_id = ? AND file_name = ? AND attachment IS NOT NULL ORDER BY id""",
                (rs, i) -> new Upload(rs.getString(1), java.util.Base64.getDecoder().decode(rs.getString(2))), tenant, name);
    }

    public int queued(String tenant, PromentorFiles.Type kind) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM promentor_out_line WHERE tenant_id = ? AND kind = ? AND file_name IS NULL",
                Integer.class, tenant, kind.name());
        return n == null ? 0 : n;
    }

    /** Files recorded but not known to have reached their final name, oldest first. */
    public List<String> unsent(String tenant) {
        return jdbc.queryForList("SELECT name FROM promentor_out_file WHERE tenant_id = ? AND sent_at IS NULL ORDER BY created_at, name",
                String.class, tenant);
    }

    /**
     * Records a new file and gives it up to {@code max} of the queued lines, oldest first, in one
     * transaction. A line another instance gave to its own file meanwhile is not taken twice.
     *
     * @return the number of lines the file holds (0: nothing was queued; the file is not recorded)
     */
    public int fileLines(String tenant, PromentorFiles.Type kind, String name, int max) {
        Integer n = tx.execute(s -> {
            jdbc.update("INSERT INTO promentor_out_file (tenant_id, name, kind, created_at) VALUES (?, ?, ?, ?)",
                    tenant, name, kind.name(), now());
            // one statement; the outer "file_name IS NULL" is checked again on each row it locks, so a line another
            // instance gave to its own file meanwhile is skipped, not taken twice
            int taken = jdbc.update("""
                    UPDATE promentor_out_line SET file_name = ? WHERE file_name IS NULL AND id IN (
                        SELECT id FROM promentor_out_line WHERE tenant_id = ? AND kind = ? AND file_name IS NULL ORDER BY id LIMIT ?)""",
                    name, tenant, kind.name(), max);
            if (taken == 0) {
                jdbc.update("DELETE FROM promentor_out_file WHERE tenant_id = ? AND name = ?", tenant, name);
            }
            return taken;
        });
        return n == null ? 0 : n;
    }

    public boolean fileExists(String tenant, String name) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM promentor_out_file WHERE tenant_id = ? AND name = ?", Integer.class, tenant, name);
        return n != null && n > 0;
    }

    /** The values of a file's lines, in the order they were queued. */
    public List<List<String>> contentOf(String tenant, String name) {
        return jdbc.query("SELECT content FROM promentor_out_line WHERE tenant_id = ? AND file_name = ? ORDER BY id",
                (rs, i) -> read(rs.getString(1)), tenant, name);
    }

    public String kindOf(String tenant, String name) {
        return jdbc.queryForObject("SELECT kind FROM promentor_out_file WHERE tenant_id = ? AND name = ?", String.class, tenant, name);
    }

    /** The file has its final name: recorded as sent, and its lines' copies are dropped. */
    public void sent(String tenant, String name) {
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE promentor_out_file SET sent_at = ? WHERE tenant_id = ? AND name = ? AND sent_at IS NULL", now(), tenant, name);
            jdbc.update("UPDATE promentor_out_line SET attachment = NULL WHERE tenant_id = ? AND file_name = ?", tenant, name);
        });
    }

    /** The claimRef (invoice id) of a case, from its NC line's receipt or its latest ST line. */
    public Optional<String> claimRefOf(String tenant, String caseNo) {
        List<String> refs = jdbc.queryForList("""
                SELECT ref FROM promentor_out_line WHERE tenant_id = ? AND kind = 'NC' AND case_no = ?
                UNION SELECT claim_ref FROM promentor_case WHERE tenant_id = ? AND case_no = ?""", String.class, tenant, caseNo, tenant, caseNo);
        return refs.stream().findFirst();
    }

    /** A case Promentor's receipt gave (ACCEPTED or DUPLICATE): its claimRef and when the receipt was read. */
    public record Received(String claimRef, Instant at) {}

    public Optional<Received> received(String tenant, String caseNo) {
        return jdbc.query("""
                SELECT ref, answered_at FROM promentor_out_line WHERE tenant_id = ? AND kind = 'NC' AND case_no = ?
                ORDER BY answered_at DESC""", (rs, i) -> new Received(rs.getString(1), rs.getTimestamp(2).toInstant()), tenant, caseNo)
                .stream().findFirst();
    }

    // ---- receipts and answers -----------------------------------------------------------------

    /**
     * @return false when no line sent in that file has that ref and waits for an answer; a repeat of
     *         an answer already held (a DUPLICATE naming the same case, for a file sent twice) is true
     */
    public boolean answer(String tenant, PromentorFiles.Receipt r) {
        if (r.caseNo() != null) {
            Integer same = jdbc.queryForObject("""
                    SELECT COUNT(*) FROM promentor_out_line WHERE tenant_id = ? AND file_name = ? AND ref = ? AND case_no = ?""",
                    Integer.class, tenant, r.file(), r.lineRef(), r.caseNo());
            if (same != null && same > 0) {
                return true;
            }
        }
        return jdbc.update("""
                UPDATE promentor_out_line SET outcome = ?, case_no = ?, message = ?, answered_at = ?
                WHERE tenant_id = ? AND file_name = ? AND ref = ? AND outcome IS NULL""",
                r.status().name(), r.caseNo(), r.message() == null ? null : truncate(r.message()), now(), tenant, r.file(), r.lineRef()) > 0;
    }

    /** NC lines in files sent before {@code before} that no receipt answered: they are answered UNANSWERED. */
    public int expire(String tenant, Instant before, String message) {
        return jdbc.update("""
                UPDATE promentor_out_line SET outcome = 'UNANSWERED', message = ?, answered_at = ?
                WHERE tenant_id = ? AND kind = 'NC' AND outcome IS NULL AND file_name IN (
                    SELECT name FROM promentor_out_file WHERE tenant_id = ? AND sent_at < ?)""",
                message, now(), tenant, tenant, Timestamp.from(before));
    }

    public List<Agency.Answer> answers(String tenant, int max) {
        return jdbc.query("""
                SELECT id, ref, outcome, case_no, message, file_name FROM promentor_out_line
                WHERE tenant_id = ? AND kind = 'NC' AND outcome IS NOT NULL AND taken = FALSE ORDER BY answered_at, id LIMIT ?""",
                (rs, i) -> new Agency.Answer(Long.toString(rs.getLong(1)), rs.getString(2), switch (rs.getString(3)) {
                    case "ACCEPTED" -> Agency.Answer.Outcome.REGISTERED;
                    case "DUPLICATE" -> Agency.Answer.Outcome.ADOPTED;
                    case "REJECTED" -> Agency.Answer.Outcome.REFUSED;
                    default -> Agency.Answer.Outcome.UNANSWERED;
                }, rs.getString(4), rs.getString(5)), tenant, max);
    }

    /** The answer is applied: it is not offered again, and the line's content (the debtor's data) is dropped. */
    public void taken(String tenant, String id) {
        jdbc.update("UPDATE promentor_out_line SET taken = TRUE, content = NULL WHERE tenant_id = ? AND id = ?", tenant, Long.parseLong(id));
    }

    // ---- files read ---------------------------------------------------------------------------

    public boolean seen(String tenant, String name, String sha256) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM promentor_in_file WHERE tenant_id = ? AND name = ? AND sha256 = ?",
                Integer.class, tenant, name, sha256);
        return n != null && n > 0;
    }

    public void read(String tenant, String name, String sha256, String outcome, String detail) {
        jdbc.update("INSERT INTO promentor_in_file (tenant_id, name, sha256, read_at, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)",
                tenant, name, sha256, now(), outcome, detail == null ? null : truncate(detail));
    }

    public void problem(String tenant, String file, int line, String reason) {
        jdbc.update("INSERT INTO promentor_in_problem (tenant_id, file_name, line_no, reason, seen_at) VALUES (?, ?, ?, ?, ?)",
                tenant, file, line, reason.length() > 500 ? reason.substring(0, 500) : reason, now());
    }

    /** Lines (and, as line 0, whole files) a person must look at, newest first. */
    public List<Agency.Unusable> problems(String tenant, int max) {
        return jdbc.query("SELECT file_name, line_no, reason, seen_at FROM promentor_in_problem WHERE tenant_id = ? ORDER BY id DESC LIMIT ?",
                (rs, i) -> new Agency.Unusable(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant()), tenant, max);
    }

    // ---- cases ----------------------------------------------------------------------------------

    /** The last place in the "changed since" order; a file's updates continue from it (one sync at a time per tenant). */
    public long lastSeq(String tenant) {
        Long last = jdbc.queryForObject("SELECT MAX(seq) FROM promentor_case WHERE tenant_id = ?", Long.class, tenant);
        return last == null ? 0 : last;
    }

    /**
     * Stores the update unless the case already holds a change at or after its time.
     *
     * @param nextSeq gives the update its place in the "changed since" order, asked only when it changes the case
     * @return whether it changed the case
     */
    public boolean update(String tenant, PromentorFiles.CaseUpdate u, java.util.function.LongSupplier nextSeq) {
        List<Timestamp> held = jdbc.query("SELECT changed_at FROM promentor_case WHERE tenant_id = ? AND case_no = ?",
                (rs, i) -> rs.getTimestamp(1), tenant, u.caseNo());
        Timestamp at = Timestamp.from(u.changedAt().toInstant());
        if (!held.isEmpty() && !held.get(0).before(at)) {
            return false;
        }
        long seq = nextSeq.getAsLong();
        Object[] values = {u.claimRef(), u.stage().name(), u.closeReason() == null ? null : u.closeReason().name(), at,
                u.outstandingCapital(), u.outstandingFees(), u.outstandingInterest(), seq, tenant, u.caseNo()};
        if (held.isEmpty()) {
            jdbc.update("""
                    INSERT INTO promentor_case (claim_ref, stage, close_reason, changed_at, outstanding_capital, outstanding_fees,
                                                outstanding_interest, seq, tenant_id, case_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values);
        } else {
            jdbc.update("""
                    UPDATE promentor_case SET claim_ref = ?, stage = ?, close_reason = ?, changed_at = ?, outstanding_capital = ?,
                                              outstanding_fees = ?, outstanding_interest = ?, seq = ? WHERE tenant_id = ? AND case_no = ?""",
                    values);
        }
        return true;
    }

    /** A case as stored, with its place in the "changed since" order. */
    public record Case(long seq, PromentorFiles.CaseUpdate update) {}

    public List<Case> changedAfter(String tenant, long seq, int max) {
        return jdbc.query("""
                SELECT seq, case_no, claim_ref, stage, close_reason, changed_at, outstanding_capital, outstanding_fees, outstanding_interest
                FROM promentor_case WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?""", (rs, i) -> caseOf(rs), tenant, seq, max);
    }

    public Optional<Case> find(String tenant, String caseNo) {
        return jdbc.query("""
                SELECT seq, case_no, claim_ref, stage, close_reason, changed_at, outstanding_capital, outstanding_fees, outstanding_interest
                FROM promentor_case WHERE tenant_id = ? AND case_no = ?""", (rs, i) -> caseOf(rs), tenant, caseNo).stream().findFirst();
    }

    private static Case caseOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        String reason = rs.getString(5);
        return new Case(rs.getLong(1), new PromentorFiles.CaseUpdate(rs.getString(2), rs.getString(3),
                eu.indriva.claim.ClaimStage.valueOf(rs.getString(4)), reason == null ? null : eu.indriva.claim.CloseReason.valueOf(reason),
                rs.getTimestamp(6).toInstant().atOffset(java.time.ZoneOffset.UTC), rs.getBigDecimal(7), rs.getBigDecimal(8),
                rs.getBigDecimal(9)));
    }

    // ---- reports ---------------------------------------------------------------------------------

    /** Stores a report unless its number is known. @return false when it was known (a re-delivery) */
    public boolean report(String tenant, String file, List<PromentorFiles.ReportLine> lines) {
        PromentorFiles.ReportLine first = lines.get(0);
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM promentor_report WHERE tenant_id = ? AND report_no = ?", Integer.class,
                tenant, first.reportNo());
        if (n != null && n > 0) {
            return false;
        }
        try {
            jdbc.update("""
                    INSERT INTO promentor_report (tenant_id, report_no, file_name, report_date, currency, payout_total, lines)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", tenant, first.reportNo(), file, java.sql.Date.valueOf(first.reportDate()),
                    first.currency(), first.payoutTotal(), json.writeValueAsString(lines));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    /** Reports not yet acknowledged, oldest first. */
    public List<List<PromentorFiles.ReportLine>> openReports(String tenant) {
        return jdbc.query("SELECT lines FROM promentor_report WHERE tenant_id = ? AND acked_at IS NULL ORDER BY report_date, report_no",
                (rs, i) -> {
                    try {
                        return json.readValue(rs.getString(1), new TypeReference<List<PromentorFiles.ReportLine>>() {});
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("a stored Promentor report cannot be read", e);
                    }
                }, tenant);
    }

    /** The journal reference the report was acknowledged with, or empty. */
    public Optional<String> ackedWith(String tenant, String reportNo) {
        return jdbc.query("SELECT acked_ref FROM promentor_report WHERE tenant_id = ? AND report_no = ? AND acked_at IS NOT NULL",
                (rs, i) -> rs.getString(1), tenant, reportNo).stream().findFirst();
    }

    public void acked(String tenant, String reportNo, String journalRef) {
        jdbc.update("UPDATE promentor_report SET acked_ref = ?, acked_at = ? WHERE tenant_id = ? AND report_no = ?", journalRef, now(),
                tenant, reportNo);
    }

    // ---------------------------------------------------------------------------------------------

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored Promentor line cannot be read", e);
        }
    }
}
