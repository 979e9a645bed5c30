package eu.indriva.agency.promentor;

import eu.indriva.agency.AgencyService;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.debtor.DebtorType;
import eu.indriva.debtor.ValidDebtor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shapes of Promentor's files (promentor-files.md, every one of them assumed): file names, the
 * columns Indriva writes, and the lines it reads, each either read or refused with the reason and
 * its line number. Plain code; nothing outside this package knows a column name.
 */
public final class PromentorFiles {

    private PromentorFiles() {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern AMOUNT = Pattern.compile("^[0-9]{1,13}\\.[0-9]{2}$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,20}$");

    /** The kinds of file, by the prefix of their names. */
    public enum Type { NC, DP, ACK, KV, ST, KM }

    /** {@code <TYPE>_<creditorNo>_<yyyyMMddHHmmss>_<seq>.csv}, in UTC, {@code seq} three digits. */
    public static String fileName(Type type, String creditorNo, Instant at, int seq) {
        if (seq < 0 || seq > 999) {
            throw new IllegalArgumentException("seq " + seq + " is not 0-999");
        }
        return type + "_" + creditorNo + "_" + STAMP.format(at) + "_" + String.format("%03d", seq) + ".csv";
    }

    /** The type a file found in {@code /out} names, or null when its name is none of Promentor's. */
    public static Type typeOf(String fileName) {
        int cut = fileName.indexOf('_');
        if (cut < 0 || !fileName.endsWith(".csv")) {
            return null;
        }
        try {
            return Type.valueOf(fileName.substring(0, cut));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code ATT_<creditorNo>_<claimRef>.<pdf|png>}: the invoice copy sent ahead of the case file naming it. */
    public static String attachmentName(String creditorNo, String claimRef, String mimeType) {
        String ext = "image/png".equals(mimeType) ? "png" : "pdf";
        return "ATT_" + creditorNo + "_" + claimRef + "." + ext;
    }

    // ---- NC: new cases ------------------------------------------------------------------------

    public static final List<String> NC_COLUMNS = List.of("claimRef", "service", "invoiceNo", "invoiceDate", "dueDate", "currency",
            "invoiceTotal", "amount", "debtorNo", "debtorType", "debtorId", "debtorName", "street", "postalCode", "city",
            "countryCode", "email", "ocr", "attachment");

    /**
     * One claim's NC line.
     *
     * The claimed amount is the outstanding one, or the invoice's total for the invoice service.
     *
     * @param attachment the ATT_ file already uploaded for it, or null
     */
    public static List<String> newCase(ClaimRegistration c, String attachment) {
        ValidDebtor d = c.debtor();
        BigDecimal invoiceTotal = c.invoiceTotal();
        BigDecimal amount = c.service() == AgencyService.INVOICE ? invoiceTotal : c.outstanding();
        String debtorId = d.type() == DebtorType.COMPANY ? d.organisationNumber() : d.personalNumber();
        return Arrays.asList(c.accountingInvoiceId(), c.service().name(), c.invoiceNumber(), date(c.invoiceDate()), date(c.dueDate()),
                c.currency(), amount(invoiceTotal), amount(amount), c.debtorNumber(), d.type() == DebtorType.COMPANY ? "C" : "P",
                debtorId, d.name(), d.street(), d.zip(), d.city(), d.countryCode(), d.email(), c.paymentReference(), attachment);
    }

    // ---- DP: direct payments, credit notes and recalls -------------------------------------------

    public static final List<String> DP_COLUMNS = List.of("lineRef", "claimRef", "caseNo", "kind", "date", "amount");

    /** What a DP line tells Promentor. */
    public enum DpKind { PAYMENT, CREDIT, RECALL }

    /**
     * One DP line.
     *
     * @param lineRef unique for ever (the accounting system's payment event id; {@code recall-<caseNo>} for a recall)
     * @param amount positive; null for a recall
     */
    public static List<String> directLine(String lineRef, String claimRef, String caseNo, DpKind kind, java.time.LocalDate date,
                                          BigDecimal amount) {
        if (kind != DpKind.RECALL && (amount == null || amount.signum() <= 0)) {
            throw new IllegalArgumentException("a " + kind + " line needs a positive amount");
        }
        return Arrays.asList(lineRef, claimRef, caseNo, kind.name(), date(date), kind == DpKind.RECALL ? null : amount(amount));
    }

    /** Two decimals, a dot, no grouping; an amount with more decimals is refused rather than rounded. */
    public static String amount(BigDecimal a) {
        return a == null ? null : a.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String date(java.time.LocalDate d) {
        return d == null ? null : d.toString();
    }

    // ---- reading: each line read, or refused with its number and why ----------------------------

    /** A line of a file read from {@code /out}: what it says, or why it cannot be used. */
    public sealed interface Line<T> {
        int number();

        record Read<T>(int number, T value) implements Line<T> {}

        /** @param reason in words for the person who must look at it; never quotes a personal field */
        record Refused<T>(int number, String reason) implements Line<T> {}
    }

    /** Each row read by {@code read}; a row with more fields than the header is refused before it is read. */
    private static <T> List<Line<T>> each(List<PromentorCsv.Row> rows, java.util.function.Function<PromentorCsv.Row, Line<T>> read) {
        List<Line<T>> out = new ArrayList<>();
        for (PromentorCsv.Row r : rows) {
            out.add(r.get("#extra").isPresent() ? new Line.Refused<>(r.number(), "more fields than the header names") : read.apply(r));
        }
        return out;
    }

    /** What a KV receipt says about one NC or DP line. */
    public enum ReceiptStatus { ACCEPTED, DUPLICATE, REJECTED }

    /**
     * One KV line.
     *
     * @param file the NC/DP file it answers
     * @param lineRef the claimRef of an NC line, the lineRef of a DP line
     * @param caseNo Promentor's case number (ACCEPTED, DUPLICATE), else null
     * @param message the reason of a REJECTED (may quote the debtor: keep it on the claim, never log it)
     */
    public record Receipt(String file, String lineRef, ReceiptStatus status, String caseNo, String message) {

        @Override
        public String toString() {
            return "Receipt[file=" + file + ", lineRef=" + lineRef + ", status=" + status + ", caseNo=" + caseNo + "]";
        }
    }

    public static List<Line<Receipt>> receipts(List<PromentorCsv.Row> rows) {
        return each(rows, PromentorFiles::receipt);
    }

    private static Line<Receipt> receipt(PromentorCsv.Row r) {
        String file = r.get("file").orElse(null);
        String lineRef = r.get("lineRef").orElse(null);
        String status = r.get("status").orElse(null);
        if (file == null || lineRef == null || status == null) {
            return new Line.Refused<>(r.number(), "file, lineRef and status are required");
        }
        ReceiptStatus s;
        try {
            s = ReceiptStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return new Line.Refused<>(r.number(), "status '" + printable(status) + "' is none of " + Arrays.toString(ReceiptStatus.values()));
        }
        String caseNo = r.get("caseNo").orElse(null);
        if (s != ReceiptStatus.REJECTED && (caseNo == null || !DIGITS.matcher(caseNo).matches())) {
            return new Line.Refused<>(r.number(), s + " without a caseNo of digits");
        }
        return new Line.Read<>(r.number(), new Receipt(file, lineRef, s, s == ReceiptStatus.REJECTED ? null : caseNo,
                s == ReceiptStatus.REJECTED ? r.get("message").orElse("(no message)") : null));
    }

    /**
     * One ST line: where the case is now.
     *
     * @param stage the stage in every agency's words (Promentor's words are the same)
     * @param closeReason for CLOSED, else null
     */
    public record CaseUpdate(String caseNo, String claimRef, eu.indriva.claim.ClaimStage stage, eu.indriva.claim.CloseReason closeReason,
                             java.time.OffsetDateTime changedAt, BigDecimal outstandingCapital, BigDecimal outstandingFees,
                             BigDecimal outstandingInterest) {}

    public static List<Line<CaseUpdate>> caseUpdates(List<PromentorCsv.Row> rows) {
        return each(rows, PromentorFiles::caseUpdate);
    }

    private static Line<CaseUpdate> caseUpdate(PromentorCsv.Row r) {
        String caseNo = r.get("caseNo").orElse(null);
        String claimRef = r.get("claimRef").orElse(null);
        if (caseNo == null || !DIGITS.matcher(caseNo).matches() || claimRef == null) {
            return new Line.Refused<>(r.number(), "caseNo (digits) and claimRef are required");
        }
        eu.indriva.claim.ClaimStage stage;
        try {
            stage = eu.indriva.claim.ClaimStage.valueOf(r.get("stage").orElse(""));
        } catch (IllegalArgumentException e) {
            return new Line.Refused<>(r.number(), "stage '" + printable(r.get("stage").orElse("")) + "' is none of "
                    + Arrays.toString(eu.indriva.claim.ClaimStage.values()));
        }
        eu.indriva.claim.CloseReason reason = null;
        if (stage == eu.indriva.claim.ClaimStage.CLOSED) {
            try {
                reason = eu.indriva.claim.CloseReason.valueOf(r.get("closeReason").orElse(""));
            } catch (IllegalArgumentException e) {
                return new Line.Refused<>(r.number(), "a CLOSED case needs a closeReason, one of "
                        + Arrays.toString(eu.indriva.claim.CloseReason.values()));
            }
        }
        java.time.OffsetDateTime changedAt;
        try {
            changedAt = java.time.OffsetDateTime.parse(r.get("changedAt").orElse(""));
        } catch (java.time.format.DateTimeParseException e) {
            return new Line.Refused<>(r.number(), "changedAt must be an ISO date-time with offset");
        }
        BigDecimal[] amounts = new BigDecimal[3];
        String[] columns = {"outstandingCapital", "outstandingFees", "outstandingInterest"};
        for (int i = 0; i < 3; i++) {
            String v = r.get(columns[i]).orElse(null);
            amounts[i] = parseAmount(v);
            if (v != null && amounts[i] == null) {
                return new Line.Refused<>(r.number(), columns[i] + " is not an amount such as 1250.00");
            }
        }
        return new Line.Read<>(r.number(), new CaseUpdate(caseNo, claimRef, stage, reason, changedAt, amounts[0], amounts[1], amounts[2]));
    }

    /**
     * One KM line: a case's part of a client-funds report. Every line repeats the report's number,
     * date, currency and payout total.
     */
    public record ReportLine(String reportNo, java.time.LocalDate reportDate, String currency, BigDecimal payoutTotal, String caseNo,
                             String claimRef, BigDecimal capital, BigDecimal interest, BigDecimal fees, BigDecimal commission,
                             BigDecimal vat, BigDecimal payout) {

        /**
         * Whether the interest and fees are in the line's payout (invoice and reminder services); null
         * when the payout is neither capital − commission − vat nor that plus interest and fees.
         */
        public Boolean interestAndFeesPaidOut() {
            BigDecimal kept = capital.subtract(commission).subtract(vat);
            if (payout.compareTo(kept) == 0) {
                return Boolean.FALSE;
            }
            return payout.compareTo(kept.add(interest).add(fees)) == 0 ? Boolean.TRUE : null;
        }
    }

    private static final List<String> KM_AMOUNTS = List.of("payoutTotal", "capital", "interest", "fees", "commission", "vat", "payout");

    public static List<Line<ReportLine>> reportLines(List<PromentorCsv.Row> rows) {
        return each(rows, PromentorFiles::reportLine);
    }

    private static Line<ReportLine> reportLine(PromentorCsv.Row r) {
        String reportNo = r.get("reportNo").orElse(null);
        String caseNo = r.get("caseNo").orElse(null);
        String currency = r.get("currency").orElse(null);
        if (reportNo == null || caseNo == null || !DIGITS.matcher(caseNo).matches() || currency == null || !currency.matches("[A-Z]{3}")) {
            return new Line.Refused<>(r.number(), "reportNo, caseNo (digits) and currency (ISO 4217) are required");
        }
        java.time.LocalDate date;
        try {
            date = java.time.LocalDate.parse(r.get("reportDate").orElse(""));
        } catch (java.time.format.DateTimeParseException e) {
            return new Line.Refused<>(r.number(), "reportDate must be a date such as 2026-12-05");
        }
        BigDecimal[] a = new BigDecimal[KM_AMOUNTS.size()];
        for (int i = 0; i < a.length; i++) {
            String v = r.get(KM_AMOUNTS.get(i)).orElse(i >= 2 && i <= 5 ? "0.00" : null);
            a[i] = v != null && v.startsWith("-") ? negate(parseAmount(v.substring(1))) : parseAmount(v);
            if (a[i] == null) {
                return new Line.Refused<>(r.number(), KM_AMOUNTS.get(i) + " is not an amount such as 1250.00");
            }
        }
        return new Line.Read<>(r.number(), new ReportLine(reportNo, date, currency, a[0], caseNo, r.get("claimRef").orElse(null), a[1], a[2],
                a[3], a[4], a[5], a[6]));
    }

    private static BigDecimal negate(BigDecimal b) {
        return b == null ? null : b.negate();
    }

    // ---- ACK: reports booked --------------------------------------------------------------------

    public static final List<String> ACK_COLUMNS = List.of("reportNo", "bookedAt", "journalRef");

    public static List<String> acknowledgement(String reportNo, Instant bookedAt, String journalRef) {
        return List.of(reportNo, bookedAt.toString(), journalRef);
    }

    /** An amount as the files write it, or null when the text is not one. */
    static BigDecimal parseAmount(String text) {
        return text != null && AMOUNT.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    /** A value from a file, shortened and stripped of control characters, for a reason shown to a person. */
    static String printable(String v) {
        String s = v.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
