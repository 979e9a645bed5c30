package eu.indriva.debtor;

/**
 * A debtor as the accounting system gives it, before any checking: every field may be null,
 * blank or wrong.
 *
 * @param name legal name
 * @param identifier organisation or personal identity number
 * @param street street address
 * @param zip postal code
 * @param city city
 * @param country ISO 3166 alpha-2 code, e.g. {@code SE}, as the accounting system's adapter
 *     read it (a name it could not read is passed on as written, and rejected)
 * @param email e-mail address, optional
 */
public record Debtor(
        String name,
        String identifier,
        String street,
        String zip,
        String city,
        String country,
        String email) {

    /** Leaves out everything that identifies a person, so a logged debtor leaks no personal data. */
    @Override
    public String toString() {
        return "Debtor[country=" + country + "]";
    }
}
