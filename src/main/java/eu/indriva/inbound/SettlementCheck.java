package eu.indriva.inbound;

import eu.indriva.agency.Settlement;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a settlement can be booked as it is: the payout must equal Σ(capital − commission − VAT,
 * + interest and fees where the agency paid them out)
 * over its lines, every line must name a registered claim of this tenant in the settlement's
 * currency, and no line may carry negative capital (a person decides those in v1).
 */
public final class SettlementCheck {

    private SettlementCheck() {}

    /** What Indriva knows of the claim a line names. */
    public record KnownClaim(String invoiceId, String currency) {}

    /**
     * @param claims by agency claim id; empty when the claim is not this tenant's
     * @return the reason the settlement needs a person, or empty when it can be booked
     */
    public static Optional<String> problem(Settlement s, Function<String, Optional<KnownClaim>> claims) {
        BigDecimal net = BigDecimal.ZERO;
        int n = 0;
        for (Settlement.Line line : s.lines()) {
            n++;
            Optional<KnownClaim> claim = claims.apply(line.agencyClaimId());
            if (claim.isEmpty()) {
                return Optional.of("line " + n + " names claim " + line.agencyClaimId() + " (invoice " + line.accountingInvoiceId()
                        + "), which is not a claim of this tenant");
            }
            if (line.accountingInvoiceId() != null && !line.accountingInvoiceId().equals(claim.get().invoiceId())) {
                return Optional.of("line " + n + " names claim " + line.agencyClaimId() + " with invoice " + line.accountingInvoiceId()
                        + ", but that claim is invoice " + claim.get().invoiceId());
            }
            if (claim.get().currency() != null && !claim.get().currency().equals(s.currency())) {
                return Optional.of("line " + n + " is in " + s.currency() + " but invoice " + claim.get().invoiceId() + " is in "
                        + claim.get().currency());
            }
            if (line.capital().signum() < 0) {
                return Optional.of("line " + n + " (invoice " + claim.get().invoiceId() + ") has negative capital " + line.capital()
                        + ": a reversal needs a person");
            }
            net = net.add(line.net());
        }
        if (net.compareTo(s.payout()) != 0) {
            return Optional.of("the payout " + s.payout() + " " + s.currency() + " does not equal Σ(capital − commission − VAT"
                    + (s.lines().stream().anyMatch(Settlement.Line::interestAndFeesPaidOut) ? " + interest and fees paid out" : "") + ") = "
                    + net + " over its " + s.lines().size() + " lines");
        }
        return Optional.empty();
    }

    public static boolean nothingToBook(Settlement s) {
        return s.lines().stream().allMatch(l -> l.capital().signum() == 0 && l.commission().signum() == 0 && l.vat().signum() == 0
                && (!l.interestAndFeesPaidOut() || l.net().signum() == 0));
    }
}
