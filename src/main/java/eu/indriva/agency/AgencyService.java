package eu.indriva.agency;

/**
 * What the agency does with a claim handed over, in the same words for every agency (the policy's
 * {@code service}). Each agency offers some of them ({@link AgencyPlugin#services()}).
 */
public enum AgencyService {
    /**
     * Invoice service (fakturaservice): every new sales invoice is handed over when it is sent in
     * the accounting system; the agency sends it, follows the payment, reminds and collects.
     */
    INVOICE,
    /** Reminder service (påminnelseservice): an overdue invoice; the agency reminds first, then collects. */
    REMINDER,
    /** Collection: an overdue invoice; the agency sends a collection demand (inkassokrav) at once. */
    COLLECTION
}
