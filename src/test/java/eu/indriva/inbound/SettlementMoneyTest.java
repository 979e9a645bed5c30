package eu.indriva.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.accounting.JournalEntry;
import eu.indriva.agency.Settlement;
import eu.indriva.tenant.Tenant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The money of a settlement: the balance check and the journal entry, to the cent. */
class SettlementMoneyTest {

    private static final Tenant.Ledger BAS = new Tenant.Ledger("1930", "6570", "2640");
    private static final Map<String, SettlementCheck.KnownClaim> CLAIMS = Map.of(
            "7001", new SettlementCheck.KnownClaim("1", "SEK"),
            "7002", new SettlementCheck.KnownClaim("2", "SEK"),
            "7003", new SettlementCheck.KnownClaim("3", "EUR"));

    private static Settlement.Line line(String claim, String invoice, String capital, String commission, String vat) {
        return new Settlement.Line(claim, invoice, new BigDecimal(capital), new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal(commission), new BigDecimal(vat));
    }

    private static Settlement settlement(String payout, Settlement.Line... lines) {
        return new Settlement("9001", LocalDate.of(2026, 11, 20), "SEK", new BigDecimal(payout), "REF", false, List.of(lines));
    }

    private static Optional<String> check(Settlement s) {
        return SettlementCheck.problem(s, id -> Optional.ofNullable(CLAIMS.get(id)));
    }

    @Test
    void aBalancedSettlementPassesToTheCent() {
        // 0.10 + 0.20 must be 0.30 exactly: doubles would not get here
        Settlement s = settlement("0.30", line("7001", "1", "0.10", "0.00", "0.00"), line("7002", "2", "0.20", "0.00", "0.00"));
        assertThat(check(s)).isEmpty();
    }

    @Test
    void oneCentOffNeedsAttentionAndSaysWhy() {
        Settlement s = settlement("1171.88", line("7001", "1", "1250.00", "62.50", "15.63"));
        assertThat(check(s)).get().asString().contains("1171.88").contains("1171.87");
    }

    @Test
    void aLineOfAnotherTenantAWrongInvoiceAWrongCurrencyOrNegativeCapitalNeedsAttention() {
        assertThat(check(settlement("100.00", line("9999", "9", "100.00", "0", "0")))).get().asString().contains("not a claim of this tenant");
        assertThat(check(settlement("100.00", line("7001", "2", "100.00", "0", "0")))).get().asString().contains("that claim is invoice 1");
        assertThat(check(settlement("100.00", line("7003", "3", "100.00", "0", "0")))).get().asString().contains("EUR");
        assertThat(check(settlement("-100.00", line("7001", "1", "-100.00", "0", "0")))).get().asString().contains("negative capital");
    }

    @Test
    void theJournalDebitsCommissionAndVatAndCreditsClearingAndBalances() {
        // VAT 25 % of 62.50 is 15.625: the agency rounds, Indriva books what the agency says (15.63)
        Settlement s = settlement("1546.96", line("7001", "1", "1250.00", "62.50", "15.63"), line("7002", "2", "400.10", "20.01", "5.00"));
        JournalEntry e = SettlementJournal.entry(BAS, "Kravia", s).orElseThrow();

        assertThat(e.name()).isEqualTo("Kravia settlement 9001");
        assertThat(e.rows()).extracting(JournalEntry.Row::account).containsExactly("6570", "2640", "1930");
        assertThat(e.rows()).extracting(JournalEntry.Row::amount)
                .containsExactly(new BigDecimal("82.51"), new BigDecimal("20.63"), new BigDecimal("-103.14"));
        assertThat(e.rows().stream().map(JournalEntry.Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0");
        assertThat(SettlementJournal.capital(s)).isEqualTo(new BigDecimal("1650.10"));
    }

    @Test
    void interestAndFeesPaidOutAreTheCreditorsIncomeAndTheEntryStillBalances() {
        // reminder service: capital 1000.00 + interest 12.40 + fees 60.00 paid out, commission 50.00, VAT 12.50
        // line payout 1000.00 + 12.40 + 60.00 - 50.00 - 12.50 = 1009.90
        Settlement.Line paidOut = new Settlement.Line("7001", "1", new BigDecimal("1000.00"), new BigDecimal("12.40"),
                new BigDecimal("60.00"), new BigDecimal("50.00"), new BigDecimal("12.50"), true);
        Settlement s = settlement("1009.90", paidOut);

        assertThat(check(s)).isEmpty();
        assertThat(check(settlement("947.50", paidOut))).as("the kept-back sum is not this line's payout").isPresent();
        JournalEntry e = SettlementJournal.entry(BAS, "Promentor", s).orElseThrow();
        // commission 50.00 D, VAT 12.50 D, interest income 12.40 C, fee income 60.00 C, clearing 72.40 - 62.50 = 9.90 D
        assertThat(e.rows()).extracting(JournalEntry.Row::account).containsExactly("6570", "2640", "8313", "3590", "1930");
        assertThat(e.rows()).extracting(JournalEntry.Row::amount).containsExactly(new BigDecimal("50.00"), new BigDecimal("12.50"),
                new BigDecimal("-12.40"), new BigDecimal("-60.00"), new BigDecimal("9.90"));
        assertThat(e.rows().stream().map(JournalEntry.Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0");
        // the bank line (1009.90) + the markpaid of the capital (-1000.00) + this 9.90 clear the clearing account: 1009.90 - 1000.00 - 9.90 = 0
    }

    @Test
    void manySmallLinesStillBalanceExactly() {
        Settlement.Line[] lines = new Settlement.Line[100];
        for (int i = 0; i < 100; i++) {
            lines[i] = line("7001", "1", "10.01", "0.33", "0.08");
        }
        Settlement s = settlement("960.00", lines);
        assertThat(check(s)).isEmpty();
        JournalEntry e = SettlementJournal.entry(BAS, "Kravia", s).orElseThrow();
        assertThat(e.rows()).extracting(JournalEntry.Row::amount)
                .containsExactly(new BigDecimal("33.00"), new BigDecimal("8.00"), new BigDecimal("-41.00"));
    }

    @Test
    void nothingKeptBackMeansNoJournalEntry() {
        Settlement s = settlement("500.00", line("7001", "1", "500.00", "0.00", "0.00"));
        assertThat(SettlementJournal.entry(BAS, "Kravia", s)).isEmpty();
        assertThat(SettlementCheck.nothingToBook(s)).isFalse();
        assertThat(SettlementCheck.nothingToBook(settlement("0.00", line("7001", "1", "0.00", "0.00", "0.00")))).isTrue();
    }

    @Test
    void aJournalEntryThatDoesNotBalanceCannotBeMade() {
        assertThatThrownBy(() -> new JournalEntry("x", LocalDate.now(), "x", List.of(
                new JournalEntry.Row("6570", new BigDecimal("10.00"), "a"), new JournalEntry.Row("1930", new BigDecimal("-9.99"), "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not balance");
        assertThatThrownBy(() -> new JournalEntry("x", LocalDate.now(), "x", List.of(
                new JournalEntry.Row("6570", new BigDecimal("10.001"), "a"), new JournalEntry.Row("1930", new BigDecimal("-10.001"), "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 decimals");
    }
}
