package eu.indriva.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An overdue-search hit: enough to pre-filter without reading the whole invoice. */
public record InvoiceSummary(String invoiceId, String invoiceNumber, String customerNumber, String currency,
                             BigDecimal total, LocalDate effectiveDueDate) {}
