package eu.indriva.agency.promentor;

import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyAction;
import eu.indriva.agency.AgencyCase;
import eu.indriva.agency.AgencyChange;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.agency.Settlement;
import eu.indriva.claim.ClaimStage;
import eu.indriva.upstream.UpstreamException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promentor Finans behind {@link Agency}, for one tenant: claims go out as lines of {@code NC}
 * files, Promentor's {@code KV}, {@code ST} and {@code KM} files come back from {@code /out}.
 * Every file shape is read in {@link PromentorFiles}; the transfers are {@link SftpAccount}'s.
 *
 * <p>Sending, exactly once per invoice whatever crashes: a line is recorded (an NC line with its
 * invoice copy, which goes up as its {@code ATT_} file in the same session, just before the file that
 * names it) before any file carries it; registering a claim sends nothing, so a server that is down
 * keeps no claim from being handed over. A file is recorded with its lines before it is uploaded (so no file is ever written unrecorded);
 * a file recorded but not known to be renamed is uploaded again, whole, under the same name. If
 * Promentor had already read the first copy, the lines of the second are answered {@code DUPLICATE}
 * with the existing case, which the claim adopts. A line no receipt answers within the receipt
 * timeout (24 h) is answered UNANSWERED: a person looks, and a retry sends it again (DUPLICATE again).
 *
 * <p>Reading: each file in {@code /out} is recorded by name and SHA-256 together with what it said,
 * in one transaction, before it is moved to {@code /out/archive}; a file seen again is only moved.
 * A line that cannot be used is kept as a problem (file, line number, why) and the rest of the file
 * is applied; a file that cannot be read at all goes to {@code /out/error} and nothing of it is applied.
 */
public final class PromentorAdapter implements Agency {

    private static final Logger log = LoggerFactory.getLogger(PromentorAdapter.class);

    static final String IN = "/in";
    static final String OUT = "/out";

    /** How the adapter is tuned (indriva.promentor.*). */
    public record Tuning(int batchSize, Duration receiptTimeout) {}

    private final String tenantId;
    private final String creditorNo;
    private final SftpAccount sftp;
    private final PromentorStore store;
    private final Tuning tuning;
    private final Clock clock;

    /**
     * One sender at a time per tenant, across threads and instances: runs {@code work} and answers true,
     * or answers false at once when another is sending (two uploads of one file would interleave).
     */
    @FunctionalInterface
    public interface SendLock {
        boolean tryRun(Runnable work);
    }

    private final SendLock sendLock;

    public PromentorAdapter(String tenantId, String creditorNo, SftpAccount sftp, PromentorStore store, Tuning tuning, Clock clock,
                            SendLock sendLock) {
        this.sendLock = sendLock;
        this.tenantId = tenantId;
        this.creditorNo = creditorNo;
        this.sftp = sftp;
        this.store = store;
        this.tuning = tuning;
        this.clock = clock;
    }

    @Override
    public String name() {
        return PromentorPlugin.NAME;
    }

    @Override
    public String system() {
        return PromentorPlugin.SYSTEM;
    }

    @Override
    public String checkConnection() {
        sftp.list(OUT);
        return "an SFTP sign-in (host key checked against the pinned fingerprint) and a listing of " + OUT;
    }

    @Override
    public boolean copyWithRegistration() {
        return true;
    }

    // ---- new cases ------------------------------------------------------------------------------

