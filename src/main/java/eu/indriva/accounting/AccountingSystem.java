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

    /** The system's name as people know it, for notes and history ("Procountor"). */
    String name();

    /** What this system calls a debtor field on its invoices, for the person fixing a rejected one. */
    String debtorField(eu.indriva.debtor.DebtorField field);

    /**
     * Whether Indriva can work with the system with the tenant's settings: it signs in and reads one
     * invoice of a search; a failure says in words what failed. Changes nothing.
     *
     * @return what was tried, for the person who asked ("a token and a one-invoice search")
     */
    String checkConnection();

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

    /** The invoice's payment events (direct payments, markings, credit losses...), oldest first. */
    List<AccountingInvoice.Payment> payments(String invoiceId);

    /**
     * Marks (part of) the invoice paid. Not idempotent: before repeating a call whose outcome is
     * unknown, look for {@code description} (which must hold a unique marker) among {@link #payments}.
     *
     * @param reason an agency payout or a credit loss; the system books each its own way
     * @return the id of the payment event created
     */
    String markPaid(String invoiceId, LocalDate date, java.math.BigDecimal amount, String currency, String description,
                    MarkPaidReason reason);

    /** The id of the journal receipt with exactly this name dated on or near {@code date}, if one exists. */
    Optional<JournalReceipt> findJournalReceipt(String name, LocalDate date);

    /** Creates the journal entry (unapproved) and returns its id. Rows must balance to zero. */
    String createJournalReceipt(JournalEntry entry);

    /** Approves an unapproved journal receipt. */
    void approveJournalReceipt(String receiptId);

    /** Sales invoices changed at or after {@code since} (any status), one page (from 0) at a time. */
    ChangedPage changedInvoices(java.time.Instant since, int page);

    /**
     * One page of the overdue search. {@code unreadable} are the hits whose data could not be used
     * (a missing total or due date, a malformed value): set aside with the reason, the rest of the
     * page goes on.
     */
    record InvoicePage(List<InvoiceSummary> invoices, List<Unreadable> unreadable, boolean last) {
        public InvoicePage(List<InvoiceSummary> invoices, boolean last) {
            this(invoices, List.of(), last);
        }
    }

    /** A search hit whose data could not be read: its id (null when even that is missing) and why, for a person. */
    record Unreadable(String invoiceId, String reason) {}

    /** @param status the system's own word, for messages; {@code state} the same in every system's words */
    record ChangedInvoice(String invoiceId, String status, InvoiceState state) {}

    record ChangedPage(List<ChangedInvoice> invoices, boolean last) {}

    /** A journal receipt as the accounting system lists it. */
    record JournalReceipt(String id, String name, boolean approved) {}
}
