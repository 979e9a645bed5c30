package eu.indriva.debtor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValidDebtorTest {

    private static final ValidDebtor PERSON = new ValidDebtor(DebtorType.PERSON, "Anna Andersson",
            null, "19811218-9876", "Storgatan 1", "111 22", "Stockholm", "SE", "anna@example.se");

    @Test
    void toStringShowsOnlyTypeAndCountry() {
        assertThat(PERSON.toString()).isEqualTo("ValidDebtor[type=PERSON, countryCode=SE]");
    }

    @Test
    void toStringHidesNameIdentifiersAddressAndEmail() {
        ValidDebtor company = new ValidDebtor(DebtorType.COMPANY, "Acme AB", "556036-0793", null,
                "Storgatan 1", "111 22", "Stockholm", "SE", "billing@acme.se");

        for (ValidDebtor v : new ValidDebtor[] {PERSON, company}) {
            assertThat(v.toString()).doesNotContain(
                    "Anna", "Andersson", "Acme", "9876", "19811218", "556036", "0793",
                    "Storgatan", "111 22", "Stockholm", "@");
        }
    }

    @Test
    void validResultDoesNotLeakThroughItsOwnToString() {
        DebtorCheck check = DebtorValidator.validate(new Debtor("Anna Andersson", "811218-9876",
                "Storgatan 1", "111 22", "Stockholm", "SE", "anna@example.se"), LocalDate.of(2025, 6, 15));

        assertThat(check.toString()).doesNotContain("Anna", "811218", "9876", "Storgatan", "Stockholm", "@");
    }

    @Test
    void rawDebtorToStringHidesPersonalDataToo() {
        Debtor raw = new Debtor("Anna Andersson", "811218-9876", "Storgatan 1", "111 22",
                "Stockholm", "SE", "anna@example.se");

        assertThat(raw.toString()).isEqualTo("Debtor[country=SE]");
    }

    @Test
    void typeAndCountryCodeAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new ValidDebtor(
                null, "n", null, null, "s", "z", "c", "SE", null));
        assertThatNullPointerException().isThrownBy(() -> new ValidDebtor(
                DebtorType.PERSON, "n", null, null, "s", "z", "c", null, null));
    }

    @Test
    void recordsKeepValueEquality() {
        ValidDebtor copy = new ValidDebtor(DebtorType.PERSON, "Anna Andersson", null,
                "19811218-9876", "Storgatan 1", "111 22", "Stockholm", "SE", "anna@example.se");

        assertThat(copy).isEqualTo(PERSON).hasSameHashCodeAs(PERSON);
    }
}
