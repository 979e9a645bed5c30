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
        return s.lines().stream().map(Settlement.Line::commission).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal vat(Settlement s) {
        return s.lines().stream().map(Settlement.Line::vat).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal capital(Settlement s) {
        return s.lines().stream().map(Settlement.Line::capital).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Empty when the agency kept nothing: no journal entry is needed. */
    public static Optional<JournalEntry> entry(Tenant.Ledger ledger, String agencyName, Settlement s) {
        BigDecimal commission = commission(s);
        BigDecimal vat = vat(s);
        BigDecimal kept = commission.add(vat);
        if (kept.signum() == 0) {
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
        rows.add(new JournalEntry.Row(ledger.clearingAccount(), kept.negate(), what + ": kept back from the payout"));
        return Optional.of(new JournalEntry(receiptName(agencyName, s.settlementId()), s.date(),
                what + ": what the agency kept back", rows));
    }
}
