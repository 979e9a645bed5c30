package eu.indriva.accounting.procountor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.InvoiceState;
import eu.indriva.accounting.MarkPaidReason;
import eu.indriva.accounting.PaymentKind;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.accounting.JournalEntry;
import eu.indriva.debtor.Debtor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Procountor JSON → the connector's records, following procountor-api.yaml and its "this
 * project's reading" (effective due date, outstanding amount, debtor name). Tolerates unknown
 * fields and enum values. Plain code with its own unit tests.
 */
public final class ProcountorMapping {

    private ProcountorMapping() {}

    public static InvoiceSummary summary(JsonNode n) {
        String currency = text(n.path("paymentInfo"), "currency");
        JsonNode sums = n.path("invoiceSumInfo");
        if (currency == null) {
            // search hits carry no paymentInfo: the sum entry in the invoice's own currency is the one not in accounting currency, else the only one
            currency = sumCurrency(sums);
        }
        // no usable sum on a search hit leaves the total open (the full read decides) instead of failing the whole page
        BigDecimal total = hasTotal(sums, currency) ? total(sums, currency) : null;
        LocalDate due = effectiveDueDate(n.path("newDueDate"), n.path("dueDate"));
        // what the search promises and the policy needs: without them the invoice would be dropped without a word
        if (text(n, "id") == null) {
            throw new IllegalArgumentException("the hit has no id");
        }
        if (currency == null) {
            throw new IllegalArgumentException("no currency: neither paymentInfo nor invoiceSumInfo names one");
        }
        if (due == null) {
            throw new IllegalArgumentException("no due date");
        }
        return new InvoiceSummary(text(n, "id"), text(n, "invoiceNumber"), text(n.path("counterParty"), "customerNumber"),
                currency, total, due);
    }

    /** A search hit as a change: its id and status as Procountor writes them (unknown statuses pass through); no id, nothing to follow. */
    public static Optional<AccountingSystem.ChangedInvoice> changed(JsonNode n) {
        String id = text(n, "id");
        String status = text(n, "status");
        return id == null ? Optional.empty() : Optional.of(new AccountingSystem.ChangedInvoice(id, status, state(status)));
    }

    /** Procountor's country name as an ISO code; a name it does not know is passed on as written (and rejected with it). */
    static String country(String name) {
        return name == null ? null : CountryCodes.toIso(name).orElse(name);
    }

    public static AccountingInvoice invoice(JsonNode n, JsonNode paymentEvents) {
        JsonNode pay = n.path("paymentInfo");
        String currency = text(pay, "currency");
        if (currency == null) {
            currency = sumCurrency(n.path("invoiceSumInfo"));
        }
        LocalDate due = effectiveDueDate(pay.path("newDueDate").isMissingNode() ? n.path("newDueDate") : pay.path("newDueDate"),
                pay.path("dueDate").isMissingNode() ? n.path("dueDate") : pay.path("dueDate"));
        JsonNode cp = n.path("counterParty");
        JsonNode addr = cp.path("counterPartyAddress");
        Debtor debtor = new Debtor(text(addr, "name"), text(cp, "identifier"), street(addr), text(addr, "zip"),
                text(addr, "city"), country(text(addr, "country")), text(cp, "email"));
        String status = text(n, "status");
        return new AccountingInvoice(text(n, "id"), text(n, "invoiceNumber"), status, state(status), date(n.path("date")), due,
                currency, total(n.path("invoiceSumInfo"), currency), payments(paymentEvents), text(cp, "customerNumber"),
                debtor, text(pay, "bankReferenceCode"));
    }

    /** Procountor's InvoiceStatus → the state every accounting system shares; an unknown status is OTHER (not open). */
    public static InvoiceState state(String status) {
        if (status == null) {
            return InvoiceState.OTHER;
        }
        return switch (status) {
            case "SENT" -> InvoiceState.OPEN;
            case "PARTLY_PAID" -> InvoiceState.PARTLY_PAID;
            case "PAID", "MARKED_PAID" -> InvoiceState.PAID;
            case "INVALIDATED", "DELETED" -> InvoiceState.VOID;
            case "UNFINISHED", "NOT_SENT", "EMPTY", "UNSAVED" -> InvoiceState.NOT_SENT;
            default -> InvoiceState.OTHER;
        };
    }

    /** Procountor's payment event types the debtor pays with, and the credit-note ones; the rest is for a person. */
    private static final java.util.Set<String> DEBTOR_PAYMENTS =
            java.util.Set.of("REFERENCEPAYMENT", "BANKSTATEMENT", "BANKTRANSFERELSEWHERE", "ELSEWHERE", "CASH");
    private static final java.util.Set<String> CREDITS = java.util.Set.of("COMPENSATIONINVOICE", "INVOICE_TO_INVOICE");

