package eu.indriva.accounting;

import eu.indriva.debtor.Debtor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales invoice as the connector needs it, vendor-neutral.
 *
 * @param status the accounting system's own word for its status, for messages
 * @param state the same in the words every accounting system shares
 * @param total the invoice total in the invoice's own currency
 * @param payments money in (positive) and reversals (negative) registered on the invoice
 */
public record AccountingInvoice(
        String invoiceId,
        String invoiceNumber,
        String status,
        InvoiceState state,
        LocalDate invoiceDate,
        LocalDate effectiveDueDate,
        String currency,
        BigDecimal total,
        List<Payment> payments,
        String customerNumber,
        Debtor debtor,
        String paymentReference) {

    /**
     * @param type the accounting system's own word for the payment's type, for messages
     * @param kind what it is, in the words every accounting system shares
     */
    public record Payment(String id, String type, PaymentKind kind, LocalDate date, BigDecimal amount, String description) {}

    /** Total minus payments; what the debtor still owes on this invoice. */
    public BigDecimal outstanding() {
        BigDecimal paid = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return total.subtract(paid).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    @Override
    public String toString() {
        return "AccountingInvoice[" + invoiceId + ", " + status + "]";
    }
}
