package eu.indriva.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import eu.indriva.agency.promentor.PromentorCsv;
import eu.indriva.agency.promentor.PromentorFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Promentor: what Promentor's side of the file exchange does, on the folder the
 * sandbox SFTP server serves. Each {@link #tick()} it reads {@code /in} (NC, DP and ACK files, then
 * removes them, as Promentor does), answers with a KV receipt and ST updates in {@code /out}, moves
 * each open case one stage on (invoiced → reminder → collection) once it has been in its stage for
 * {@code stageAfter}, and every {@code reportEvery} has the debtor of the oldest case in collection
 * pay it in full: a KM report (and the case closed PAID). Its cases are kept in a journal file, so a
 * restarted sandbox answers a case it knows with DUPLICATE, as Promentor would.
 *
 * <p>Commission 10 % of the capital, VAT 25 % of the commission; in the invoice and reminder
 * services the debtor's reminder fee (60.00) is paid out, in collection the fee (180.00) is kept.
 */
public final class PromentorSandbox {

    private static final Logger log = LoggerFactory.getLogger(PromentorSandbox.class);

    static final List<String> KV_COLUMNS = List.of("file", "lineRef", "status", "caseNo", "message");
    static final List<String> ST_COLUMNS = List.of("caseNo", "claimRef", "stage", "closeReason", "changedAt", "outstandingCapital",
            "outstandingFees", "outstandingInterest");
    static final List<String> KM_COLUMNS = List.of("reportNo", "reportDate", "currency", "payoutTotal", "caseNo", "claimRef", "capital",
            "interest", "fees", "commission", "vat", "payout");

    /** One case as the sandbox Promentor keeps it. */
    public static final class Case {
        public String caseNo;
        public String claimRef;
        public String service;
        public String currency;
        public BigDecimal capital;
        public String stage;
        public String closeReason;
        public Instant stageSince;
    }

    /** Everything the sandbox Promentor remembers. */
    private static final class State {
        long nextCaseNo = 880_001;
        long nextReportNo = 7_001;
        Instant lastReport;
        final Map<String, Case> cases = new LinkedHashMap<>();
        final Set<String> dpLines = new LinkedHashSet<>();
        final Map<String, String> acknowledged = new LinkedHashMap<>();
    }

    /**
     * One line of the journal the state is kept in (JSON lines, appended each tick, read back at
     * start): a case as it now is, a DP line seen, an ACK, or a report written. Appending keeps a
     * tick's cost to what changed, where rewriting the whole state would grow with every case.
     */
    public static final class Entry {
        public Case kase;
        public String dpLine;
        public String ackReport;
        public String ackJournal;
        public Long reportNo;
        public Instant reportAt;
    }

