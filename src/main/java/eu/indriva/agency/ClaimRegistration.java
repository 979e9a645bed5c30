package eu.indriva.agency;

import eu.indriva.debtor.ValidDebtor;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What the agency needs to register one claim: a checked debtor and the outstanding amount. */
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
        String paymentReference) {

    @Override
    public String toString() {
        return "ClaimRegistration[invoice=" + accountingInvoiceId + ", " + debtor + "]";
    }
}
