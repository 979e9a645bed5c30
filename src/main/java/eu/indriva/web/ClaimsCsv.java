package eu.indriva.web;

import eu.indriva.claim.Claim;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A claims list as CSV for Nordic Excel: UTF-8 with a byte-order mark (so Excel reads å, ä, ö),
 * {@code ;} between fields, amounts with a dot and two decimals, times in the tenant's zone. A
 * field that holds the separator, a quote or a line break is quoted; one that starts like a
 * formula ({@code = + - @}, other than a number) gets a leading apostrophe, so opening the file never runs it. Plain code.
 */
public final class ClaimsCsv {

    static final String HEADER = "invoiceNumber;invoiceId;customerNumber;status;stage;agency;agencyClaimId;agencyStatus;closeReason;"
            + "amount;currency;dueDate;transferredAt;outstandingCapital;forwardedPayments;forwardedCreditNotes;paidOutByAgency;"
            + "needsAttention;reason";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Writer out;
    private final ZoneId zone;

    /** Writes the byte-order mark and the header. */
    public ClaimsCsv(Writer out, ZoneId zone) throws IOException {
        this.out = out;
        this.zone = zone;
        Csv.begin(out, HEADER);
    }

    public void row(Claim c) throws IOException {
        Csv.line(out,
            c.invoiceNumber(), c.invoiceId(), c.customerNumber(), c.status().name(), c.stage() == null ? null : c.stage().name(),
            c.agency(), c.agencyClaimId(), c.agencyStatus(), c.closeReason(), amount(c.amount()), c.currency(),
            c.dueDate() == null ? null : c.dueDate().toString(),
            c.transferredAt() == null ? null : TIME.format(c.transferredAt().atZone(zone)),
            c.outstanding() == null ? null : amount(c.outstanding().capital()), amount(c.forwardedPayments()),
            amount(c.forwardedCreditNotes()), amount(c.paidOutByAgency()), c.needsAttention(), c.status().name().equals("REJECTED")
                    || c.status().name().equals("FAILED") ? c.reason() : null);
    }

    static String amount(BigDecimal a) {
        return Csv.amount(a);
    }
}
