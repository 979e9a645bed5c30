package eu.indriva.agency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One payout of the agency to the creditor (Kravia: GET /api/v2/settlements). {@code payout} is
 * what reaches the bank: Σ {@link Line#net()} over the lines.
 */
public record Settlement(
        String settlementId,
        LocalDate date,
        String currency,
        BigDecimal payout,
        String bankReference,
        boolean bookkept,
        List<Line> lines) {

    /**
     * One invoice's part of the payout.
     *
     * @param interestAndFeesPaidOut whether the late interest and fees the debtor paid are in the payout (an agency's invoice
     *        and reminder services: the creditor's income) or were kept by the agency (collection; listed for information)
     */
    public record Line(String agencyClaimId, String accountingInvoiceId, BigDecimal capital, BigDecimal interest,
                       BigDecimal fees, BigDecimal commission, BigDecimal vat, boolean interestAndFeesPaidOut) {

        /** An agency that does not say the interest or fees gives none: they are zero. */
        public Line {
            interest = interest == null ? BigDecimal.ZERO : interest;
            fees = fees == null ? BigDecimal.ZERO : fees;
        }

        /** A line whose interest and fees the agency kept. */
        public Line(String agencyClaimId, String accountingInvoiceId, BigDecimal capital, BigDecimal interest, BigDecimal fees,
                    BigDecimal commission, BigDecimal vat) {
            this(agencyClaimId, accountingInvoiceId, capital, interest, fees, commission, vat, false);
        }

        /** What the line adds to the payout: capital (+ interest and fees when paid out) − commission − VAT. */
        public BigDecimal net() {
            BigDecimal n = capital.subtract(commission).subtract(vat);
            return interestAndFeesPaidOut ? n.add(interest).add(fees) : n;
        }
    }
}