    @Override
    public Registration register(ClaimRegistration claim) {
        String claimRef = claim.accountingInvoiceId();
        if (store.waiting(tenantId, PromentorFiles.Type.NC, claimRef)) {
            return new Registration.Submitted("already handed to " + name() + ", waiting for its receipt");
        }
        // nothing is sent now: the line and its copy wait in the database for the next file, so a
        // server that is down keeps no claim from being handed over, and one session carries a batch
        InvoiceCopy copy = claim.copy();
        String attachment = copy == null ? null : PromentorFiles.attachmentName(creditorNo, claimRef, copy.mimeType());
        store.queue(tenantId, PromentorFiles.Type.NC, claimRef, PromentorFiles.newCase(claim, attachment), attachment,
                copy == null ? null : copy.content());
        if (store.queued(tenantId, PromentorFiles.Type.NC) >= tuning.batchSize()) {
            try {
                // full files only: the lines of a batch still filling wait for it (or for the sync, by age);
                // when another thread or instance is sending, it takes this batch too
                send(true);
            } catch (UpstreamException e) {
                // the claim is handed over (its line is recorded); the file goes at the next sync
                log.info("tenant={} a full batch waits for the next agency sync: {}", tenantId, e.getMessage());
            }
        }
        return new Registration.Submitted("queued for " + name() + "'s next NC file (with its invoice copy, if any); its receipt "
                + "brings the case number");
    }

    /**
     * Sends what waits: first any file recorded but not known to be sent (a crash, a server that was
     * down), then the queued lines in files of at most {@code batchSize} lines. Nothing when another
     * thread or instance is sending for the tenant (it sends what waits, and the next sync the rest).
     */
    @Override
    public void sendBatched() {
        send(false);
    }

    /** @param fullOnly only files of {@code batchSize} lines (from the registration thread); else every queued line */
    private boolean send(boolean fullOnly) {
        return sendLock.tryRun(() -> {
            for (String name : store.unsent(tenantId)) {
                send(name, PromentorFiles.Type.valueOf(store.kindOf(tenantId, name)));
            }
            for (PromentorFiles.Type kind : List.of(PromentorFiles.Type.NC, PromentorFiles.Type.DP, PromentorFiles.Type.ACK)) {
                while (store.queued(tenantId, kind) >= (fullOnly ? tuning.batchSize() : 1)) {
                    String name = newName(kind);
                    if (store.fileLines(tenantId, kind, name, tuning.batchSize()) == 0) {
                        break;
                    }
                    send(name, kind);
                }
            }
        });
    }

    private String newName(PromentorFiles.Type kind) {
        java.time.Instant now = clock.instant();
        for (int seq = 1; seq <= 999; seq++) {
            String name = PromentorFiles.fileName(kind, creditorNo, now, seq);
            if (!store.fileExists(tenantId, name)) {
                return name;
            }
        }
        throw new UpstreamException.Transient("999 " + kind + " files in one second; the rest go in the next");
    }

    private void send(String name, PromentorFiles.Type kind) {
        List<List<String>> lines = store.contentOf(tenantId, name);
        byte[] content = PromentorCsv.write(columns(kind), lines);
        // the copies first: a case line must never reach Promentor before the file it names
        List<PromentorStore.Upload> uploads = new java.util.ArrayList<>(store.attachmentsOf(tenantId, name));
        uploads.add(new PromentorStore.Upload(name, content));
        sftp.uploadAll(IN, uploads);
        store.sent(tenantId, name);
        log.info("tenant={} {} sent to {} with {} line(s)", tenantId, name, name(), lines.size());
    }

    private static List<String> columns(PromentorFiles.Type kind) {
        return switch (kind) {
            case NC -> PromentorFiles.NC_COLUMNS;
            case DP -> PromentorFiles.DP_COLUMNS;
            case ACK -> PromentorFiles.ACK_COLUMNS;
            default -> throw new IllegalStateException("no columns for " + kind + " files yet");
        };
    }

    // ---- reading /out ---------------------------------------------------------------------------

    @Override
    public void collect() {
        for (SftpAccount.RemoteFile f : sftp.list(OUT)) {
            collect(f.name());
        }
    }

