package eu.indriva.accounting.procountor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryCodesTest {

    @ParameterizedTest
    @CsvSource({
            "SWEDEN, SE", "FINLAND, FI", "NORWAY, NO", "DENMARK, DK", "ICELAND, IS",
            "ESTONIA, EE", "LATVIA, LV", "LITHUANIA, LT", "GERMANY, DE",
            "FAROE_ISLANDS, FO", "GREENLAND, GL", "ALAND_ISLANDS, AX",
            "SWITZERLAND, CH", "UNITED_KINGDOM_OF_GREAT_BRITAIN_AND_NORTHERN_IRELAND, GB",
            "UNITED_STATES_OF_AMERICA, US", "RUSSIAN_FEDERATION, RU", "COTE_D_IVOIRE, CI",
            "U_S_VIRGIN_ISLANDS, VI", "KOSOVO_TEMPORARY, XK", "ZIMBABWE, ZW"})
    void mapsProcountorNames(String name, String iso) {
        assertThat(CountryCodes.toIso(name)).contains(iso);
    }

    @ParameterizedTest
    @CsvSource({
            "AUSTRIA, AT", "BELGIUM, BE", "BULGARIA, BG", "CROATIA, HR", "CYPRUS, CY",
            "CZECH_REPUBLIC, CZ", "DENMARK, DK", "ESTONIA, EE", "FINLAND, FI", "FRANCE, FR",
            "GERMANY, DE", "GREECE, GR", "HUNGARY, HU", "IRELAND, IE", "ITALY, IT",
            "LATVIA, LV", "LITHUANIA, LT", "LUXEMBOURG, LU", "MALTA, MT", "NETHERLANDS, NL",
            "POLAND, PL", "PORTUGAL, PT", "ROMANIA, RO", "SLOVAKIA, SK", "SLOVENIA, SI",
            "SPAIN, ES", "SWEDEN, SE"})
    void mapsEveryEuMemberState(String name, String iso) {
        assertThat(CountryCodes.toIso(name)).contains(iso);
    }

    @ParameterizedTest
    @CsvSource({
            "UNITED_KINGDOM, GB", "UNITED KINGDOM, GB", "United Kingdom, GB",
            "UNITED_STATES, US", "UNITED STATES, US", "united states, US",
            "ÅLAND, AX", "Åland, AX", "ALAND, AX", "ÅLAND ISLANDS, AX",
            "CZECHIA, CZ", "Czech Republic, CZ", "NORTH MACEDONIA, MK",
            "Côte d'Ivoire, CI", "'  sweden  ', SE", "Bosnia-and-Herzegovina, BA",
            "'SAINT  LUCIA', LC"})
    void acceptsOtherSpellingsAndAnyCase(String name, String iso) {
        assertThat(CountryCodes.toIso(name)).contains(iso);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ATLANTIS", "   ", "SE", "SVERIGE", "SWE DEN", "__"})
    void unknownNamesGiveEmpty(String name) {
        assertThat(CountryCodes.toIso(name)).isEmpty();
    }

    @Test
    void everyCodeIsAnIsoCode() {
        Set<String> iso = new HashSet<>(Arrays.asList(Locale.getISOCountries()));
        // XK (Kosovo) is user-assigned, so the JDK does not list it.
        iso.add("XK");
        assertThat(CountryCodes.table().values()).allSatisfy(code -> assertThat(iso).contains(code));
    }

    @Test
    void coversTheNordicsUnderTheirOwnCodes() {
        assertThat(CountryCodes.table()).containsEntry("SWEDEN", "SE").containsEntry("FINLAND", "FI")
                .containsEntry("NORWAY", "NO").containsEntry("DENMARK", "DK")
                .containsEntry("ICELAND", "IS").containsEntry("ALAND_ISLANDS", "AX");
    }
}
