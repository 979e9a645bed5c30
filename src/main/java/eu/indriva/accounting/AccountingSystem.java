package eu.indriva.accounting;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The accounting side of the connector, for one tenant. One implementation per vendor
 * (Procountor today); flows only see this interface and the records beside it.
 * Every method may throw {@link eu.indriva.upstream.UpstreamException}.
 */
public interface AccountingSystem {

    /** One page of open sales invoices due on or before {@code dueOnOrBefore}; pages count from 0. */
    InvoicePage overdueInvoices(LocalDate dueOnOrBefore, int page);

    /** The invoice with its debtor and payments, or empty when the accounting system does not know it. */
    Optional<AccountingInvoice> invoice(String invoiceId);

    /** A copy of the invoice to send along with the claim, if the system can render one. */
    Optional<InvoiceCopy> invoiceCopy(String invoiceId);

    /**
     * Adds {@code text} to the invoice's internal notes unless a note containing {@code marker}
     * is already there (so a repeat after an unknown outcome writes nothing). Keeps the user's text.
     *
     * @return true when the note was written now, false when it was already there
     */
    boolean appendNote(String invoiceId, String marker, String text);

    record InvoicePage(List<InvoiceSummary> invoices, boolean last) {}
}
