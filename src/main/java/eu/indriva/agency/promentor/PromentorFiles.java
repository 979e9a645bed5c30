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
     * @param invoiceTotal the invoice's total (the claimed amount is {@code c.outstanding()}, or the total for INVOICE)
     * @param attachment the ATT_ file already uploaded for it, or null
     */
    public static List<String> newCase(ClaimRegistration c, BigDecimal invoiceTotal, String attachment) {
        ValidDebtor d = c.debtor();
        BigDecimal amount = c.service() == AgencyService.INVOICE ? invoiceTotal : c.outstanding();
        String debtorId = d.type() == DebtorType.COMPANY ? d.organisationNumber() : d.personalNumber();
        return Arrays.asList(c.accountingInvoiceId(), c.service().name(), c.invoiceNumber(), date(c.invoiceDate()), date(c.dueDate()),
                c.currency(), amount(invoiceTotal), amount(amount), c.debtorNumber(), d.type() == DebtorType.COMPANY ? "C" : "P",
                debtorId, d.name(), d.street(), d.zip(), d.city(), d.countryCode(), d.email(), c.paymentReference(), attachment);
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
        List<Line<Receipt>> out = new ArrayList<>();
        for (PromentorCsv.Row r : rows) {
            out.add(receipt(r));
        }
        return out;
    }

    private static Line<Receipt> receipt(PromentorCsv.Row r) {
        if (r.get("#extra").isPresent()) {
            return new Line.Refused<>(r.number(), "more fields than the header names");
        }
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
