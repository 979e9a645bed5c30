package eu.indriva.debtor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What a person may see of a debtor's identifier. */
class ValidDebtorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private static String masked(String identifier, String country) {
        DebtorCheck check = DebtorValidator.validate(new Debtor("Anna Svensson", identifier, "Storgatan 1", "11122", "Stockholm",
                country, null), TODAY);
        assertThat(check).isInstanceOf(DebtorCheck.Valid.class);
        return ((DebtorCheck.Valid) check).debtor().maskedIdentifier();
    }

    @Test
    void aSwedishPersonalIdentityNumberKeepsItsDateOfBirthOnly() {
        assertThat(masked("811218-9876", "SE")).isEqualTo("19811218-****");
        assertThat(masked("198112189876", "SE")).isEqualTo("19811218-****");
    }

    @Test
    void aFinnishHetuKeepsItsDateAndCenturySignOnly() {
        assertThat(masked("131052-308T", "FI")).isEqualTo("131052-****");
    }

    @Test
    void anOrganisationNumberIsNotPersonalAndStaysWhole() {
        assertThat(masked("556036-0793", "SE")).isEqualTo("556036-0793");
    }

    @Test
    void aPersonWithoutAnIdentifierHasNone() {
        assertThat(masked(null, "SE")).isNull();
    }
}