    /** Procountor's payment event type → the kind every accounting system shares. */
    public static PaymentKind kind(String type) {
        return type == null ? PaymentKind.OTHER
                : DEBTOR_PAYMENTS.contains(type) ? PaymentKind.DEBTOR_PAYMENT
                : CREDITS.contains(type) ? PaymentKind.CREDIT
                : PaymentKind.OTHER;
    }

    /** How Procountor books each reason to mark an invoice paid (MarkInvoiceAsPaid paymentMethodType). */
    public static String paymentMethod(MarkPaidReason reason) {
        return switch (reason) {
            case AGENCY_PAYOUT -> "EXTERNAL_BANK_TRANSFER";
            case CREDIT_LOSS -> "CREDIT_LOSS";
        };
    }

    public static List<AccountingInvoice.Payment> payments(JsonNode events) {
        List<AccountingInvoice.Payment> out = new ArrayList<>();
        for (JsonNode e : events.path("results")) {
            if (!e.path("amount").isNumber() && !e.path("amount").isTextual()) {
                continue;
            }
            String type = text(e, "type");
            out.add(new AccountingInvoice.Payment(text(e, "id"), type, kind(type), date(e.path("paymentDate")),
                    new BigDecimal(e.path("amount").asText()).setScale(2, RoundingMode.HALF_UP), text(e, "description")));
        }
        return out;
    }

    /** MarkInvoiceAsPaid: the amount goes out as an exact number with two decimals. */
    public static ObjectNode markPaid(java.time.LocalDate date, BigDecimal amount, String currency, String description, String method,
                                      ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("paymentDate", date.toString());
        n.put("amount", money(amount));
        n.put("currency", currency);
        if (description != null) {
            n.put("description", description);
        }
        n.put("paymentMethodType", method);
        return n;
    }

    /**
     * A JOURNAL LedgerReceipt per the project's reading: receipt vatType PURCHASE and vatStatus 1,
     * every row vatPercent 0 (VAT is a row of its own, so Procountor must derive none).
     */
    public static ObjectNode journalReceipt(JournalEntry e, ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("type", "JOURNAL");
        n.put("name", e.name());
        n.put("receiptDate", e.date().toString());
        n.put("vatType", "PURCHASE");
        n.put("vatStatus", 1);
        if (e.description() != null) {
            n.put("transactionDescription", e.description());
        }
        ArrayNode rows = n.putArray("transactions");
        for (JournalEntry.Row r : e.rows()) {
            ObjectNode row = rows.addObject();
            row.put("transactionType", "ENTRY");
            row.put("account", r.account());
            row.put("accountingValue", money(r.amount()));
            row.put("vatPercent", 0);
            if (r.description() != null) {
                row.put("description", r.description());
            }
        }
        return n;
    }

    /** Scale 2 exactly; more decimals are a caller's mistake, not something to round away silently. */
    private static BigDecimal money(BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException("an amount for Procountor is missing");
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("an amount for Procountor has at most 2 decimals: " + amount);
        }
    }

    private static String street(JsonNode addr) {
        String street = text(addr, "street");
        String specifier = text(addr, "specifier");
        if (specifier == null) {
            return street;
        }
        return street == null ? specifier : specifier + ", " + street;
    }

    /** {@code newDueDate} when set, else the due date. */
    static LocalDate effectiveDueDate(JsonNode newDueDate, JsonNode dueDate) {
        LocalDate moved = date(newDueDate);
        return moved != null ? moved : date(dueDate);
    }

    private static String sumCurrency(JsonNode sums) {
        for (JsonNode s : sums) {
            if (!s.path("inAccountingCurrency").asBoolean(false)) {
                return text(s, "currency");
            }
        }
        return sums.size() > 0 ? text(sums.get(0), "currency") : null;
    }

    private static boolean hasTotal(JsonNode sums, String currency) {
        for (JsonNode s : sums) {
            if (currency != null && currency.equals(text(s, "currency")) && s.hasNonNull("invoiceSumTotal")) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal total(JsonNode sums, String currency) {
        for (JsonNode s : sums) {
            if (currency != null && currency.equals(text(s, "currency")) && s.hasNonNull("invoiceSumTotal")) {
                return new BigDecimal(s.get("invoiceSumTotal").asText()).setScale(2, java.math.RoundingMode.HALF_UP);
            }
        }
        throw new IllegalArgumentException("invoice has no invoiceSumInfo entry in its currency " + currency);
    }

    private static LocalDate date(JsonNode n) {
        String s = n == null || n.isMissingNode() || n.isNull() ? null : n.asText(null);
        return s == null || s.isBlank() ? null : LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }
}
