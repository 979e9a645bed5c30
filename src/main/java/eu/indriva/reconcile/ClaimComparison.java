package eu.indriva.reconcile;

import eu.indriva.charges.LawfulCharges;
import eu.indriva.claim.CloseReason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The heart of the three-way reconciliation (issue 14): one claim as the ledger, Indriva and the
 * agency each see it, compared; each disagreement a {@link Difference} with its kind, the three
 * figures and what a person should do. Plain code: the run that reads the three views and keeps
 * the differences is built around it.
 */
public final class ClaimComparison {

    /** What rounding may leave between two figures that agree. */
    public static final BigDecimal ROUNDING = new BigDecimal("0.01");

    private ClaimComparison() {}

    public enum Kind {
        DIRECT_PAYMENT_NOT_FORWARDED, FORWARD_NOT_APPLIED, PAYOUT_NOT_BOOKED, BOOKED_TWICE, CLOSED_BUT_OPEN, OPEN_BUT_CLOSED,
        AMOUNT_MISMATCH, UNKNOWN_AT_INDRIVA, UNKNOWN_AT_AGENCY, OVERCHARGE
    }

    public record Difference(String invoiceId, String agencyClaimId, Kind kind, BigDecimal ledger, BigDecimal indriva, BigDecimal agency,
                             String action) {}

    /**
     * The ledger's view: what is still open on the invoice, the debtor's own payments after the
     * transfer (direct payments and credit notes, not the agency's payouts), and how many times an
     * agency payout was marked paid per settlement line Indriva booked.
     */
    public record Ledger(BigDecimal open, BigDecimal paidDirectlyAfterTransfer, int payoutMarkings) {}

    /**
     * Indriva's record: the capital transferred, what it forwarded (direct payments and credit
     * notes), what the agency's booked settlements paid out, and how many settlement lines it booked.
     */
    public record Indriva(BigDecimal transferred, BigDecimal forwarded, BigDecimal paidOut, int bookedLines) {

        /** The capital the agency should still have: transferred less forwarded less paid out. */
        public BigDecimal expectedAtAgency() {
            return transferred.subtract(forwarded).subtract(paidOut).max(BigDecimal.ZERO);
        }
    }

    /** The agency's view: its outstanding capital, and whether and why it closed the claim (null while open). */
    public record Agency(BigDecimal capital, CloseReason closed) {}

    /** A claim the agency lists for the tenant's creditor that Indriva never transferred. */
    public static Difference unknownAtIndriva(String agencyClaimId, String accountingInvoiceId, BigDecimal agencyCapital) {
        return new Difference(accountingInvoiceId, agencyClaimId, Kind.UNKNOWN_AT_INDRIVA, null, null, agencyCapital,
                "the agency has claim " + agencyClaimId + " for this creditor, which Indriva did not transfer: ask the agency who did");
    }

    /** A claim Indriva transferred that the agency does not know (any more). */
    public static Difference unknownAtAgency(String invoiceId, String agencyClaimId, BigDecimal expectedAtAgency) {
        return new Difference(invoiceId, agencyClaimId, Kind.UNKNOWN_AT_AGENCY, null, expectedAtAgency, null,
                "the agency does not know claim " + agencyClaimId + ", which Indriva registered there: ask the agency what became of it");
    }

    public static List<Difference> compare(String invoiceId, String agencyClaimId, Ledger ledger, Indriva indriva, Agency agency,
                                           List<LawfulCharges.Overcharge> overcharges) {
        List<Difference> found = new ArrayList<>();
        BigDecimal unforwarded = ledger.paidDirectlyAfterTransfer().subtract(indriva.forwarded());
        if (unforwarded.compareTo(ROUNDING) > 0) {
            found.add(new Difference(invoiceId, agencyClaimId, Kind.DIRECT_PAYMENT_NOT_FORWARDED, ledger.paidDirectlyAfterTransfer(),
                    indriva.forwarded(), null, "the debtor paid " + unforwarded + " directly that the agency was not told of: run the "
                    + "payment scan (POST .../poll), or report it to the agency by hand"));
        }
        if (ledger.payoutMarkings() > indriva.bookedLines()) {
            found.add(new Difference(invoiceId, agencyClaimId, Kind.BOOKED_TWICE, BigDecimal.valueOf(ledger.payoutMarkings()),
                    BigDecimal.valueOf(indriva.bookedLines()), null, "the invoice was marked paid " + ledger.payoutMarkings()
                    + " times for " + indriva.bookedLines() + " payout line(s): remove the extra marking in the accounting system"));
        }
        boolean agencyClosedPaid = agency.closed() == CloseReason.PAID;
        boolean ledgerOpen = ledger.open().compareTo(ROUNDING) >= 0;
        if (agencyClosedPaid && ledgerOpen && indriva.paidOut().add(indriva.forwarded()).compareTo(indriva.transferred().subtract(ROUNDING)) < 0) {
            found.add(new Difference(invoiceId, agencyClaimId, Kind.PAYOUT_NOT_BOOKED, ledger.open(), indriva.paidOut(), agency.capital(),
                    "the agency says the claim is paid but no payout for it was booked: ask the agency for its settlement, or run the "
                    + "agency sync (POST .../agency-sync)"));
        } else if (agency.closed() != null && agency.closed() != CloseReason.WITHDRAWN && ledgerOpen) {
            found.add(new Difference(invoiceId, agencyClaimId, Kind.CLOSED_BUT_OPEN, ledger.open(), indriva.expectedAtAgency(),
                    agency.capital(), "the agency closed the claim (" + agency.closed() + ") but the invoice is still open: "
                    + (agency.closed() == CloseReason.WRITTEN_OFF ? "book the credit loss" : "close the invoice in the accounting system")));
        } else if (agency.closed() == null && !ledgerOpen && agency.capital() != null && agency.capital().compareTo(ROUNDING) >= 0) {
            found.add(new Difference(invoiceId, agencyClaimId, Kind.OPEN_BUT_CLOSED, ledger.open(), indriva.expectedAtAgency(),
                    agency.capital(), "the invoice is settled in the accounting system but the agency still collects "
                    + agency.capital() + ": tell the agency (recall the claim, or report the payment)"));
        }
        if (agency.closed() == null && agency.capital() != null) {
            BigDecimal expected = indriva.expectedAtAgency();
            BigDecimal off = agency.capital().subtract(expected);
            if (off.abs().compareTo(ROUNDING) > 0) {
                boolean notApplied = indriva.forwarded().signum() > 0 && off.signum() > 0
                        && off.subtract(indriva.forwarded()).abs().compareTo(ROUNDING) <= 0;
                found.add(new Difference(invoiceId, agencyClaimId, notApplied ? Kind.FORWARD_NOT_APPLIED : Kind.AMOUNT_MISMATCH, ledger.open(),
                        expected, agency.capital(), notApplied
                        ? "the agency did not apply the " + indriva.forwarded() + " Indriva forwarded: ask it to, with the payment's reference"
                        : "the agency's capital differs from what Indriva transferred less what was paid by " + off + ": compare the claim's "
                        + "history with the agency's"));
            }
        }
        for (LawfulCharges.Overcharge o : overcharges) {
            found.add(new Difference(invoiceId, agencyClaimId, Kind.OVERCHARGE, null, o.lawful(), o.charged(),
                    "the agency has " + o.charged() + " of " + o.what() + " against a lawful maximum of " + o.lawful() + ": ask it to correct it"));
        }
        return found;
    }
}
