package eu.indriva.claim;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a claim records about its invoice: enough to show it, nothing personal. */
public record InvoiceFacts(String invoiceId, String invoiceNumber, String customerNumber, BigDecimal amount,
                           String currency, LocalDate dueDate) {}
