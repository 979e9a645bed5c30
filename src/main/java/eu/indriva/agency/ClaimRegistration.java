package eu.indriva.agency;

import eu.indriva.debtor.ValidDebtor;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the agency needs to register one claim: a checked debtor and the outstanding amount (and
 * the invoice's total; the invoice service claims all of it).
 *
 * @param copy the invoice copy when the agency takes it with the registration ({@link Agency#copyWithRegistration()}), else null
 */
public record ClaimRegistration(
        String accountingInvoiceId,
        String invoiceNumber,
        String debtorNumber,
        ValidDebtor debtor,
        LocalDate invoiceDate,
        LocalDate dueDate,
        BigDecimal outstanding,
        String currency,
        AgencyService service,
        String paymentReference,
        BigDecimal invoiceTotal,
        eu.indriva.accounting.InvoiceCopy copy) {

    @Override
    public String toString() {
        return "ClaimRegistration[invoice=" + accountingInvoiceId + ", " + debtor + "]";
    }
}
