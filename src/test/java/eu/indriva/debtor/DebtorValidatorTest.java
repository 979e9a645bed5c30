package eu.indriva.debtor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DebtorValidatorTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

    private static Debtor debtor(String identifier, String country) {
        return new Debtor("Anna Andersson", identifier, "Storgatan 1", "111 22", "Stockholm",
                country, "anna@example.se");
    }

    private static Debtor swedish(String identifier) {
        return debtor(identifier, "SE");
    }

    private static ValidDebtor valid(Debtor d) {
        DebtorCheck check = DebtorValidator.validate(d, TODAY);
        assertThat(check).isInstanceOf(DebtorCheck.Valid.class);
        return ((DebtorCheck.Valid) check).debtor();
    }

    private static DebtorCheck.Invalid invalid(Debtor d) {
        DebtorCheck check = DebtorValidator.validate(d, TODAY);
        assertThat(check).isInstanceOf(DebtorCheck.Invalid.class);
        return (DebtorCheck.Invalid) check;
    }

    @Nested
    class RequiredFields {

        static Stream<Arguments> blankFields() {
            Stream.Builder<Arguments> b = Stream.builder();
            for (String blank : new String[] {null, "", "   "}) {
                b.add(Arguments.of(DebtorField.NAME,
                        new Debtor(blank, "556036-0793", "Storgatan 1", "111 22", "Stockholm", "SE", null)));
                b.add(Arguments.of(DebtorField.STREET,
                        new Debtor("Acme AB", "556036-0793", blank, "111 22", "Stockholm", "SE", null)));
                b.add(Arguments.of(DebtorField.ZIP,
                        new Debtor("Acme AB", "556036-0793", "Storgatan 1", blank, "Stockholm", "SE", null)));
                b.add(Arguments.of(DebtorField.CITY,
                        new Debtor("Acme AB", "556036-0793", "Storgatan 1", "111 22", blank, "SE", null)));
                b.add(Arguments.of(DebtorField.COUNTRY,
                        new Debtor("Acme AB", "556036-0793", "Storgatan 1", "111 22", "Stockholm", blank, null)));
            }
            return b.build();
        }

        @ParameterizedTest(name = "{0} missing")
        @MethodSource("blankFields")
        void missingFieldIsRejectedNamingTheField(DebtorField field, Debtor d) {
            DebtorCheck.Invalid result = invalid(d);

            assertThat(result.field()).isEqualTo(field);
            assertThat(result.problem()).contains("missing");
        }

        @Test
        void firstProblemWinsInFieldOrder() {
            Debtor d = new Debtor(null, "nonsense", null, null, null, "ATLANTIS", null);

            assertThat(invalid(d).field()).isEqualTo(DebtorField.NAME);
        }

        @Test
        void unknownCountryIsRejectedWithAHint() {
            DebtorCheck.Invalid result = invalid(debtor("556036-0793", "ATLANTIS"));

            assertThat(result.field()).isEqualTo(DebtorField.COUNTRY);
            assertThat(result.problem()).isEqualTo("'ATLANTIS' is not a country Indriva knows");
        }

        @Test
        void overlongUnknownCountryIsCutShortInTheReason() {
            String junk = "Storgatan 1, 111 22 Stockholm, care of Anna Andersson, third floor";

            DebtorCheck.Invalid result = invalid(debtor("556036-0793", junk));

            assertThat(result.problem()).doesNotContain("third floor").contains("...");
        }

        @Test
        void countryIsAnIsoCodeInAnyCase() {
            assertThat(valid(debtor("556036-0793", "GB")).countryCode()).isEqualTo("GB");
            assertThat(valid(debtor("0112038-9", " ax ")).countryCode()).isEqualTo("AX");
            assertThat(invalid(debtor("556036-0793", "XX")).field()).isEqualTo(DebtorField.COUNTRY);
        }

        @Test
        void nullArgumentsAreProgrammingErrors() {
            assertThatNullPointerException().isThrownBy(() -> DebtorValidator.validate(null, TODAY));
            assertThatNullPointerException()
                    .isThrownBy(() -> DebtorValidator.validate(swedish("556036-0793"), null));
        }
    }

    @Nested
    class Companies {

        @ParameterizedTest
        @ValueSource(strings = {"556036-0793", "5560360793", "16556036-0793", "165560360793",
                "  556036-0793  "})
        void swedishOrganisationNumberIsACompanyWrittenNnnnnnDashNnnn(String identifier) {
            ValidDebtor v = valid(swedish(identifier));

            assertThat(v.type()).isEqualTo(DebtorType.COMPANY);
            assertThat(v.organisationNumber()).isEqualTo("556036-0793");
            assertThat(v.personalNumber()).isNull();
        }

        @Test
        void finnishBusinessIdIsACompanyAsWritten() {
            ValidDebtor v = valid(debtor("0112038-9", "FI"));

            assertThat(v.type()).isEqualTo(DebtorType.COMPANY);
            assertThat(v.organisationNumber()).isEqualTo("0112038-9");
            assertThat(v.personalNumber()).isNull();
            assertThat(v.countryCode()).isEqualTo("FI");
        }

        @Test
        void finnishBusinessIdWithRemainderZero() {
            assertThat(valid(debtor("1000002-0", "FI")).organisationNumber()).isEqualTo("1000002-0");
        }

        @Test
        void companyIdentifierIsAcceptedWhateverTheAddressCountry() {
            // A Swedish company may well have its invoicing address abroad.
            assertThat(valid(debtor("556036-0793", "DE")).type()).isEqualTo(DebtorType.COMPANY);
        }

        @ParameterizedTest
        @CsvSource({
                "556036-0794, Swedish organisation number's check digit is wrong",
                "16556036-0794, Swedish organisation number's check digit is wrong",
                "556036+0793, '+' belongs only in personal identity numbers",
                "16811218-9876, third digit",
                "0112038-8, Finnish business ID (Y-tunnus)'s check digit is wrong",
                "1000008-0, Finnish business ID (Y-tunnus)'s check digit is wrong"})
        void invalidCompanyIdentifierIsRejected(String identifier, String expected) {
            DebtorCheck.Invalid result = invalid(swedish(identifier));

            assertThat(result.field()).isEqualTo(DebtorField.IDENTIFIER);
            assertThat(result.problem()).contains(expected);
        }
    }

    @Nested
    class SwedishPersons {

        @ParameterizedTest
        @CsvSource({
                "811218-9876, 19811218-9876",
                "8112189876, 19811218-9876",
                "19811218-9876, 19811218-9876",
                "198112189876, 19811218-9876",
                "121212-1212, 20121212-1212",
                "121212+1212, 19121212-1212",
                "19121212-1212, 19121212-1212",
                // samordningsnummer keeps its day + 60
                "701063-2391, 19701063-2391",
                "000229-1235, 20000229-1235"})
        void personalNumberIsAPersonWithFullCentury(String identifier, String expected) {
            ValidDebtor v = valid(swedish(identifier));

            assertThat(v.type()).isEqualTo(DebtorType.PERSON);
            assertThat(v.personalNumber()).isEqualTo(expected);
            assertThat(v.organisationNumber()).isNull();
        }

        @Test
        void bornTodayIsThisCentury() {
            assertThat(valid(swedish("250615-1238")).personalNumber()).isEqualTo("20250615-1238");
        }

        @Test
        void birthdayLaterThisYearMeansLastCenturyAndUnderOneHundred() {
            assertThat(valid(swedish("250616-1237")).personalNumber()).isEqualTo("19250616-1237");
        }

        @Test
        void plusMeansOneHundredOrOlder() {
            // Turns 100 today.
            assertThat(valid(swedish("250615+1238")).personalNumber()).isEqualTo("19250615-1238");
            // Would turn 100 tomorrow, so '+' means the century before.
            assertThat(valid(swedish("250616+1237")).personalNumber()).isEqualTo("18250616-1237");
        }

        @ParameterizedTest
        @CsvSource({
                "811218-9877, check digit is wrong",
                "19811218-9877, check digit is wrong",
                "811318-9875, real date of birth",
                "010229-1234, real date of birth",
                "701093-2395, real date of birth",
                "20300101-1232, in the future"})
        void invalidPersonalNumberIsRejected(String identifier, String expected) {
            DebtorCheck.Invalid result = invalid(swedish(identifier));

            assertThat(result.field()).isEqualTo(DebtorField.IDENTIFIER);
            assertThat(result.problem())
                    .contains("Swedish personal identity number")
                    .contains(expected);
        }
    }

    @Nested
    class FinnishPersons {

        @ParameterizedTest
        @CsvSource({
                "131052-308T, 131052-308T",
                "131052Y308T, 131052Y308T",
                "010594Y9021, 010594Y9021",
                "290200A1239, 290200A1239",
                "131052-308t, 131052-308T"})
        void hetuIsAPersonAsWritten(String identifier, String expected) {
            ValidDebtor v = valid(debtor(identifier, "FI"));

            assertThat(v.type()).isEqualTo(DebtorType.PERSON);
            assertThat(v.personalNumber()).isEqualTo(expected);
            assertThat(v.organisationNumber()).isNull();
        }

        @ParameterizedTest
        @CsvSource({
                "131052-308U, check character is wrong",
                "310252-308Y, real date of birth",
                "131052B308T, in the future",
                "010130A1235, in the future"})
        void invalidHetuIsRejected(String identifier, String expected) {
            DebtorCheck.Invalid result = invalid(debtor(identifier, "FI"));

            assertThat(result.field()).isEqualTo(DebtorField.IDENTIFIER);
            assertThat(result.problem())
                    .contains("HETU")
                    .contains(expected);
        }
    }

    @Nested
    class LookAlikes {

        // 120503-1147 passes as personnummer (2012-05-03) and as HETU (12 May 1903).

        @Test
        void validAsBothFollowsAFinnishAddress() {
            ValidDebtor v = valid(debtor("120503-1147", "FI"));

            assertThat(v.personalNumber()).isEqualTo("120503-1147");
        }

        @Test
        void validAsBothFollowsASwedishAddress() {
            assertThat(valid(swedish("120503-1147")).personalNumber()).isEqualTo("20120503-1147");
        }

        @Test
        void validOnlyAsPersonnummerIsSwedishEvenWithAFinnishAddress() {
            assertThat(valid(debtor("120503-1006", "FI")).personalNumber()).isEqualTo("20120503-1006");
        }

        @Test
        void validOnlyAsHetuIsFinnishEvenWithASwedishAddress() {
            assertThat(valid(swedish("120503-1070")).personalNumber()).isEqualTo("120503-1070");
        }

        @Test
        void validAsNeitherExplainsInTermsOfTheAddressCountry() {
            assertThat(invalid(debtor("120503-1001", "FI")).problem()).contains("HETU");
            assertThat(invalid(swedish("120503-1001")).problem()).contains("Swedish personal identity number");
        }
    }

    @Nested
    class NoOrUnknownIdentifier {

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   "})
        void noIdentifierIsAPersonWithoutNumber(String identifier) {
            ValidDebtor v = valid(swedish(identifier));

            assertThat(v.type()).isEqualTo(DebtorType.PERSON);
            assertThat(v.personalNumber()).isNull();
            assertThat(v.organisationNumber()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ABC123", "12345", "FI01120389", "556036 0793", "SE556036079301",
                "21811218-9876", "0112038", "DE123456789"})
        void unknownIdentifierIsRejected(String identifier) {
            DebtorCheck.Invalid result = invalid(swedish(identifier));

            assertThat(result.field()).isEqualTo(DebtorField.IDENTIFIER);
            assertThat(result.problem())
                    .contains("not a Swedish organisation number");
        }
    }

    @Nested
    class ReasonsNeverEchoTheIdentifier {

        @ParameterizedTest
        @ValueSource(strings = {"556036-0794", "556036+0793", "16811218-9876", "0112038-8",
                "811218-9877", "811318-9875", "20300101-1232", "131052-308U", "310252-308Y",
                "131052B308T", "120503-1001", "ABC123", "FI01120389", "5560360794"})
        void reasonContainsNoDigitRunFromTheIdentifier(String identifier) {
            for (String country : new String[] {"SE", "FI"}) {
                String reason = invalid(debtor(identifier, country)).problem();

                assertThat(reason).doesNotContain(identifier.trim());
                String digits = identifier.replaceAll("\\D", "");
                // No run of four or more identifier digits may appear, in any grouping.
                for (int i = 0; i + 4 <= digits.length(); i++) {
                    assertThat(reason.replaceAll("\\D", "")).doesNotContain(digits.substring(i, i + 4));
                }
            }
        }
    }

    @Nested
    class Normalization {

        @Test
        void textFieldsAreTrimmedAndBlankEmailBecomesNull() {
            Debtor d = new Debtor("  Acme AB ", "556036-0793", " Storgatan 1 ", " 111 22 ",
                    " Stockholm ", " se ", "   ");

            ValidDebtor v = valid(d);

            assertThat(v).isEqualTo(new ValidDebtor(DebtorType.COMPANY, "Acme AB", "556036-0793",
                    null, "Storgatan 1", "111 22", "Stockholm", "SE", null));
        }

        @Test
        void emailIsKept() {
            assertThat(valid(swedish("811218-9876")).email()).isEqualTo("anna@example.se");
        }
    }
}