    private final Path root;
    private final Path stateFile;
    private final String creditorNo;
    private final Duration stageAfter;
    private final Duration reportEvery;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).build();
    private final State state = new State();
    private final List<Entry> unsaved = new ArrayList<>();
    private int seq;

    public PromentorSandbox(Path root, Path stateFile, String creditorNo, Duration stageAfter, Duration reportEvery, Clock clock) {
        this.root = root;
        this.stateFile = stateFile;
        this.creditorNo = creditorNo;
        this.stageAfter = stageAfter;
        this.reportEvery = reportEvery;
        this.clock = clock;
        try {
            for (String d : List.of("in", "out", "out/archive", "out/error")) {
                Files.createDirectories(root.resolve(d));
            }
            if (Files.exists(stateFile)) {
                try (Stream<String> lines = Files.lines(stateFile)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (!line.isBlank()) {
                            replay(json.readValue(line, Entry.class));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox Promentor cannot keep its state in " + stateFile, e);
        }
        if (state.lastReport == null) {
            // the report schedule starts now, and is kept so that a restart does not start it again
            Entry start = new Entry();
            start.reportNo = state.nextReportNo;
            start.reportAt = clock.instant();
            change(start);
        }
    }

    private void replay(Entry e) {
        if (e.kase != null) {
            state.cases.put(e.kase.claimRef, e.kase);
            state.nextCaseNo = Math.max(state.nextCaseNo, Long.parseLong(e.kase.caseNo) + 1);
        }
        if (e.dpLine != null) {
            state.dpLines.add(e.dpLine);
        }
        if (e.ackReport != null) {
            state.acknowledged.put(e.ackReport, e.ackJournal);
        }
        if (e.reportNo != null) {
            state.nextReportNo = Math.max(state.nextReportNo, e.reportNo);
            state.lastReport = e.reportAt;
        }
    }

    /** Applies a change and keeps it for the journal. */
    private void change(Entry e) {
        replay(e);
        unsaved.add(e);
    }

    /** The cases, for the sandbox's own checks. */
    public synchronized Map<String, Case> cases() {
        return Map.copyOf(state.cases);
    }

    /** The reports acknowledged: report number → the journal reference of its ACK. */
    public synchronized Map<String, String> acknowledged() {
        return Map.copyOf(state.acknowledged);
    }

    /** One round: read /in, move stages on, maybe pay a case; then keep the state. */
    public synchronized void tick() {
        try {
            List<List<String>> updates = new ArrayList<>();
            try (Stream<Path> files = Files.list(root.resolve("in"))) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    read(f, updates);
                }
            }
            Instant now = clock.instant();
            for (Case c : state.cases.values()) {
                String next = switch (c.stage) {
                    case "INVOICED" -> "REMINDER";
                    case "REMINDER" -> "COLLECTION";
                    default -> null;
                };
                if (next != null && !c.stageSince.plus(stageAfter).isAfter(now)) {
                    updates.add(stage(c, next, null));
                }
            }
            if (!state.lastReport.plus(reportEvery).isAfter(now)) {
                Entry report = new Entry();
                report.reportNo = state.nextReportNo;
                report.reportAt = now;
                change(report);
                state.cases.values().stream().filter(c -> "COLLECTION".equals(c.stage)).min(Comparator.comparing(c -> c.stageSince))
                        .ifPresent(c -> updates.add(payInFull(c)));
            }
            if (!updates.isEmpty()) {
                write(PromentorFiles.Type.ST, ST_COLUMNS, updates);
            }
            if (!unsaved.isEmpty()) {
                StringBuilder lines = new StringBuilder();
                for (Entry e : unsaved) {
                    lines.append(json.writeValueAsString(e)).append('\n');
                }
                Files.writeString(stateFile, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                unsaved.clear();
            }
        } catch (IOException | RuntimeException e) {
            // logged and tried again next tick: a task that throws would never be scheduled again
            log.warn("sandbox Promentor: {}", e.toString());
        }
    }

    /** Reads one file of /in and removes it; leaves a file still being written, and the copies. */
    private void read(Path f, List<List<String>> updates) throws IOException {
        String name = f.getFileName().toString();
        if (name.endsWith(".part") || name.startsWith("ATT_")) {
            return; // a copy is read with the NC file that names it
        }
        PromentorFiles.Type type = PromentorFiles.typeOf(name);
        List<PromentorCsv.Row> rows;
        try {
            rows = PromentorCsv.read(Files.readAllBytes(f));
        } catch (PromentorCsv.Unreadable e) {
            log.warn("sandbox Promentor: {} cannot be read ({}); removed", name, e.getMessage());
            Files.delete(f);
            return;
        }
        List<List<String>> receipts = new ArrayList<>();
        if (type == PromentorFiles.Type.NC) {
            for (PromentorCsv.Row r : rows) {
                receipts.add(newCase(name, r, updates));
                Optional<String> att = r.get("attachment");
                if (att.isPresent()) {
                    Files.deleteIfExists(root.resolve("in").resolve(att.get()));
                }
            }
        } else if (type == PromentorFiles.Type.DP) {
            for (PromentorCsv.Row r : rows) {
                receipts.add(direct(name, r, updates));
            }
        } else if (type == PromentorFiles.Type.ACK) {
            for (PromentorCsv.Row r : rows) {
                Entry ack = new Entry();
                ack.ackReport = r.get("reportNo").orElse("");
                ack.ackJournal = r.get("journalRef").orElse("");
                change(ack);
            }
        } else {
            log.warn("sandbox Promentor: {} is no file Promentor reads; removed", name);
        }
        if (!receipts.isEmpty()) {
            write(PromentorFiles.Type.KV, KV_COLUMNS, receipts);
        }
        Files.delete(f);
    }

    private List<String> newCase(String file, PromentorCsv.Row r, List<List<String>> updates) {
        String claimRef = r.get("claimRef").orElse("");
        Case known = state.cases.get(claimRef);
        if (known != null) {
            return List.of(file, claimRef, "DUPLICATE", known.caseNo, "");
        }
        String service = r.get("service").orElse("");
        BigDecimal amount = r.get("amount").map(BigDecimal::new).orElse(null);
        if (claimRef.isEmpty() || amount == null || !List.of("INVOICE", "REMINDER", "COLLECTION").contains(service)) {
            return List.of(file, claimRef, "REJECTED", "", "Ärendet saknar claimRef, belopp eller tjänst");
        }
        if ("C".equals(r.get("debtorType").orElse("")) && r.get("debtorId").isEmpty()) {
            return List.of(file, claimRef, "REJECTED", "", "Organisationsnummer saknas för gäldenären");
        }
        Case c = new Case();
        c.caseNo = String.valueOf(state.nextCaseNo);
        c.claimRef = claimRef;
        c.service = service;
        c.currency = r.get("currency").orElse("SEK");
        c.capital = amount;
        updates.add(stage(c, switch (service) {
            case "INVOICE" -> "INVOICED";
            case "REMINDER" -> "REMINDER";
            default -> "COLLECTION";
        }, null));
        return List.of(file, claimRef, "ACCEPTED", c.caseNo, "");
    }

    private List<String> direct(String file, PromentorCsv.Row r, List<List<String>> updates) {
        String lineRef = r.get("lineRef").orElse("");
        if (state.dpLines.contains(lineRef)) {
            return List.of(file, lineRef, "DUPLICATE", r.get("caseNo").orElse(""), "");
        }
        Entry seen = new Entry();
        seen.dpLine = lineRef;
        change(seen);
        Case c = state.cases.get(r.get("claimRef").orElse(""));
        if (c == null || "CLOSED".equals(c.stage)) {
            return List.of(file, lineRef, "REJECTED", "", c == null ? "Okänt ärende" : "Ärendet är avslutat");
        }
        String kind = r.get("kind").orElse("");
        if ("RECALL".equals(kind)) {
            updates.add(stage(c, "CLOSED", "WITHDRAWN"));
        } else {
            BigDecimal amount = r.get("amount").map(BigDecimal::new).orElse(BigDecimal.ZERO).min(c.capital);
            c.capital = c.capital.subtract(amount);
            updates.add(c.capital.signum() == 0 ? stage(c, "CLOSED", "CREDIT".equals(kind) ? "CREDITED" : "PAID") : stage(c, c.stage, null));
        }
        return List.of(file, lineRef, "ACCEPTED", c.caseNo, "");
    }

    /** The debtor pays the case in full to Promentor: a KM report of its own, and the case closed. */
    private List<String> payInFull(Case c) {
        BigDecimal capital = c.capital;
        boolean paidOut = !"COLLECTION".equals(c.service);
        BigDecimal fees = paidOut ? new BigDecimal("60.00") : new BigDecimal("180.00");
        BigDecimal interest = capital.multiply(new BigDecimal("0.01")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal commission = capital.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal vat = commission.multiply(new BigDecimal("0.25")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal payout = capital.subtract(commission).subtract(vat);
        if (paidOut) {
            payout = payout.add(interest).add(fees);
        }
        String reportNo = String.valueOf(state.nextReportNo);
        Entry report = new Entry();
        report.reportNo = state.nextReportNo + 1;
        report.reportAt = state.lastReport;
        change(report);
        String amount = PromentorFiles.amount(payout);
        write(PromentorFiles.Type.KM, KM_COLUMNS, List.of(List.of(reportNo, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString(),
                c.currency, amount, c.caseNo, c.claimRef, PromentorFiles.amount(capital), PromentorFiles.amount(interest),
                PromentorFiles.amount(fees), PromentorFiles.amount(commission), PromentorFiles.amount(vat), amount)));
        c.capital = BigDecimal.ZERO.setScale(2);
        log.info("sandbox Promentor: case {} paid in full, report {}", c.caseNo, reportNo);
        return stage(c, "CLOSED", "PAID");
    }

    private List<String> stage(Case c, String stage, String closeReason) {
        c.stage = stage;
        c.closeReason = closeReason;
        c.stageSince = clock.instant();
        Entry e = new Entry();
        e.kase = c;
        change(e);
        List<String> line = new ArrayList<>(List.of(c.caseNo, c.claimRef, stage, closeReason == null ? "" : closeReason,
                c.stageSince.atOffset(ZoneOffset.UTC).toString(), PromentorFiles.amount(c.capital), "0.00", "0.00"));
        return line;
    }

    /** Writes a file to /out as Promentor does: under a temporary name, then renamed. */
    private void write(PromentorFiles.Type type, List<String> columns, List<List<String>> rows) {
        List<List<String>> values = rows.stream().map(row -> row.stream().map(v -> v == null || v.isEmpty() ? null : v).toList()).toList();
        String name = PromentorFiles.fileName(type, creditorNo, clock.instant(), seq++ % 1000);
        Path out = root.resolve("out");
        try {
            Path part = out.resolve(name + ".part");
            Files.write(part, PromentorCsv.write(columns, values));
            Files.move(part, out.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
