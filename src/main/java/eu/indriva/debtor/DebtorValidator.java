package eu.indriva.debtor;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a debtor can go to the collection agency, and in which shape.
 *
 * <p>An accounting system need not say whether the debtor of an invoice is a company or a person
 * (Procountor does not), so the type is read from the identifier's format:
 * Swedish organisationsnummer and Finnish Y-tunnus mean a company, Swedish personnummer /
 * samordningsnummer and Finnish HETU a person, and no identifier at all a person. Anything else
 * would make the agency pursue the wrong party, so it rejects the claim.
 *
 * <p>A rejection names the field ({@link DebtorField}; the accounting system says what it calls it)
 * and what to fix, but never repeats an identifier: it ends up in logs and notes, where personal
 * identity numbers must not appear. The country is an ISO 3166 alpha-2 code: the accounting
 * system's adapter turns its own country names into codes.
 */
public final class DebtorValidator {

    private static final java.util.Set<String> ISO_COUNTRIES = java.util.Set.of(Locale.getISOCountries());

    private static final Pattern Y_TUNNUS = Pattern.compile("\\d{7}-\\d");
    private static final Pattern SE_10 = Pattern.compile("(\\d{6})([-+]?)(\\d{4})");
    private static final Pattern SE_12 = Pattern.compile("(\\d{2})(\\d{6})-?(\\d{4})");
    private static final Pattern HETU_SHAPE =
            Pattern.compile("\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Z]", Pattern.CASE_INSENSITIVE);

    private static final int MAX_ECHOED_COUNTRY_LENGTH = 40;

    private static final String UNKNOWN_IDENTIFIER = "the identifier is not a Swedish organisation"
            + " number or personal identity number, nor a Finnish business ID (Y-tunnus) or"
            + " personal identity code (HETU); correct it, or leave it empty if the debtor is a"
            + " private person without one";
    private static final String SE_ORG_CHECK = "the Swedish organisation number's check digit is"
            + " wrong; correct the number in the customer's details";
    private static final String SE_ORG_PLUS = "a Swedish organisation number is written"
            + " NNNNNN-NNNN; '+' belongs only in personal identity numbers of people aged 100 or"
            + " more";
    private static final String SE_ORG_THIRD_DIGIT = "a Swedish organisation number with the"
            + " century prefix 16 must have 2 or more as its third digit; correct the number";
    private static final String SE_PERSON_DATE = "the Swedish personal identity number does not"
            + " contain a real date of birth; correct the number";
    private static final String SE_PERSON_FUTURE = "the Swedish personal identity number's date"
            + " of birth is in the future; correct the number";
    private static final String SE_PERSON_CHECK = "the Swedish personal identity number's check"
            + " digit is wrong; correct the number";
    private static final String FI_BUSINESS_CHECK = "the Finnish business ID (Y-tunnus)'s check"
            + " digit is wrong; correct the ID in the customer's details";
    private static final String HETU_DATE = "the Finnish personal identity code (HETU) does not"
            + " contain a real date of birth; correct the code";
    private static final String HETU_FUTURE = "the Finnish personal identity code (HETU)'s date"
            + " of birth is in the future; correct the code";
    private static final String HETU_CHECK = "the Finnish personal identity code (HETU)'s check"
            + " character is wrong; correct the code";

    private DebtorValidator() {
    }

