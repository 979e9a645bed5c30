package eu.indriva.debtor;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check-digit rules for the Swedish and Finnish identifiers and payment references Indriva
 * handles (domain.md §5).
 *
 * <p>Every method answers {@code false} instead of throwing: the input comes straight from an
 * accounting system, and a malformed value is a reason to reject a claim, not a crash.
 */
public final class CheckDigits {

    private static final String HETU_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    private static final Pattern SE_PERSONAL_10 = Pattern.compile("(\\d{6})([-+]?)(\\d{4})");
    private static final Pattern SE_PERSONAL_12 = Pattern.compile("(\\d{8})-?(\\d{4})");
    private static final Pattern SE_ORGANISATION = Pattern.compile("(?:16)?(\\d{6})-?(\\d{4})");
    private static final Pattern FI_BUSINESS_ID = Pattern.compile("(\\d{7})-(\\d)");
    private static final Pattern HETU =
            Pattern.compile("(\\d{2})(\\d{2})(\\d{2})([-+A-FU-Y])(\\d{3})([0-9A-Z])");

    private static final int[] Y_TUNNUS_WEIGHTS = {7, 9, 10, 5, 8, 4, 2};
    private static final int[] FI_REFERENCE_WEIGHTS = {7, 3, 1};

    private CheckDigits() {
    }

