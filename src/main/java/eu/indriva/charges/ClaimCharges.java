package eu.indriva.charges;

import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.debtor.DebtorType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A claim's lawful maximum interest and fees to a day, beside what the agency says is still owed
 * of them: the claim page shows both and says when the agency's figure is above the law's. The
 * tables are read once at start (a broken table stops the start, naming its line).
 */
@Component
public class ClaimCharges {

    private final LawfulCharges lawful = LawfulCharges.shipped();
    private final ClaimRepository claims;

    public ClaimCharges(ClaimRepository claims) {
        this.claims = claims;
    }

    /**
     * @param rules whose rules applied ("SE, consumer")
     * @param agencyInterest the interest the agency says is still owed (at least what it charged and was not paid), or null
     */
    public record View(String rules, LawfulCharges.Interest interest, BigDecimal fees, BigDecimal agencyInterest, BigDecimal agencyFees,
                       List<LawfulCharges.Overcharge> overcharges) {}

    /** Empty for a claim without a validated debtor, capital or due date (nothing to compute from). */
    public Optional<View> of(String tenantId, Claim claim, LocalDate asOf) {
        if (claim.debtor() == null || claim.transferredAt() == null) {
            return Optional.empty();
        }
        BigDecimal agencyInterest = claim.outstanding() == null ? null : claim.outstanding().interest();
        BigDecimal agencyFees = claim.outstanding() == null ? null : claim.outstanding().fees();
        return of(claim.debtor().country(), claim.debtor().type(), claim.amount(), claim.dueDate(),
                claims.capitalChanges(tenantId, claim.invoiceId()), agencyInterest, agencyFees, asOf);
    }

    /**
     * The same from the claim's facts: the debtor's country and type ({@link DebtorType}'s name), the
     * capital transferred, the due date, the capital's changes since, and what the agency says it
     * charged (null where it does not say). Empty when a fact is missing.
     */
    public Optional<View> of(String country, String debtorType, BigDecimal capital, LocalDate dueDate,
                             List<ClaimRepository.CapitalChange> changes, BigDecimal agencyInterest, BigDecimal agencyFees, LocalDate asOf) {
        if (country == null || debtorType == null || capital == null || dueDate == null) {
            return Optional.empty();
        }
        DebtorType type = DebtorType.valueOf(debtorType);
        List<LawfulCharges.Payment> paid = changes.stream().map(c -> new LawfulCharges.Payment(c.date(), c.amount())).toList();
        LawfulCharges.Interest interest = lawful.maxInterest(country, type, capital, dueDate, paid, asOf);
        Optional<BigDecimal> fees = lawful.maxFees(country, type, capital, asOf);
        return Optional.of(new View(country + ", " + (type == DebtorType.PERSON ? "consumer" : "business"), interest, fees.orElse(null),
                agencyInterest, agencyFees, lawful.overcharges(agencyInterest, agencyFees, interest, fees)));
    }
}