    /**
     * Checks a debtor and normalizes it for the agency. Reports the first problem found, in the
     * order name, street, zip, city, country, identifier.
     *
     * @param debtor the debtor as read from the invoice; must not be null
     * @param today today's date in the tenant's zone; settles the century of a 10-digit Swedish
     *     personal number and rejects birth dates in the future
     */
    public static DebtorCheck validate(Debtor debtor, LocalDate today) {
        Objects.requireNonNull(debtor, "debtor");
        Objects.requireNonNull(today, "today");

        if (isBlank(debtor.name())) {
            return invalid(DebtorField.NAME, "the debtor's name is missing; enter the debtor's legal name");
        }
        if (isBlank(debtor.street())) {
            return invalid(DebtorField.STREET, "the debtor's street address is missing; the agency needs"
                    + " a full postal address");
        }
        if (isBlank(debtor.zip())) {
            return invalid(DebtorField.ZIP, "the debtor's postal code is missing; the agency needs a full"
                    + " postal address");
        }
        if (isBlank(debtor.city())) {
            return invalid(DebtorField.CITY, "the debtor's city is missing; the agency needs a full postal"
                    + " address");
        }
        if (isBlank(debtor.country())) {
            return invalid(DebtorField.COUNTRY, "the debtor's country is missing");
        }
        String iso = debtor.country().trim().toUpperCase(java.util.Locale.ROOT);
        Optional<String> countryCode = ISO_COUNTRIES.contains(iso) ? Optional.of(iso) : Optional.empty();
        if (countryCode.isEmpty()) {
            return invalid(DebtorField.COUNTRY, "'" + echo(debtor.country()) + "' is not a country Indriva"
                    + " knows");
        }

        Identity identity = identify(debtor.identifier(), countryCode.get(), today);
        if (identity instanceof Rejected rejected) {
            return invalid(DebtorField.IDENTIFIER, rejected.reason());
        }
        Identified id = (Identified) identity;
        return new DebtorCheck.Valid(new ValidDebtor(
                id.type(),
                debtor.name().trim(),
                id.organisationNumber(),
                id.personalNumber(),
                debtor.street().trim(),
                debtor.zip().trim(),
                debtor.city().trim(),
                countryCode.get(),
                isBlank(debtor.email()) ? null : debtor.email().trim()));
    }

    private static Identity identify(String rawIdentifier, String countryCode, LocalDate today) {
        if (isBlank(rawIdentifier)) {
            return new Identified(DebtorType.PERSON, null, null);
        }
        String id = rawIdentifier.trim();

        if (Y_TUNNUS.matcher(id).matches()) {
            return CheckDigits.finnishBusinessId(id)
                    ? new Identified(DebtorType.COMPANY, id, null)
                    : new Rejected(FI_BUSINESS_CHECK);
        }

        Matcher se12 = SE_12.matcher(id);
        if (se12.matches()) {
            return swedishTwelveDigits(se12.group(1), se12.group(2) + se12.group(3), today);
        }

        Matcher se10 = SE_10.matcher(id);
        boolean swedishShape = se10.matches();
        boolean hetuShape = HETU_SHAPE.matcher(id).matches();
        if (swedishShape && hetuShape) {
            // YYMMDD-NNNC and DDMMYY-NNNC look alike when a HETU ends in a digit: the number
            // that passes all its checks wins, and when both or neither do, the address decides.
            Identity swedish = swedishTenDigits(se10.group(1) + se10.group(3), se10.group(2), today);
            Identity finnish = hetu(id, today);
            boolean swedishOk = swedish instanceof Identified;
            boolean finnishOk = finnish instanceof Identified;
            if (swedishOk != finnishOk) {
                return swedishOk ? swedish : finnish;
            }
            return isFinnish(countryCode) ? finnish : swedish;
        }
        if (swedishShape) {
            return swedishTenDigits(se10.group(1) + se10.group(3), se10.group(2), today);
        }
        if (hetuShape) {
            return hetu(id, today);
        }
        return new Rejected(UNKNOWN_IDENTIFIER);
    }

    private static Identity swedishTenDigits(String ten, String separator, LocalDate today) {
        if (ten.charAt(2) >= '2') {
            if ("+".equals(separator)) {
                return new Rejected(SE_ORG_PLUS);
            }
            return CheckDigits.swedishOrganisationNumber(ten)
                    ? new Identified(DebtorType.COMPANY, organisationNumber(ten), null)
                    : new Rejected(SE_ORG_CHECK);
        }
        int year = resolveYear(ten, "+".equals(separator), today);
        return swedishPerson(year, ten, today);
    }