    private void collect(String name) {
        String path = OUT + "/" + name;
        if (name.endsWith(".part")) {
            return; // still being written
        }
        byte[] content = sftp.read(path);
        String sha = sha256(content);
        if (store.seen(tenantId, name, sha)) {
            // applied before; the move to the archive did not happen (or Promentor delivered it again)
            sftp.move(path, OUT + "/archive/" + name);
            return;
        }
        PromentorFiles.Type type = PromentorFiles.typeOf(name);
        List<PromentorCsv.Row> rows;
        try {
            if (type == null || !List.of(PromentorFiles.Type.KV, PromentorFiles.Type.ST, PromentorFiles.Type.KM).contains(type)) {
                throw new PromentorCsv.Unreadable("its name is not one of a file Indriva reads (KV_, ST_, KM_)");
            }
            rows = PromentorCsv.read(content);
        } catch (PromentorCsv.Unreadable e) {
            store.tx().executeWithoutResult(s -> {
                store.read(tenantId, name, sha, "UNREADABLE", e.getMessage());
                store.problem(tenantId, name, 0, "the whole file: " + e.getMessage() + "; moved to " + OUT + "/error, nothing of it applied");
            });
            sftp.move(path, OUT + "/error/" + name);
            log.warn("tenant={} {} from {} cannot be read ({}); moved to {}/error, nothing of it applied", tenantId, name, name(),
                    e.getMessage(), OUT);
            return;
        }
        int[] refused = {0};
        store.tx().executeWithoutResult(s -> {
            switch (type) {
                case KV -> PromentorFiles.receipts(rows).forEach(l -> {
                    refused[0] += apply(name, l, r -> store.answer(tenantId, r), "answers no line Indriva sent in that file, or one "
                            + "already answered");
                    if (l instanceof PromentorFiles.Line.Read<PromentorFiles.Receipt> r && r.value().status() == PromentorFiles.ReceiptStatus.REJECTED
                            && PromentorFiles.typeOf(r.value().file()) == PromentorFiles.Type.DP) {
                        // a payment, credit or recall Promentor would not take: a person must act (its reason is kept with the line)
                        store.problem(tenantId, name, l.number(), "Promentor refused " + r.value().lineRef() + " of " + r.value().file());
                        refused[0]++;
                    }
                });
                case ST -> {
                    long[] seq = {store.lastSeq(tenantId)};
                    PromentorFiles.caseUpdates(rows).forEach(l -> refused[0] += apply(name, l, u -> {
                        store.update(tenantId, u, () -> ++seq[0]);
                        return true; // an update older than what is held changes nothing, and is no problem
                    }, null));
                }
                case KM -> refused[0] += report(name, PromentorFiles.reportLines(rows));
                default -> throw new IllegalStateException(type.name());
            }
            store.read(tenantId, name, sha, "APPLIED", rows.size() + " line(s), " + refused[0] + " refused");
        });
        sftp.move(path, OUT + "/archive/" + name);
        if (refused[0] > 0) {
            log.warn("tenant={} {} from {}: {} of {} line(s) need a person (see the tenant's agency file problems)", tenantId, name,
                    name(), refused[0], rows.size());
        } else {
            log.info("tenant={} {} from {} applied ({} line(s))", tenantId, name, name(), rows.size());
        }
    }

    /**
     * Stores each report of a KM file (one per file, by Promentor's word; grouped by number all the
     * same). A refused line is kept as a problem and the report is still offered: its lines then do not
     * add up to its payout, so the booking flow leaves it NEEDS_ATTENTION and books nothing of it.
     *
     * @return how many lines were refused
     */
    private int report(String file, List<PromentorFiles.Line<PromentorFiles.ReportLine>> lines) {
        int refused = 0;
        java.util.Map<String, List<PromentorFiles.ReportLine>> reports = new java.util.LinkedHashMap<>();
        for (PromentorFiles.Line<PromentorFiles.ReportLine> l : lines) {
            if (l instanceof PromentorFiles.Line.Refused<PromentorFiles.ReportLine> r) {
                store.problem(tenantId, file, r.number(), r.reason());
                refused++;
                continue;
            }
            PromentorFiles.ReportLine line = ((PromentorFiles.Line.Read<PromentorFiles.ReportLine>) l).value();
            List<PromentorFiles.ReportLine> report = reports.computeIfAbsent(line.reportNo(), k -> new java.util.ArrayList<>());
            if (!report.isEmpty() && !sameHeader(report.get(0), line)) {
                store.problem(tenantId, file, l.number(), "its reportDate, currency or payoutTotal differ from the report's first line");
                refused++;
                continue;
            }
            if (line.interestAndFeesPaidOut() == null) {
                store.problem(tenantId, file, l.number(), "its payout is neither capital − commission − vat nor that plus interest and fees");
                refused++;
            }
            report.add(line);
        }
        for (List<PromentorFiles.ReportLine> report : reports.values()) {
            if (!store.report(tenantId, file, report)) {
                log.info("tenant={} {} report {} was read before; not read again", tenantId, file, report.get(0).reportNo());
            }
        }
        return refused;
    }

