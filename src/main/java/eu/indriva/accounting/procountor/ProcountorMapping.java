package eu.indriva.accounting.procountor;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.debtor.Debtor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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
        return new InvoiceSummary(text(n, "id"), text(n, "invoiceNumber"), text(n.path("counterParty"), "customerNumber"),
                currency, total, effectiveDueDate(n.path("newDueDate"), n.path("dueDate")));
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
                text(addr, "city"), text(addr, "country"), text(cp, "email"));
        return new AccountingInvoice(text(n, "id"), text(n, "invoiceNumber"), text(n, "status"), date(n.path("date")), due,
                currency, total(n.path("invoiceSumInfo"), currency), payments(paymentEvents), text(cp, "customerNumber"),
                debtor, text(pay, "bankReferenceCode"));
    }

    public static List<AccountingInvoice.Payment> payments(JsonNode events) {
        List<AccountingInvoice.Payment> out = new ArrayList<>();
        for (JsonNode e : events.path("results")) {
            if (!e.path("amount").isNumber() && !e.path("amount").isTextual()) {
                continue;
            }
            out.add(new AccountingInvoice.Payment(text(e, "id"), text(e, "type"), date(e.path("paymentDate")),
                    new BigDecimal(e.path("amount").asText()), text(e, "description")));
        }
        return out;
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