    private static Identity swedishTwelveDigits(String century, String ten, LocalDate today) {
        switch (century) {
            case "16":
                if (ten.charAt(2) < '2') {
                    return new Rejected(SE_ORG_THIRD_DIGIT);
                }
                return CheckDigits.swedishOrganisationNumber(ten)
                        ? new Identified(DebtorType.COMPANY, organisationNumber(ten), null)
                        : new Rejected(SE_ORG_CHECK);
            case "18", "19", "20":
                int year = Integer.parseInt(century) * 100 + Integer.parseInt(ten.substring(0, 2));
                return swedishPerson(year, ten, today);
            default:
                return new Rejected(UNKNOWN_IDENTIFIER);
        }
    }

    private static Identity swedishPerson(int year, String ten, LocalDate today) {
        LocalDate birth = CheckDigits.swedishBirthDate(year, ten);
        if (birth == null) {
            return new Rejected(SE_PERSON_DATE);
        }
        if (birth.isAfter(today)) {
            return new Rejected(SE_PERSON_FUTURE);
        }
        if (!CheckDigits.luhn(ten)) {
            return new Rejected(SE_PERSON_CHECK);
        }
        // The agency wants the full century; the day keeps samordningsnummer's +60 as issued.
        String personalNumber = String.format(Locale.ROOT, "%04d", year)
                + ten.substring(2, 6) + "-" + ten.substring(6);
        return new Identified(DebtorType.PERSON, null, personalNumber);
    }

    /**
     * The birth year of a 10-digit personnummer: with '-' (or no separator) the person is under
     * 100 and born no later than today; with '+' the person is 100 or older. That is how the
     * Swedish tax agency writes them, and it picks exactly one year.
     */
    private static int resolveYear(String ten, boolean hundredOrOlder, LocalDate today) {
        int yy = Integer.parseInt(ten.substring(0, 2));
        int monthDay = Integer.parseInt(ten.substring(2, 4)) * 100 + CheckDigits.swedishRealDay(ten);
        int todayMonthDay = today.getMonthValue() * 100 + today.getDayOfMonth();
        int latest = hundredOrOlder ? today.getYear() - 100 : today.getYear();
        int year = latest - Math.floorMod(latest - yy, 100);
        if (year == latest && monthDay > todayMonthDay) {
            year -= 100;
        }
        return year;
    }

    private static Identity hetu(String id, LocalDate today) {
        LocalDate birth = CheckDigits.hetuBirthDate(id);
        if (birth == null) {
            return new Rejected(HETU_DATE);
        }
        if (birth.isAfter(today)) {
            return new Rejected(HETU_FUTURE);
        }
        if (!CheckDigits.hetuCheckCharacterMatches(id)) {
            return new Rejected(HETU_CHECK);
        }
        return new Identified(DebtorType.PERSON, null, id.toUpperCase(Locale.ROOT));
    }

    private static String organisationNumber(String ten) {
        return ten.substring(0, 6) + "-" + ten.substring(6);
    }

    private static boolean isFinnish(String countryCode) {
        // Åland uses Finnish identity codes.
        return "FI".equals(countryCode) || "AX".equals(countryCode);
    }

    private static String echo(String country) {
        // The value is shown back so the user sees what to fix; cap it in case a whole address
        // was typed into the country field.
        String cleaned = country.trim().replaceAll("\\p{Cntrl}", " ");
        return cleaned.length() <= MAX_ECHOED_COUNTRY_LENGTH
                ? cleaned
                : cleaned.substring(0, MAX_ECHOED_COUNTRY_LENGTH) + "...";
    }

    private static DebtorCheck.Invalid invalid(DebtorField field, String problem) {
        return new DebtorCheck.Invalid(field, problem);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private sealed interface Identity permits Identified, Rejected {
    }

    private record Identified(DebtorType type, String organisationNumber, String personalNumber)
            implements Identity {
    }

    private record Rejected(String reason) implements Identity {
    }
}