    /** Standard Luhn (mod 10) over a string of ASCII digits; the last digit is the check digit. */
    public static boolean luhn(String digits) {
        if (!isDigits(digits)) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /**
     * Swedish personnummer or samordningsnummer (day + 60) in any of the usual written forms.
     *
     * <p>Without a century and without today's date the birth year is ambiguous, so a 10-digit
     * number passes when its date exists in some century it could belong to; {@link
     * DebtorValidator} settles the century properly.
     */
    public static boolean swedishPersonalNumber(String value) {
        if (value == null) {
            return false;
        }
        Matcher m10 = SE_PERSONAL_10.matcher(value);
        if (m10.matches()) {
            String ten = m10.group(1) + m10.group(3);
            int yy = twoDigits(ten, 0);
            boolean dateExists = false;
            for (int century = 1800; century <= 2000; century += 100) {
                dateExists |= swedishBirthDate(century + yy, ten) != null;
            }
            return dateExists && luhn(ten);
        }
        Matcher m12 = SE_PERSONAL_12.matcher(value);
        if (m12.matches()) {
            String twelve = m12.group(1) + m12.group(2);
            int century = twoDigits(twelve, 0);
            if (century < 18 || century > 20) {
                return false;
            }
            String ten = twelve.substring(2);
            int year = century * 100 + twoDigits(ten, 0);
            return swedishBirthDate(year, ten) != null && luhn(ten);
        }
        return false;
    }

    /**
     * Swedish organisationsnummer. The third digit is at least 2 for legal entities, which is
     * also what keeps an organisation number apart from a personnummer (whose month starts with 0
     * or 1).
     */
    public static boolean swedishOrganisationNumber(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = SE_ORGANISATION.matcher(value);
        if (!m.matches()) {
            return false;
        }
        String ten = m.group(1) + m.group(2);
        return ten.charAt(2) >= '2' && luhn(ten);
    }

    /** Finnish business ID (Y-tunnus), written NNNNNNN-N. */
    public static boolean finnishBusinessId(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = FI_BUSINESS_ID.matcher(value);
        if (!m.matches()) {
            return false;
        }
        String body = m.group(1);
        int sum = 0;
        for (int i = 0; i < Y_TUNNUS_WEIGHTS.length; i++) {
            sum += (body.charAt(i) - '0') * Y_TUNNUS_WEIGHTS[i];
        }
        int r = sum % 11;
        if (r == 1) {
            // No check digit exists for this remainder, so such an ID is never issued.
            return false;
        }
        int expected = r == 0 ? 0 : 11 - r;
        return m.group(2).charAt(0) - '0' == expected;
    }

    /**
     * Finnish personal identity code (HETU), including the century signs added in 2023. Letters
     * are accepted in either case because people type them both ways.
     */
    public static boolean finnishPersonalIdentityCode(String value) {
        return hetuBirthDate(value) != null && hetuCheckCharacterMatches(value);
    }

    /** Swedish OCR reference (Bankgirot): the last digit is a Luhn check digit over the rest. */
    public static boolean swedishOcr(String value) {
        // Bankgirot allows 2 to 25 digits: at least one payload digit plus the check digit.
        return value != null && value.length() >= 2 && value.length() <= 25 && luhn(value);
    }

    /**
     * Finnish reference number (viitenumero): 4 to 20 digits, check digit last. Spaces are
     * allowed because references are printed in groups of five.
     */
    public static boolean finnishReference(String value) {
        if (value == null) {
            return false;
        }
        String digits = value.replace(" ", "");
        if (digits.length() < 4 || digits.length() > 20 || !isDigits(digits)) {
            return false;
        }
        int sum = 0;
        int w = 0;
        for (int i = digits.length() - 2; i >= 0; i--) {
            sum += (digits.charAt(i) - '0') * FI_REFERENCE_WEIGHTS[w % 3];
            w++;
        }
        int expected = (10 - sum % 10) % 10;
        return digits.charAt(digits.length() - 1) - '0' == expected;
    }

    /**
     * RF creditor reference (ISO 11649): "RF", two check digits and up to 21 letters or digits;
     * printed with spaces in groups of four.
     */
    public static boolean rfCreditorReference(String value) {
        if (value == null) {
            return false;
        }
        String ref = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (ref.length() < 5 || ref.length() > 25 || !ref.startsWith("RF")) {
            return false;
        }
        if (!isDigits(ref.substring(2, 4))) {
            return false;
        }
        // 00, 01 and 99 can satisfy mod 97 for some payloads but are never generated.
        int checkDigits = Integer.parseInt(ref.substring(2, 4));
        if (checkDigits < 2 || checkDigits > 98) {
            return false;
        }
        String rearranged = ref.substring(4) + ref.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    // --- package-private helpers shared with DebtorValidator, which needs to tell the user
    // --- whether the date or the check digit is what is wrong.

    /**
     * The birth date a 10-digit Swedish personal number (YYMMDDNNNC) stands for in the given
     * year, or null when that date does not exist. Samordningsnummer add 60 to the day.
     */
    static LocalDate swedishBirthDate(int year, String ten) {
        int month = twoDigits(ten, 2);
        int day = swedishRealDay(ten);
        return dateOrNull(year, month, day);
    }

    /** The calendar day of a 10-digit Swedish personal number, undoing samordningsnummer's +60. */
    static int swedishRealDay(String ten) {
        int day = twoDigits(ten, 4);
        return day > 60 ? day - 60 : day;
    }

    /** The birth date in a HETU, or null when the value is not HETU-shaped or the date is unreal. */
    static LocalDate hetuBirthDate(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = HETU.matcher(value.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        int century = switch (m.group(4).charAt(0)) {
            case '+' -> 1800;
            case '-', 'Y', 'X', 'W', 'V', 'U' -> 1900;
            case 'A', 'B', 'C', 'D', 'E', 'F' -> 2000;
            default -> -1;
        };
        if (century < 0) {
            return null;
        }
        int day = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int year = century + Integer.parseInt(m.group(3));
        return dateOrNull(year, month, day);
    }

    /** Whether a HETU-shaped value's check character is right; false for any other shape. */
    static boolean hetuCheckCharacterMatches(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = HETU.matcher(value.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return false;
        }
        int number = Integer.parseInt(m.group(1) + m.group(2) + m.group(3) + m.group(5));
        return HETU_CHECK_CHARS.charAt(number % 31) == m.group(6).charAt(0);
    }

    private static LocalDate dateOrNull(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int twoDigits(String s, int from) {
        return (s.charAt(from) - '0') * 10 + (s.charAt(from + 1) - '0');
    }

    private static boolean isDigits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Character.isDigit would admit non-ASCII digits, which no identifier contains.
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
