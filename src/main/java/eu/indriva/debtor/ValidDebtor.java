package eu.indriva.debtor;

import java.util.Objects;

/**
 * A debtor that passed {@link DebtorValidator}, in the shape the collection agency expects.
 *
 * @param type company or private person
 * @param name legal name, trimmed
 * @param organisationNumber "NNNNNN-NNNN" (Swedish) or "NNNNNNN-N" (Finnish); null for a person
 * @param personalNumber "YYYYMMDD-NNNN" (Swedish, full century) or the HETU as written (Finnish,
 *     letters upper-cased); null for a company or a person without an identifier
 * @param street street address, trimmed
 * @param zip postal code, trimmed
 * @param city city, trimmed
 * @param countryCode ISO 3166-1 alpha-2
 * @param email e-mail address, trimmed; null when absent
 */
public record ValidDebtor(
        DebtorType type,
        String name,
        String organisationNumber,
        String personalNumber,
        String street,
        String zip,
        String city,
        String countryCode,
        String email) {

    public ValidDebtor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(countryCode, "countryCode");
    }

    /**
     * The identifier as a person may see it: a personal identity number with its last four characters
     * masked ({@code 19811218-****}, HETU {@code 131052-****}), an organisation number as it is, or null.
     */
    public String maskedIdentifier() {
        if (personalNumber != null) {
            return personalNumber.length() <= 4 ? "****" : personalNumber.substring(0, personalNumber.length() - 4) + "****";
        }
        return organisationNumber;
    }

    /** Only the non-personal fields: names, identifiers and addresses must never reach a log. */
    @Override
    public String toString() {
        return "ValidDebtor[type=" + type + ", countryCode=" + countryCode + "]";
    }
}
