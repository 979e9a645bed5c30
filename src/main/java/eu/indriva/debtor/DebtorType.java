package eu.indriva.debtor;

/** Whether the collection agency treats the debtor as a company (B2B) or a private person. */
public enum DebtorType {
    COMPANY,
    PERSON
}
