package eu.indriva.debtor;

/**
 * A field of the debtor, in no system's words: a rejection names one, and the accounting system
 * says what that field is called on its invoices ({@code AccountingSystem.debtorField}).
 */
public enum DebtorField { NAME, IDENTIFIER, STREET, ZIP, CITY, COUNTRY }
