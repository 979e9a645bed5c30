package eu.indriva.inbound;

import eu.indriva.accounting.JournalEntry;
import eu.indriva.agency.Settlement;
import eu.indriva.tenant.Tenant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal entry for what the agency kept back from a payout: debit commission (Σ commission),
 * debit input VAT (Σ VAT), credit the clearing account the payout passes through. Balances to
 * zero by construction; amounts are the agency's own, to the cent.
 */
public final class SettlementJournal {

    private SettlementJournal() {}

    public static String receiptName(String agencyName, String settlementId) {
        return agencyName + " settlement " + settlementId;
    }

    public static BigDecimal commission(Settlement s) {
        return sum(s, l -> true, Settlement.Line::commission);
    }

    public static BigDecimal vat(Settlement s) {
        return sum(s, l -> true, Settlement.Line::vat);
    }

    public static BigDecimal capital(Settlement s) {
        return sum(s, l -> true, Settlement.Line::capital);
    }

    /** Late interest the agency paid out (its invoice and reminder services): the creditor's income. */
    public static BigDecimal interestPaidOut(Settlement s) {
        return sum(s, Settlement.Line::interestAndFeesPaidOut, Settlement.Line::interest);
    }

    /** Fees the agency paid out: the creditor's income. */
    public static BigDecimal feesPaidOut(Settlement s) {
        return sum(s, Settlement.Line::interestAndFeesPaidOut, Settlement.Line::fees);
    }

    private static BigDecimal sum(Settlement s, java.util.function.Predicate<Settlement.Line> which,
                                  java.util.function.Function<Settlement.Line, BigDecimal> amount) {
        return s.lines().stream().filter(which).map(amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Empty when the agency kept nothing and paid out no interest or fees: no journal entry is needed.
     * Interest and fees paid out are credited to their income accounts and debited to the clearing
     * account, which the payout then clears (so the clearing account nets what the agency kept back
     * against them in one row).
     */
    public static Optional<JournalEntry> entry(Tenant.Ledger ledger, String agencyName, Settlement s) {
        BigDecimal commission = commission(s);
        BigDecimal vat = vat(s);
        BigDecimal kept = commission.add(vat);
        BigDecimal interest = interestPaidOut(s);
        BigDecimal fees = feesPaidOut(s);
        BigDecimal income = interest.add(fees);
        if (kept.signum() == 0 && income.signum() == 0) {
            return Optional.empty();
        }
        String what = agencyName + " settlement " + s.settlementId() + " " + s.date();
        List<JournalEntry.Row> rows = new ArrayList<>();
        if (commission.signum() != 0) {
            rows.add(new JournalEntry.Row(ledger.commissionAccount(), commission, what + ": commission and collection costs"));
        }
        if (vat.signum() != 0) {
            rows.add(new JournalEntry.Row(ledger.inputVatAccount(), vat, what + ": input VAT on the agency's fees"));
        }
        if (interest.signum() != 0) {
            rows.add(new JournalEntry.Row(ledger.interestIncomeAccount(), interest.negate(), what + ": late interest paid out"));
        }
        if (fees.signum() != 0) {
            rows.add(new JournalEntry.Row(ledger.feeIncomeAccount(), fees.negate(), what + ": fees paid out"));
        }
        BigDecimal clearing = income.subtract(kept);
        if (clearing.signum() != 0) {
            rows.add(new JournalEntry.Row(ledger.clearingAccount(), clearing, what + (income.signum() == 0
                    ? ": kept back from the payout" : ": interest and fees paid out less what was kept back")));
        }
        return Optional.of(new JournalEntry(receiptName(agencyName, s.settlementId()), s.date(),
                what + (income.signum() == 0 ? ": what the agency kept back" : ": what the agency kept back and the interest and fees it paid out"),
                rows));
    }
}