    private static boolean sameHeader(PromentorFiles.ReportLine a, PromentorFiles.ReportLine b) {
        return a.reportDate().equals(b.reportDate()) && a.currency().equals(b.currency()) && a.payoutTotal().compareTo(b.payoutTotal()) == 0;
    }

    /** @return 1 when the line was refused (kept as a problem), else 0 */
    private <T> int apply(String file, PromentorFiles.Line<T> line, java.util.function.Predicate<T> use, String whenUnused) {
        if (line instanceof PromentorFiles.Line.Refused<T> r) {
            store.problem(tenantId, file, r.number(), r.reason());
            return 1;
        }
        T value = ((PromentorFiles.Line.Read<T>) line).value();
        if (!use.test(value)) {
            store.problem(tenantId, file, line.number(), whenUnused);
            return 1;
        }
        return 0;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- answers and cases ----------------------------------------------------------------------

    @Override
    public List<Answer> answers(int max) {
        java.time.Instant before = clock.instant().minus(tuning.receiptTimeout());
        store.expire(tenantId, before, "no receipt from " + name() + " " + tuning.receiptTimeout().toHours()
                + " h after the case file was sent; a retry sends it again (" + name() + " answers DUPLICATE for a case it has, "
                + "and the claim adopts it)");
        return store.answers(tenantId, max);
    }

    @Override
    public void taken(Answer answer) {
        store.taken(tenantId, answer.id());
    }

    @Override
    public List<Unusable> unusable(int max) {
        return store.problems(tenantId, max);
    }

    @Override
    public List<AgencyChange> changesSince(String since, int max) {
        long after = since == null ? 0 : Long.parseLong(since);
        return store.changedAfter(tenantId, after, max).stream()
                .map(c -> new AgencyChange(c.update().caseNo(), c.update().claimRef(),
                        c.update().changedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), Long.toString(c.seq())))
                .toList();
    }

