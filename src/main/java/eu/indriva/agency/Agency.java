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

    /**
     * Registers the claim. If the agency already has a claim for this invoice (an earlier
     * attempt whose answer was lost), returns that claim with {@code adopted = true}.
     */
    Registration register(ClaimRegistration claim);

    /** Attaches a copy of the invoice to a registered claim. */
    void attach(String agencyClaimId, InvoiceCopy copy);

    record Registration(String agencyClaimId, boolean adopted) {}
}
