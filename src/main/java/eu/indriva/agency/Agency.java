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
     * Registers the claim: either the agency answers now ({@link Registration.Registered}; a claim
     * it already had for this invoice, an earlier attempt whose answer was lost, is returned with
     * {@code adopted = true}), or it takes the claim to answer later ({@link Registration.Submitted}:
     * the answer comes through {@link #answers}). Asking again for a claim submitted and not yet
     * answered changes nothing.
     */
    Registration register(ClaimRegistration claim);

    /**
     * Whether Indriva can reach the agency with the tenant's settings: it authenticates and reads
     * something small; a failure says in words what failed. Changes nothing.
     *
     * @return what was tried, for the person who asked
     */
    String checkConnection();

    /**
     * Whether the invoice copy goes with the registration ({@link ClaimRegistration#copy()}: an agency
     * whose case names its copy) rather than through {@link #attach} once the claim is registered.
     */
    default boolean copyWithRegistration() {
        return false;
    }

    /**
     * Sends what the agency takes in batches (an agency exchanging files writes its files here).
     * Nothing for an agency whose every call is sent at once.
     */
    default void sendBatched() {}

    /**
     * Fetches what the agency delivered since the last time (an agency exchanging files reads its
     * files here; what they say is then offered by {@link #answers}, {@link #changesSince},
     * {@link #details} and {@link #openSettlements}). Nothing for an agency that is asked directly.
     */
    default void collect() {}

    /** Answers to claims {@link Registration.Submitted submitted}, not yet taken, oldest first, at most {@code max}. */
    default java.util.List<Answer> answers(int max) {
        return java.util.List.of();
    }

    /** The answer is applied to the claim: it is not offered again. */
    default void taken(Answer answer) {}

    /**
     * What the agency delivered that Indriva could not use and a person must look at (an agency
     * exchanging files: a line, with its file and number, or a whole file), newest first, at most {@code max}.
     */
    default java.util.List<Unusable> unusable(int max) {
        return java.util.List.of();
    }

    /** @param line the line's number in the file (the header is line 1), or 0 for the whole file */
    record Unusable(String file, int line, String reason, java.time.Instant seenAt) {}

    /**
     * The agency's answer to a submitted claim.
     *
     * @param agencyClaimId the agency's id of the claim (REGISTERED, ADOPTED), else null
     * @param message the agency's reason (REFUSED; may quote the debtor: for the claim, not the log), or why none came (UNANSWERED)
     */
    record Answer(String id, String accountingInvoiceId, Outcome outcome, String agencyClaimId, String message) {

        public enum Outcome {
            /** The agency took it as a new claim. */
            REGISTERED,
            /** The agency already had a claim for this invoice: that one is the claim. */
            ADOPTED,
            /** The agency will not take it as it is. */
            REFUSED,
            /** No answer came in the time the agency promises one: a person must look, and may send it again. */
            UNANSWERED
        }

        @Override
        public String toString() {
            return "Answer[" + accountingInvoiceId + " " + outcome + " " + agencyClaimId + "]";
        }
    }

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

    sealed interface Registration {
        /** The agency has the claim now. */
        record Registered(String agencyClaimId, boolean adopted) implements Registration {}

        /** The agency took the claim and answers later ({@link #answers}); {@code detail} says how, for the history. */
        record Submitted(String detail) implements Registration {}
    }
}
