package eu.indriva.accounting.procountor;

import java.text.Normalizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Procountor's country names (English, upper case, words joined by underscores, e.g.
 * {@code UNITED_STATES_OF_AMERICA}) to ISO 3166-1 alpha-2 codes, which the collection agency
 * expects.
 *
 * <p>The table holds every value of Procountor's country enum (API 26.04) plus the short or
 * newer names people type by hand (UNITED KINGDOM, CZECHIA, ÅLAND, ...), because test data and
 * older records do not always use the enum spelling.
 */
public final class CountryCodes {

    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        // Procountor's enum values.
        put("AF", "AFGHANISTAN");
        put("AX", "ALAND_ISLANDS");
        put("AL", "ALBANIA");
        put("DZ", "ALGERIA");
        put("AS", "AMERICAN_SAMOA");
        put("AD", "ANDORRA");
        put("AO", "ANGOLA");
        put("AI", "ANGUILLA");
        put("AQ", "ANTARCTICA");
        put("AG", "ANTIGUA_AND_BARBUDA");
        put("AR", "ARGENTINA");
        put("AM", "ARMENIA");
        put("AW", "ARUBA");
        put("SH", "ASCENSION_AND_TRISTAN_DA_CUNHA_SAINT_HELENA");
        put("AU", "AUSTRALIA");
        put("AT", "AUSTRIA");
        put("AZ", "AZERBAIJAN");
        put("BS", "BAHAMAS");
        put("BH", "BAHRAIN");
        put("BD", "BANGLADESH");
        put("BB", "BARBADOS");
        put("BY", "BELARUS");
        put("BE", "BELGIUM");
        put("BZ", "BELIZE");
        put("BJ", "BENIN");
        put("BM", "BERMUDA");
        put("BT", "BHUTAN");
        put("VE", "BOLIVARIAN_REPUBLIC_OF_VENEZUELA");
        put("BA", "BOSNIA_AND_HERZEGOVINA");
        put("BW", "BOTSWANA");
        put("BV", "BOUVET_ISLAND");
        put("BR", "BRAZIL");
        put("IO", "BRITISH_INDIAN_OCEAN_TERRITORY");
        put("VG", "BRITISH_VIRGIN_ISLANDS");
        put("BN", "BRUNEI_DARUSSALAM");
        put("BG", "BULGARIA");
        put("BF", "BURKINA_FASO");
        put("BI", "BURUNDI");
        put("CV", "CABO_VERDE");
        put("KH", "CAMBODIA");
        put("CM", "CAMEROON");
        put("CA", "CANADA");
        put("KY", "CAYMAN_ISLANDS");
        put("CF", "CENTRAL_AFRICAN_REPUBLIC");
        put("TD", "CHAD");
        put("CL", "CHILE");
        put("CN", "CHINA");
        put("CX", "CHRISTMAS_ISLAND");
        put("CC", "COCOS_KEELING_ISLANDS");
        put("CO", "COLOMBIA");
        put("KM", "COMOROS");
        put("CG", "CONGO");
        put("CK", "COOK_ISLANDS");
        put("CR", "COSTA_RICA");
        put("CI", "COTE_D_IVOIRE");
        put("HR", "CROATIA");
        put("CU", "CUBA");
        put("CW", "CURACAO");
        put("CY", "CYPRUS");
        put("CZ", "CZECH_REPUBLIC");
        put("KP", "DEMOCRATIC_PEOPLE_S_REPUBLIC_OF_KOREA");
        put("DK", "DENMARK");
        put("DJ", "DJIBOUTI");
        put("DM", "DOMINICA");
        put("DO", "DOMINICAN_REPUBLIC");
        put("EC", "ECUADOR");
        put("EG", "EGYPT");
        put("SV", "EL_SALVADOR");
        put("GQ", "EQUATORIAL_GUINEA");
        put("ER", "ERITREA");
        put("EE", "ESTONIA");
        put("ET", "ETHIOPIA");
        put("FK", "FALKLAND_ISLANDS_MALVINAS");
        put("FO", "FAROE_ISLANDS");
        put("FM", "FEDERATED_STATES_OF_MICRONESIA");
        put("FJ", "FIJI");
        put("FI", "FINLAND");
        put("FR", "FRANCE");
        put("GF", "FRENCH_GUIANA");
        put("PF", "FRENCH_POLYNESIA");
        put("TF", "FRENCH_SOUTHERN_TERRITORIES");
        put("GA", "GABON");
        put("GM", "GAMBIA");
        put("GE", "GEORGIA");
        put("DE", "GERMANY");
        put("GH", "GHANA");
        put("GI", "GIBRALTAR");
        put("GR", "GREECE");
        put("GL", "GREENLAND");
        put("GD", "GRENADA");
        put("GP", "GUADELOUPE");
        put("GU", "GUAM");
        put("GT", "GUATEMALA");
        put("GG", "GUERNSEY");
        put("GN", "GUINEA");
        put("GW", "GUINEA_BISSAU");
        put("GY", "GUYANA");
        put("HT", "HAITI");
        put("HM", "HEARD_ISLAND_AND_MCDONALD_ISLANDS");
        put("VA", "HOLY_SEE_VATICAN_CITY_STATE");
        put("HN", "HONDURAS");
        put("HK", "HONG_KONG");
        put("HU", "HUNGARY");
        put("IS", "ICELAND");
        put("IN", "INDIA");
        put("ID", "INDONESIA");
        put("IQ", "IRAQ");
        put("IE", "IRELAND");
        put("IR", "ISLAMIC_REPUBLIC_OF_IRAN");
        put("IM", "ISLE_OF_MAN");
        put("IL", "ISRAEL");
        put("IT", "ITALY");
        put("JM", "JAMAICA");
        put("JP", "JAPAN");
        put("JE", "JERSEY");
        put("JO", "JORDAN");
        put("KZ", "KAZAKHSTAN");
        put("KE", "KENYA");
        put("KI", "KIRIBATI");
        // Kosovo has no ISO code; XK is the user-assigned code the EU and banks use.
        put("XK", "KOSOVO_TEMPORARY");
        put("KW", "KUWAIT");
        put("KG", "KYRGYZSTAN");
        put("LA", "LAO_PEOPLE_S_DEMOCRATIC_REPUBLIC");
        put("LV", "LATVIA");
        put("LB", "LEBANON");
        put("LS", "LESOTHO");
        put("LR", "LIBERIA");
        put("LY", "LIBYA");
        put("LI", "LIECHTENSTEIN");
        put("LT", "LITHUANIA");
        put("LU", "LUXEMBOURG");
        put("MO", "MACAO");
        put("MG", "MADAGASCAR");
        put("MW", "MALAWI");
        put("MY", "MALAYSIA");
        put("MV", "MALDIVES");
        put("ML", "MALI");
        put("MT", "MALTA");
        put("MH", "MARSHALL_ISLANDS");
        put("MQ", "MARTINIQUE");
        put("MR", "MAURITANIA");
        put("MU", "MAURITIUS");
        put("YT", "MAYOTTE");
        put("MX", "MEXICO");
        put("MC", "MONACO");
        put("MN", "MONGOLIA");
        put("ME", "MONTENEGRO");
        put("MS", "MONTSERRAT");
        put("MA", "MOROCCO");
        put("MZ", "MOZAMBIQUE");
        put("MM", "MYANMAR");
        put("NA", "NAMIBIA");
        put("NR", "NAURU");
        put("NP", "NEPAL");
        put("NL", "NETHERLANDS");
        put("NC", "NEW_CALEDONIA");
        put("NZ", "NEW_ZEALAND");
        put("NI", "NICARAGUA");
        put("NE", "NIGER");
        put("NG", "NIGERIA");
        put("NU", "NIUE");
        put("NF", "NORFOLK_ISLAND");
        // Northern Ireland is part of GB in ISO 3166; XI exists only for VAT purposes.
        put("GB", "NORTHERN_IRELAND_TEMPORARY");
        put("MP", "NORTHERN_MARIANA_ISLANDS");
        put("NO", "NORWAY");
        put("OM", "OMAN");
        put("PK", "PAKISTAN");
        put("PW", "PALAU");
        put("PA", "PANAMA");
        put("PG", "PAPUA_NEW_GUINEA");
        put("PY", "PARAGUAY");
        put("PE", "PERU");
        put("PH", "PHILIPPINES");
        put("PN", "PITCAIRN");
        put("BO", "PLURINATIONAL_STATE_OF_BOLIVIA");
        put("PL", "POLAND");
        put("PT", "PORTUGAL");
        put("TW", "PROVINCE_OF_CHINA_TAIWAN");
        put("PR", "PUERTO_RICO");
        put("QA", "QATAR");
        put("KR", "REPUBLIC_OF_KOREA");
        put("MD", "REPUBLIC_OF_MOLDOVA");
        put("RE", "REUNION");
        put("RO", "ROMANIA");
        put("RU", "RUSSIAN_FEDERATION");
        put("RW", "RWANDA");
        put("BL", "SAINT_BARTHELEMY");
        put("KN", "SAINT_KITTS_AND_NEVIS");
        put("LC", "SAINT_LUCIA");
        put("MF", "SAINT_MARTIN_FRENCH_PART");
        put("PM", "SAINT_PIERRE_AND_MIQUELON");
        put("VC", "SAINT_VINCENT_AND_THE_GRENADINES");
        put("WS", "SAMOA");
        put("SM", "SAN_MARINO");
        put("ST", "SAO_TOME_AND_PRINCIPE");
        put("SA", "SAUDI_ARABIA");
        put("SN", "SENEGAL");
        put("RS", "SERBIA");
        put("SC", "SEYCHELLES");
        put("SL", "SIERRA_LEONE");
        put("SG", "SINGAPORE");
        put("BQ", "SINT_EUSTATIUS_AND_SABA_BONAIRE");
        put("SX", "SINT_MAARTEN_DUTCH_PART");
        put("SK", "SLOVAKIA");
        put("SI", "SLOVENIA");
        put("SB", "SOLOMON_ISLANDS");
        put("SO", "SOMALIA");
        put("ZA", "SOUTH_AFRICA");
        put("GS", "SOUTH_GEORGIA_AND_THE_SOUTH_SANDWICH_ISLANDS");
        put("SS", "SOUTH_SUDAN");
        put("ES", "SPAIN");
        put("LK", "SRI_LANKA");
        put("PS", "STATE_OF_PALESTINE");
        put("SD", "SUDAN");
        put("SR", "SURINAME");
        put("SJ", "SVALBARD_AND_JAN_MAYEN");
        put("SZ", "SWAZILAND");
        put("SE", "SWEDEN");
        put("CH", "SWITZERLAND");
        put("SY", "SYRIAN_ARAB_REPUBLIC");
        put("TJ", "TAJIKISTAN");
        put("TH", "THAILAND");
        put("CD", "THE_DEMOCRATIC_REPUBLIC_OF_THE_CONGO");
        put("MK", "THE_FORMER_YUGOSLAV_REPUBLIC_OF_MACEDONIA");
        put("TL", "TIMOR_LESTE");
        put("TG", "TOGO");
        put("TK", "TOKELAU");
        put("TO", "TONGA");
        put("TT", "TRINIDAD_AND_TOBAGO");
        put("TN", "TUNISIA");
        put("TR", "TURKEY");
        put("TM", "TURKMENISTAN");
        put("TC", "TURKS_AND_CAICOS_ISLANDS");
        put("TV", "TUVALU");
        put("UG", "UGANDA");
        put("UA", "UKRAINE");
        put("AE", "UNITED_ARAB_EMIRATES");
        put("GB", "UNITED_KINGDOM_OF_GREAT_BRITAIN_AND_NORTHERN_IRELAND");
        put("TZ", "UNITED_REPUBLIC_OF_TANZANIA");
        put("UM", "UNITED_STATES_MINOR_OUTLYING_ISLANDS");
        put("US", "UNITED_STATES_OF_AMERICA");
        put("UY", "URUGUAY");
        put("UZ", "UZBEKISTAN");
        put("VI", "U_S_VIRGIN_ISLANDS");
        put("VU", "VANUATU");
        put("VN", "VIET_NAM");
        put("WF", "WALLIS_AND_FUTUNA");
        put("EH", "WESTERN_SAHARA");
        put("YE", "YEMEN");
        put("ZM", "ZAMBIA");
        put("ZW", "ZIMBABWE");

