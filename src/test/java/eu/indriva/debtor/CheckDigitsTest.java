package eu.indriva.debtor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDigitsTest {

    @Nested
    class Luhn {

        @ParameterizedTest
        @ValueSource(strings = {"8112189876", "5560360793", "79927398713", "0"})
        void acceptsValidDigitStrings(String digits) {
            assertThat(CheckDigits.luhn(digits)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"8112189877", "79927398710", "811218-9876", "81121898a6", " 8112189876",
                "８１１２１８９８７６"})
        void rejectsWrongOrJunk(String digits) {
            assertThat(CheckDigits.luhn(digits)).isFalse();
        }
    }

    @Nested
    class SwedishPersonalNumber {

        @ParameterizedTest
        @ValueSource(strings = {"811218-9876", "811218+9876", "8112189876", "19811218-9876",
                "198112189876", "121212-1212", "20121212-1212", "19121212-1212",
                // samordningsnummer: day 63 = the 3rd
                "701063-2391", "19701063-2391",
                // 29 February 2000 exists
                "000229-1235", "20000229-1235"})
        void acceptsValidNumbersInEveryWrittenForm(String value) {
            assertThat(CheckDigits.swedishPersonalNumber(value)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
                "811218-9877",       // check digit changed
                "811218-987",        // too short
                "811218-98765",      // too long
                "81121A-9876",       // letter
                "811218 9876",       // space is not a separator
                "811318-9875",       // month 13, Luhn right
                "010229-1234",       // 29 February 2001 does not exist, Luhn right
                "701093-2395",       // samordningsnummer day 93 - 60 = 33, Luhn right
                "17811218-9876",     // no such century
                "19811218+9876",     // '+' only in the 10-digit form
                "165560360793"})     // organisation number with century prefix
        void rejectsInvalid(String value) {
            assertThat(CheckDigits.swedishPersonalNumber(value)).isFalse();
        }
    }

    @Nested
    class SwedishOrganisationNumber {

        @ParameterizedTest
        @ValueSource(strings = {"556036-0793", "5560360793", "16556036-0793", "165560360793"})
        void acceptsValid(String value) {
            assertThat(CheckDigits.swedishOrganisationNumber(value)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
                "556036-0794",       // check digit changed
                "556036-079",        // too short
                "5560360793X",       // letter
                "556036+0793",       // '+' is for centenarians, not companies
                "811218-9876",       // Luhn right but third digit 1: a personnummer
                "17556036-0793",     // only 16 is a century prefix for organisations
                "556O36-0793"})      // letter O instead of zero
        void rejectsInvalid(String value) {
            assertThat(CheckDigits.swedishOrganisationNumber(value)).isFalse();
        }
    }

    @Nested
    class FinnishBusinessId {

        @ParameterizedTest
        @ValueSource(strings = {"0112038-9", "1000002-0"}) // the second has remainder 0
        void acceptsValid(String value) {
            assertThat(CheckDigits.finnishBusinessId(value)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
                "0112038-8",         // check digit changed
                "1000008-0", "1000008-1", "1000008-9", // remainder 1: never valid
                "01120389",          // hyphen missing
                "112038-9",          // too short
                "0112038-X",         // letter
                "FI01120389"})       // VAT number, not a business ID
        void rejectsInvalid(String value) {
            assertThat(CheckDigits.finnishBusinessId(value)).isFalse();
        }
    }

    @Nested
    class FinnishPersonalIdentityCode {

        @ParameterizedTest
        @ValueSource(strings = {"131052-308T", "131052Y308T", "131052X308T", "131052W308T",
                "131052V308T", "131052U308T", "010594Y9021", "290200A1239", "290200B1239",
                "290200F1239", "131052-308t", "010101+123N"})
        void acceptsValid(String value) {
            assertThat(CheckDigits.finnishPersonalIdentityCode(value)).isTrue();
        }

        @Test
        void acceptsTheKnownExample() {
            assertThat(CheckDigits.finnishPersonalIdentityCode("131052-308T")).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
                "131052-308U",       // check character changed
                "131052-308",        // too short
                "131052G308T",       // G is no century sign
                "131052Z308T",       // nor is Z
                "310252-308Y",       // 31 February, check character right
                "290201A123J",       // 29 February 2001, check character right
                "13105-2308T",       // misplaced separator
                "131052-3O8T"})      // letter O in the individual number
        void rejectsInvalid(String value) {
            assertThat(CheckDigits.finnishPersonalIdentityCode(value)).isFalse();
        }
    }

    @Nested
    class SwedishOcr {

        @ParameterizedTest
        @ValueSource(strings = {"1234567897", "8112189876", "18"})
        void acceptsValid(String value) {
            assertThat(CheckDigits.swedishOcr(value)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"1234567898", "0", "12345678A7", "12345 67897",
                "12345678901234567890123459"}) // 26 digits, Luhn right, too long
        void rejectsInvalid(String value) {
            assertThat(CheckDigits.swedishOcr(value)).isFalse();
        }
    }

    @Nested
    class FinnishReference {

        @ParameterizedTest
        @ValueSource(strings = {"1232", "1234561", "12 34561", "00001232"})
        void acceptsValid(String value) {
            assertThat(CheckDigits.finnishReference(value)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"1233", "1234560", "123", "12a2", "123456789012345678903",
                "RF18539007547034"})
        void rejectsInvalid(String value) {
            assertThat(CheckDigits.finnishReference(value)).isFalse();
        }
    }

    @Nested
    class RfCreditorReference {

        @ParameterizedTest
        @ValueSource(strings = {"RF18 5390 0754 7034", "RF18539007547034", "rf18 5390 0754 7034"})
        void acceptsValid(String value) {
            assertThat(CheckDigits.rfCreditorReference(value)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
                "RF19 5390 0754 7034",   // check digits changed
                "RF18 5390 0754 7035",   // payload changed
                "RX18 5390 0754 7034",   // wrong prefix
                "RF1X 5390 0754 7034",   // letter in check digits
                "RF18",                  // no payload
                "RF18 5390-0754-7034",   // hyphens are not allowed
                "RF18 1234 5678 9012 3456 7890 12"}) // longer than 25 characters
        void rejectsInvalid(String value) {
            assertThat(CheckDigits.rfCreditorReference(value)).isFalse();
        }
    }
}
