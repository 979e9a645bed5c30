package eu.indriva.agency.kravia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.agency.AgencyAction;
import eu.indriva.agency.AgencyCase;
import eu.indriva.agency.AgencyChange;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.claim.ClaimStage;
import eu.indriva.claim.CloseReason;
import eu.indriva.agency.Settlement;
import eu.indriva.debtor.DebtorType;
import eu.indriva.debtor.ValidDebtor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connector's records ↔ Kravia's JSON (kravia-api.yaml: RegisterInvoice, DirectPayment and CreditNote out; CaseDetails,
 * search items and Settlement in, all of them {@code x-source: assumed}). Readers ignore unknown
 * fields and throw {@link IllegalArgumentException} naming the field when a required one is
 * missing or unreadable.
 */
public final class KraviaMapping {

    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private KraviaMapping() {}

    /** Kravia's CaseStatus → stage. Registered (accepted, nothing sent yet) names no stage. */
    static final java.util.Map<String, ClaimStage> STAGES = java.util.Map.of(
            "Reminder", ClaimStage.REMINDER, "DebtCollection", ClaimStage.COLLECTION, "Legal", ClaimStage.LEGAL,
            "Surveillance", ClaimStage.SURVEILLANCE, "Paused", ClaimStage.PAUSED, "Disputed", ClaimStage.DISPUTED,
            "Closed", ClaimStage.CLOSED);

    static final java.util.Map<String, CloseReason> CLOSE_REASONS = java.util.Map.of(
            "Paid", CloseReason.PAID, "Credited", CloseReason.CREDITED, "Withdrawn", CloseReason.WITHDRAWN,
            "WrittenOff", CloseReason.WRITTEN_OFF);

    /** The actions as Kravia spells them, in its details and in the actions path. */
    static final java.util.Map<String, AgencyAction> ACTIONS = java.util.Map.of(
            "Pause", AgencyAction.PAUSE, "Resume", AgencyAction.RESUME, "Withdraw", AgencyAction.WITHDRAW);

    /** Kravia's claimType for a service: the claim is overdue when it is handed over (see KraviaPlugin). */
    static String claimType(eu.indriva.agency.AgencyService service) {
        return switch (service) {
            case COLLECTION -> "CollectionCase";
            case REMINDER -> "Invoice";
            case INVOICE -> throw new IllegalArgumentException("Kravia does not offer the invoice service");
        };
    }