        // Common short and current names that are not Procountor enum values.
        put("AX", "ALAND");
        put("GB", "UNITED_KINGDOM", "GREAT_BRITAIN");
        put("US", "UNITED_STATES");
        put("CZ", "CZECHIA");
        put("MK", "NORTH_MACEDONIA");
        put("SZ", "ESWATINI");
        put("VN", "VIETNAM");
        put("RU", "RUSSIA");
        put("KR", "SOUTH_KOREA");
        put("KP", "NORTH_KOREA");
        put("TW", "TAIWAN");
        put("IR", "IRAN");
        put("SY", "SYRIA");
        put("LA", "LAOS");
        put("MD", "MOLDOVA");
        put("TZ", "TANZANIA");
        put("BO", "BOLIVIA");
        put("VE", "VENEZUELA");
        put("VA", "HOLY_SEE", "VATICAN_CITY");
        put("XK", "KOSOVO");
        put("FM", "MICRONESIA");
        put("PS", "PALESTINE");
        put("CI", "IVORY_COAST");
        put("CV", "CAPE_VERDE");
        put("TL", "EAST_TIMOR");
        put("BN", "BRUNEI");
        put("MO", "MACAU");
        put("FK", "FALKLAND_ISLANDS");
        put("CC", "COCOS_ISLANDS");
        put("CD", "DEMOCRATIC_REPUBLIC_OF_THE_CONGO");
        put("TR", "TURKIYE");
    }

    private CountryCodes() {
    }

    /**
     * The ISO 3166-1 alpha-2 code for a country name, or empty when the name is unknown.
     * Case, surrounding blanks, spaces versus underscores, punctuation and diacritics do not
     * matter ("United Kingdom", "ÅLAND", "Côte d'Ivoire" all match).
     */
    public static Optional<String> toIso(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(normalize(name)));
    }

    /** The whole table, normalized name to code; for tests that audit it. */
    static Map<String, String> table() {
        return Collections.unmodifiableMap(BY_NAME);
    }

    private static void put(String iso, String... names) {
        for (String name : names) {
            BY_NAME.put(normalize(name), iso);
        }
    }

    private static String normalize(String name) {
        String withoutMarks = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return withoutMarks.toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
    }
}
