package eu.indriva.accounting;

/** What a payment event on an invoice is, in the same words for every accounting system. */
public enum PaymentKind {
    /** Money the debtor paid the creditor (a reference payment, a bank transfer, cash): forwarded to the agency. */
    DEBTOR_PAYMENT,
    /** A credit note allocated to the invoice: forwarded to the agency as a credit. */
    CREDIT,
    /** Anything else (an adjustment, a correction, a set-off, a credit loss, an unknown type): for a person. */
    OTHER
}
