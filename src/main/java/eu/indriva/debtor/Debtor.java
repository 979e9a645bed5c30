package eu.indriva.debtor;

/**
 * A debtor as the accounting system gives it, before any checking: every field may be null,
 * blank or wrong.
 *
 * @param name legal name ({@code counterPartyAddress.name})
 * @param identifier organisation or personal identity number ({@code counterParty.identifier})
 * @param street street address
 * @param zip postal code
 * @param city city
 * @param country Procountor's English country name, e.g. {@code SWEDEN}
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