    /** Kravia's word for an action (the path segment of POST /api/v2/invoice/{id}/actions/{action}). */
    public static String action(AgencyAction action) {
        return ACTIONS.entrySet().stream().filter(e -> e.getValue() == action).map(java.util.Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Kravia offers no action " + action));
    }

    public static ObjectNode register(ClaimRegistration c, long creditorId, ObjectMapper json) {
        ValidDebtor d = c.debtor();
        ObjectNode n = json.createObjectNode();
        n.put("claimType", claimType(c.service()));
        n.put("creditorId", creditorId);
        n.put("accountingInvoiceId", c.accountingInvoiceId());
        n.put("debtorName", d.name());
        n.put("debtorNumber", c.debtorNumber());
        if (d.email() != null) {
            n.put("email", d.email());
        }
        boolean person = d.type() == DebtorType.PERSON;
        n.put("isPrivateIndividual", person);
        if (person) {
            if (d.personalNumber() != null) {
                n.put("ssn", d.personalNumber());
            }
        } else {
            n.put("organizationNumber", d.organisationNumber());
        }
        ObjectNode address = n.putObject("postalAddress");
        address.put("addressAddressLine1", d.street());
        address.put("addressPostalCode", d.zip());
        address.put("addressCity", d.city());
        address.put("addressCountryCode", d.countryCode());
        n.put("invoiceNo", c.invoiceNumber());
        n.put("invoiceDate", c.invoiceDate() == null ? null : c.invoiceDate().toString());
        n.put("dueDate", c.dueDate().toString());
        n.put("originalAmount", c.outstanding());
        n.put("currencyCode", c.currency());
        n.put("description", "Invoice " + c.invoiceNumber()
                + (c.paymentReference() == null ? "" : ", payment reference " + c.paymentReference()));
        return n;
    }

    /**
     * DirectPayment (documented): the whole payment on one claim, {@code date} as yyyy-MM-dd, the claim id as a
     * number, the amount positive and exact with 2 decimals.
     */
    public static ObjectNode directPayment(long claimId, String accountingPaymentId, LocalDate date, BigDecimal amount,
                                           String description, ObjectMapper json) {
        BigDecimal exact = positive(amount, "a direct payment");
        ObjectNode n = json.createObjectNode();
        n.put("date", required(date, "a direct payment").toString());
        if (description != null) {
            n.put("description", description);
        }
        n.put("AccountingPaymentId", requiredId(accountingPaymentId, "a direct payment"));
        n.put("amount", exact);
        ObjectNode invoice = n.putArray("invoices").addObject();
        invoice.put("invoiceId", claimId);
        invoice.put("amount", exact);
        return n;
    }

    /**
     * CreditNote (documented): capitalised keys, {@code Date} as a local date-time at midnight, and the
     * amounts negative. {@code amount} is the positive amount credited.
     */
    public static ObjectNode creditNote(long claimId, String accountingPaymentId, LocalDate date, BigDecimal amount,
                                        String description, ObjectMapper json) {
        BigDecimal negative = positive(amount, "a credit note").negate();
        ObjectNode n = json.createObjectNode();
        n.put("Date", required(date, "a credit note").atStartOfDay().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        n.put("Amount", negative);
        n.put("AccountingPaymentId", requiredId(accountingPaymentId, "a credit note"));
        if (description != null) {
            n.put("Description", description);
        }
        ObjectNode invoice = n.putArray("Invoices").addObject();
        invoice.put("InvoiceId", claimId);
        invoice.put("Amount", negative);
        return n;
    }

    /** More than 0, exact with 2 decimals: a sign error or a rounding must not reach Kravia. */
    private static BigDecimal positive(BigDecimal amount, String what) {
        if (amount == null) {
            throw new IllegalArgumentException("the amount of " + what + " is missing");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("the amount of " + what + " must be positive, not " + amount.toPlainString());
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the amount of " + what + " has at most 2 decimals: " + amount.toPlainString());
        }
    }

    private static LocalDate required(LocalDate date, String what) {
        if (date == null) {
            throw new IllegalArgumentException("the date of " + what + " is missing");
        }
        return date;
    }

    private static String requiredId(String accountingPaymentId, String what) {
        if (accountingPaymentId == null || accountingPaymentId.isBlank()) {
            throw new IllegalArgumentException(what + " needs the AccountingPaymentId (its idempotency key)");
        }
        return accountingPaymentId;
    }

    /**
     * CaseDetails → AgencyCase. Missing amounts stay null (unknown is not zero); absent actions are
     * none; an action, status or close reason Kravia adds later is kept out of the neutral fields
     * (the status word itself is kept).
     */
    public static AgencyCase details(JsonNode n) {
        JsonNode amounts = n.path("amounts");
        List<AgencyAction> actions = new ArrayList<>();
        for (JsonNode a : n.path("availableActions")) {
            AgencyAction known = a.isTextual() ? ACTIONS.get(a.asText()) : null;
            if (known != null) {
                actions.add(known);
            }
        }
        String status = required(n, "status");
        String reason = text(n, "closeReason");
        return new AgencyCase(required(n, "invoiceId"), text(n, "accountingInvoiceId"), status, STAGES.get(status),
                reason == null ? null : CLOSE_REASONS.get(reason),
                time(required(n, "lastUpdatedTime"), "lastUpdatedTime"), text(n, "currencyCode"),
                moneyOrNull(amounts, "originalCapital"), moneyOrNull(amounts, "outstandingCapital"),
                moneyOrNull(amounts, "outstandingInterest"), moneyOrNull(amounts, "outstandingFees"), List.copyOf(actions));
    }

    /** One item of GET /api/v2/invoice/search; its lastUpdatedTime text is kept verbatim as the next watermark. */
    public static AgencyChange change(JsonNode n) {
        String watermark = required(n, "lastUpdatedTime");
        return new AgencyChange(required(n, "invoiceId"), text(n, "accountingInvoiceId"), time(watermark, "lastUpdatedTime"), watermark);
    }

    /** One Settlement. A missing number on a line is 0.00; a missing payout is Σ(capital − commission − vat), as the contract defines it. */
    public static Settlement settlement(JsonNode n) {
        String id = required(n, "settlementId");
        List<Settlement.Line> lines = new ArrayList<>();
        BigDecimal computedPayout = ZERO;
        for (JsonNode l : n.path("lines")) {
            Settlement.Line line = new Settlement.Line(text(l, "invoiceId"), text(l, "accountingInvoiceId"), moneyOrZero(l, "capital"),
                    moneyOrZero(l, "interest"), moneyOrZero(l, "fees"), moneyOrZero(l, "commission"), moneyOrZero(l, "vat"));
            lines.add(line);
            computedPayout = computedPayout.add(line.capital()).subtract(line.commission()).subtract(line.vat());
        }
        BigDecimal payout = n.hasNonNull("amount") ? money(n.get("amount"), "amount") : computedPayout;
        String date = required(n, "date");
        LocalDate d;
        try {
            d = LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("settlement " + id + ": date '" + date + "' is not an ISO date");
        }
        return new Settlement(id, d, text(n, "currencyCode"), payout, text(n, "bankReference"),
                "Bookkept".equalsIgnoreCase(text(n, "status")), List.copyOf(lines));
    }

    /**
     * Kravia's lastUpdatedTime: an ISO local date-time in UTC, fractional seconds allowed
     * ({@code 2021-06-01T15:13:14.4044853}). A trailing Z or an offset is tolerated and converted to UTC.
     */
    public static LocalDateTime time(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        String t = s.trim();
        try {
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException local) {
            try {
                return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } catch (DateTimeParseException offset) {
                throw new IllegalArgumentException(field + " '" + s + "' is not an ISO date-time");
            }
        }
    }

    private static BigDecimal moneyOrNull(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        return v.isMissingNode() || v.isNull() ? null : money(v, field);
    }

    private static BigDecimal moneyOrZero(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        return v.isMissingNode() || v.isNull() ? ZERO : money(v, field);
    }

    /** Exact, scale 2: from the number's text, never through a double; more than 2 decimals is refused, not rounded. */
    private static BigDecimal money(JsonNode v, String field) {
        if (!v.isNumber() && !v.isTextual()) {
            throw new IllegalArgumentException(field + " is not a number: " + v);
        }
        try {
            BigDecimal exact = v.isBigDecimal() ? v.decimalValue() : new BigDecimal(v.asText().trim());
            return exact.setScale(2, RoundingMode.UNNECESSARY);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: " + v);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " has more than 2 decimals: " + v);
        }
    }

    private static String required(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return s;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }
}
