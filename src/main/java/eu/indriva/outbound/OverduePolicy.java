package eu.indriva.outbound;

import eu.indriva.agency.AgencyService;

import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.tenant.Tenant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The tenant's policy: which overdue invoices go to the agency. Plain code, unit-tested.
 * A manual transfer skips the thresholds (grace days, minimum, automatic) but not the rest. With the
 * invoice service ({@link AgencyService#INVOICE}) every open invoice goes when it is sent, overdue
 * or not: the agency sends it, follows the payment, reminds and collects; grace days do not apply.
 */
public final class OverduePolicy {

    private OverduePolicy() {}

    public sealed interface Decision {
        record Transfer(BigDecimal outstanding) implements Decision {}

        /**
         * The invoice stays with the creditor: {@code why} as a code (the preview's reasons), {@code reason} in
         * words, for a manual transfer's answer.
         */
        record Stay(Why why, String reason) implements Decision {}
    }

    /** Why an invoice stays with the creditor. */
    public enum Why { PAID, NO_DUE_DATE, CURRENCY, EXCLUDED_CUSTOMER, MANUAL_ONLY, NOT_OVERDUE, BELOW_MINIMUM }

    /**
     * The latest due date that is overdue enough today: today − graceDays; with the invoice service,
     * any due date (every open invoice is handed over).
     */
    public static LocalDate dueOnOrBefore(Tenant.Policy policy, LocalDate today) {
        return policy.service() == AgencyService.INVOICE ? today.plusYears(INVOICE_SERVICE_YEARS) : today.minusDays(policy.graceDays());
    }

    /** How far ahead a due date may lie for the invoice service's search (any real invoice's). */
    static final int INVOICE_SERVICE_YEARS = 10;

    /** What the search hit alone already rules out, saving two requests per invoice. */
    public static Optional<Decision.Stay> preFilter(InvoiceSummary s, Tenant.Policy policy) {
        if (s.currency() == null || !policy.currencies().contains(s.currency())) {
            return Optional.of(new Decision.Stay(Why.CURRENCY, "currency " + s.currency() + " is not among " + policy.currencies()));
        }
        if (s.customerNumber() != null && policy.excludedCustomerNumbers().contains(s.customerNumber())) {
            return Optional.of(new Decision.Stay(Why.EXCLUDED_CUSTOMER, "customer " + s.customerNumber() + " is excluded by the policy"));
        }
        if (s.total() != null && s.total().compareTo(policy.minimumAmount()) < 0) {
            return Optional.of(new Decision.Stay(Why.BELOW_MINIMUM, "total " + s.total() + " is below the minimum " + policy.minimumAmount()));
        }
        return Optional.empty();
    }

    public static Decision decide(AccountingInvoice invoice, Tenant.Policy policy, LocalDate today, boolean manual) {
        if (invoice.state() == null || !invoice.state().open()) {
            return new Decision.Stay(Why.PAID, "the invoice is " + invoice.status() + ", not open (sent and not paid in full)");
        }
        if (invoice.effectiveDueDate() == null) {
            return new Decision.Stay(Why.NO_DUE_DATE, "the invoice has no due date; a claim needs one");
        }
        BigDecimal outstanding = invoice.outstanding();
        if (outstanding.signum() <= 0) {
            return new Decision.Stay(Why.PAID, "nothing is outstanding (" + outstanding + " " + invoice.currency() + ")");
        }
        if (!policy.currencies().contains(invoice.currency())) {
            return new Decision.Stay(Why.CURRENCY, "currency " + invoice.currency() + " is not among the policy's currencies " + policy.currencies());
        }
        if (invoice.customerNumber() != null && policy.excludedCustomerNumbers().contains(invoice.customerNumber())) {
            return new Decision.Stay(Why.EXCLUDED_CUSTOMER, "customer " + invoice.customerNumber() + " is excluded by the policy");
        }
        if (manual) {
            return new Decision.Transfer(outstanding);
        }
        if (!policy.automatic()) {
            return new Decision.Stay(Why.MANUAL_ONLY, "the policy allows manual transfers only");
        }
        if (policy.service() != AgencyService.INVOICE && invoice.effectiveDueDate().isAfter(dueOnOrBefore(policy, today))) {
            return new Decision.Stay(Why.NOT_OVERDUE, "not overdue by " + policy.graceDays() + " days yet (due " + invoice.effectiveDueDate() + ")");
        }
        if (outstanding.compareTo(policy.minimumAmount()) < 0) {
            return new Decision.Stay(Why.BELOW_MINIMUM, "outstanding " + outstanding + " is below the minimum " + policy.minimumAmount());
        }
        return new Decision.Transfer(outstanding);
    }
}
