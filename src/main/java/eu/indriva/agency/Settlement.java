package eu.indriva.agency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One payout of the agency to the creditor (Kravia: GET /api/v2/settlements). {@code payout} is
 * what reaches the bank: Σ(capital − commission − vat) over the lines.
 */
public record Settlement(
        String settlementId,
        LocalDate date,
        String currency,
        BigDecimal payout,
        String bankReference,
        boolean bookkept,
        List<Line> lines) {

    /** One invoice's part of the payout. Interest and fees were kept by the agency; listed for information. */
    public record Line(String agencyClaimId, String accountingInvoiceId, BigDecimal capital, BigDecimal interest,
                       BigDecimal fees, BigDecimal commission, BigDecimal vat) {}
}