    /**
     * The case as its latest ST line says; a case with a receipt and no update yet is "ACCEPTED" (no
     * stage yet, as Kravia's Registered), from the time the receipt was read.
     */
    @Override
    public Optional<AgencyCase> details(String caseNo) {
        Optional<PromentorStore.Case> updated = store.find(tenantId, caseNo);
        if (updated.isEmpty()) {
            return store.received(tenantId, caseNo).map(r -> new AgencyCase(caseNo, r.claimRef(), "ACCEPTED", null, null,
                    r.at().atOffset(ZoneOffset.UTC).toLocalDateTime(), null, null, null, null, null, List.of(AgencyAction.WITHDRAW)));
        }
        return updated.map(c -> {
            PromentorFiles.CaseUpdate u = c.update();
            List<AgencyAction> actions = u.stage() == ClaimStage.CLOSED ? List.of() : List.of(AgencyAction.WITHDRAW);
            return new AgencyCase(u.caseNo(), u.claimRef(), u.stage().name(), u.stage(), u.closeReason(),
                    u.changedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), null, null, u.outstandingCapital(),
                    u.outstandingInterest(), u.outstandingFees(), actions);
        });
    }

    // ---- payouts, direct payments and actions ----------------------------------------------------

    @Override
    public void attach(String agencyClaimId, InvoiceCopy copy) {
        // the copy went ahead of the case file (copyWithRegistration); there is no later attachment in the exchange
        throw new UpstreamException.Permanent(409, name() + " takes the invoice copy only with the case file");
    }

    /** Each KM report not yet acknowledged, as a settlement: its number is the id, {@code KM<reportNo>} the bank reference. */
    @Override
    public List<Settlement> openSettlements() {
        return store.openReports(tenantId).stream().map(lines -> {
            PromentorFiles.ReportLine first = lines.get(0);
            List<Settlement.Line> out = lines.stream().map(l -> new Settlement.Line(l.caseNo(), l.claimRef(), l.capital(), l.interest(),
                    l.fees(), l.commission(), l.vat(), Boolean.TRUE.equals(l.interestAndFeesPaidOut()))).toList();
            return new Settlement(first.reportNo(), first.reportDate(), first.currency(), first.payoutTotal(), "KM" + first.reportNo(),
                    false, out);
        }).toList();
    }

    /**
     * Writes the report's ACK line and sends it at once. The same report acknowledged again with the
     * same reference sends nothing (Promentor would ignore it anyway).
     */
    @Override
    public void acknowledgeSettlement(String settlementId, String internalAccountingId) {
        if (store.ackedWith(tenantId, settlementId).filter(internalAccountingId::equals).isPresent()) {
            return;
        }
        String ref = settlementId + "/" + internalAccountingId;
        if (!store.known(tenantId, PromentorFiles.Type.ACK, ref)) {
            store.queue(tenantId, PromentorFiles.Type.ACK, ref, PromentorFiles.acknowledgement(settlementId, clock.instant(),
                    internalAccountingId));
        }
        if (!send(false)) {
            throw new UpstreamException.Transient("another instance is sending " + name() + "'s files for this tenant; the ACK "
                    + "goes at the next sync");
        }
        store.acked(tenantId, settlementId, internalAccountingId);
    }

    @Override
    public boolean directPayment(String agencyClaimId, String accountingPaymentId, LocalDate date, BigDecimal amount, String description) {
        return queueDirect(accountingPaymentId, agencyClaimId, PromentorFiles.DpKind.PAYMENT, date, amount);
    }

    @Override
    public boolean creditNote(String agencyClaimId, String accountingPaymentId, LocalDate date, BigDecimal amount, String description) {
        return queueDirect(accountingPaymentId, agencyClaimId, PromentorFiles.DpKind.CREDIT, date, amount);
    }

    @Override
    public void action(String agencyClaimId, AgencyAction action) {
        if (action != AgencyAction.WITHDRAW) {
            throw new UpstreamException.Permanent(409, name() + "'s file exchange offers no " + action.name().toLowerCase()
                    + "; only a recall (withdraw)");
        }
        queueDirect("recall-" + agencyClaimId, agencyClaimId, PromentorFiles.DpKind.RECALL, LocalDate.now(clock), null);
    }

    /**
     * Records a DP line for the next DP file, once per {@code lineRef} for ever (Promentor answers a
     * repeat DUPLICATE; Indriva does not send one).
     *
     * @return false when the line was recorded before
     */
    private boolean queueDirect(String lineRef, String caseNo, PromentorFiles.DpKind kind, LocalDate date, BigDecimal amount) {
        if (store.known(tenantId, PromentorFiles.Type.DP, lineRef)) {
            return false;
        }
        String claimRef = store.claimRefOf(tenantId, caseNo).orElseThrow(() -> new UpstreamException.Permanent(404,
                name() + " case " + caseNo + " is not one Indriva has a receipt or update for"));
        store.queue(tenantId, PromentorFiles.Type.DP, lineRef, PromentorFiles.directLine(lineRef, claimRef, caseNo, kind, date, amount));
        return true;
    }

    @Override
    public String toString() {
        return "PromentorAdapter[" + tenantId + "]";
    }
}
