package eu.indriva.agency;

import eu.indriva.accounting.InvoiceCopy;

/**
 * The collection-agency side of the connector, for one tenant. One implementation per agency
 * (Kravia today). Every method may throw {@link eu.indriva.upstream.UpstreamException}: a
 * {@code Permanent} one carries the agency's own message for the admin.
 */
public interface Agency {

    /** The agency's name as people know it, for notes and history ("Kravia"). */
    String name();

    /** The system id a tenant's {@code agency.system} names and a claim records ("kravia"). */
    String system();

    /**
     * Registers the claim. If the agency already has a claim for this invoice (an earlier
     * attempt whose answer was lost), returns that claim with {@code adopted = true}.
     */
    Registration register(ClaimRegistration claim);

    /** Attaches a copy of the invoice to a registered claim. */
    void attach(String agencyClaimId, InvoiceCopy copy);

    /** The claim as the agency sees it now, or empty when the agency does not know it. */
    java.util.Optional<AgencyCase> details(String agencyClaimId);

    /**
     * Claims changed strictly after {@code since} (the agency's own watermark text; null for "from the
     * beginning"), oldest change first, at most {@code max} of them.
     */
    java.util.List<AgencyChange> changesSince(String since, int max);

    /** Payouts not yet acknowledged as booked, oldest first. */
    java.util.List<Settlement> openSettlements();

    /**
     * Tells the agency the settlement is booked, naming the voucher ({@code "no-entry"} when nothing
     * needed booking). Repeating it with the same id changes nothing.
     */
    void acknowledgeSettlement(String settlementId, String internalAccountingId);

    /**
     * Tells the agency the debtor paid the creditor directly. {@code accountingPaymentId} is the
     * idempotency key: a repeat is answered as already done.
     *
     * @return false when the agency already had this payment id (nothing changed)
     */
    boolean directPayment(String agencyClaimId, String accountingPaymentId, java.time.LocalDate date, java.math.BigDecimal amount,
                          String description);

    /**
     * Credits (part of) the claim; {@code amount} is positive here and sent as the agency wants it.
     * Same idempotency as {@link #directPayment}.
     */
    boolean creditNote(String agencyClaimId, String accountingPaymentId, java.time.LocalDate date, java.math.BigDecimal amount,
                       String description);

    /**
     * Performs one of the claim's available actions. The agency refusing it in the claim's state is an
     * {@link eu.indriva.upstream.UpstreamException.Permanent} with status 409 and the agency's reason.
     */
    void action(String agencyClaimId, AgencyAction action);

    record Registration(String agencyClaimId, boolean adopted) {}
}
