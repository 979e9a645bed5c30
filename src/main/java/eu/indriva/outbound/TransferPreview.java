package eu.indriva.outbound;

import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimState;
import eu.indriva.connectors.Connectors;
import eu.indriva.debtor.DebtorCheck;
import eu.indriva.debtor.DebtorValidator;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantSecretsUnreadable;
import eu.indriva.upstream.UpstreamException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The dry run of a poll: what the next poll would transfer now, and why every other overdue
 * invoice would stay. It asks the same questions the poll and the registration ask, through the
 * same code ({@link OverduePolicy}, {@link DebtorValidator}), in the same order; it only reads:
 * nothing is selected, queued, registered, or written to the accounting system. Its reads count
 * against the tenant's rate limit like the poll's.
 *
 * <p>It searches up to today (not today − grace days), so an invoice within its grace days is
 * listed as {@link Reason#NOT_OVERDUE}; it reads an invoice in full only where the search hit
 * alone does not decide. A tenant with many overdue invoices is previewed up to
 * {@link #MAX_EXAMINED} search hits and {@link #MAX_READ} full reads ({@code complete} false).
 */
@Component
public class TransferPreview {

    /** The contract's reasons (indriva-api.yaml, the preview's {@code skip}). */
    public enum Reason { NOT_OVERDUE, BELOW_MINIMUM, CURRENCY, EXCLUDED_CUSTOMER, PAID, ALREADY_CLAIM, INVALID_DEBTOR }

    public record Transfer(String invoiceId, String invoiceNumber, String customerNumber, BigDecimal amount, String currency,
                           LocalDate dueDate) {}

    public record Skip(String invoiceId, String invoiceNumber, String customerNumber, BigDecimal amount, String currency,
                       LocalDate dueDate, Reason reason, String detail) {}

    /** A search hit whose data cannot be used: the poll sets it aside as a REJECTED claim with this reason. */
    public record Unreadable(String invoiceId, String detail) {}

    /**
     * @param automatic false when the policy allows manual transfers only: a poll then transfers nothing, and
     *     {@code byHandOnly} lists what passes every other rule (what a person may transfer by hand)
     * @param complete false when the preview stopped at its limits before the last overdue invoice
     */
    public record Preview(LocalDate asOf, boolean automatic, boolean complete, List<Transfer> transfer,
                          List<Transfer> byHandOnly, List<Skip> skip, List<Unreadable> unreadable) {}

    static final int MAX_EXAMINED = 2_000;
    static final int MAX_READ = 300;
    /** How long the preview waits, in all, for room under the tenant's rate limit before it answers 503. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final Connectors connectors;
    private final ClaimRepository claims;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public TransferPreview(Connectors connectors, ClaimRepository claims) {
        this(connectors, claims, Clock.systemUTC());
    }

    TransferPreview(Connectors connectors, ClaimRepository claims, Clock clock) {
        this.connectors = connectors;
        this.claims = claims;
        this.clock = clock;
    }

    public Preview preview(Tenant tenant) {
        if (!connectors.usable(tenant)) {
            throw new TenantSecretsUnreadable(tenant.id());
        }
        AccountingSystem accounting = connectors.accounting(tenant);
        Tenant.Policy policy = tenant.policy();
        LocalDate today = LocalDate.now(clock.withZone(tenant.timeZone()));
        Instant giveUpAt = clock.instant().plus(MAX_WAIT);
        // the invoice service hands over every open invoice; otherwise look up to today to show the ones within grace
        LocalDate searchUpTo = policy.service() == eu.indriva.agency.AgencyService.INVOICE
                ? OverduePolicy.dueOnOrBefore(policy, today) : today;
        LocalDate overdueEnough = OverduePolicy.dueOnOrBefore(policy, today);
        Lists out = new Lists();
        int examined = 0;
        int read = 0;
        boolean complete = true;
        for (int page = 0; ; page++) {
            int p = page;
            AccountingSystem.InvoicePage hits = patiently(() -> accounting.overdueInvoices(searchUpTo, p), giveUpAt);
            hits.unreadable().forEach(u -> out.unreadable.add(new Unreadable(u.invoiceId(), u.reason())));
            Map<String, ClaimState> known = claims.states(tenant.id(), hits.invoices().stream().map(InvoiceSummary::invoiceId).toList());
            for (InvoiceSummary hit : hits.invoices()) {
                if (examined++ >= MAX_EXAMINED || read >= MAX_READ) {
                    complete = false;
                    break;
                }
                Optional<Skip> quick = quickSkip(hit, known.get(hit.invoiceId()), policy, overdueEnough);
                if (quick.isPresent()) {
                    out.skip.add(quick.get());
                    continue;
                }
                read++;
                readInvoice(accounting, hit.invoiceId(), giveUpAt, out.unreadable)
                        .ifPresent(inv -> decide(inv, policy, today, accounting, out));
            }
            if (!complete || hits.last() || hits.invoices().isEmpty() && hits.unreadable().isEmpty()) {
                break;
            }
        }
        return new Preview(today, policy.automatic(), complete, out.transfer, out.byHandOnly, out.skip, out.unreadable);
    }

    /** What the search hit and Indriva's own records decide without reading the invoice, in the poll's order. */
    private static Optional<Skip> quickSkip(InvoiceSummary hit, ClaimState known, Tenant.Policy policy, LocalDate overdueEnough) {
        if (known != null) {
            String detail = known.agencyClaimId() == null ? "Indriva already has it as a " + known.status() + " claim"
                    : "Indriva already has it as a " + known.status() + " claim, " + known.agencyClaimId() + " at the agency";
            return Optional.of(skip(hit, Reason.ALREADY_CLAIM, detail));
        }
        Optional<OverduePolicy.Decision.Stay> ruledOut = OverduePolicy.preFilter(hit, policy);
        if (ruledOut.isPresent()) {
            return Optional.of(skip(hit, reason(ruledOut.get().why()), ruledOut.get().reason()));
        }
        if (hit.effectiveDueDate() != null && hit.effectiveDueDate().isAfter(overdueEnough)) {
            return Optional.of(skip(hit, Reason.NOT_OVERDUE, "due " + hit.effectiveDueDate() + "; with " + policy.graceDays()
                    + " grace days it goes on " + hit.effectiveDueDate().plusDays(policy.graceDays())));
        }
        return Optional.empty();
    }

    /** The registration's questions on the full invoice: the policy on fresh figures, then the debtor. */
    private static void decide(AccountingInvoice inv, Tenant.Policy policy, LocalDate today, AccountingSystem accounting,
                               Lists out) {
        // asked as the poll of an automatic tenant would ask: a manual-only tenant sees what it could transfer by hand
        Tenant.Policy asAutomatic = new Tenant.Policy(true, policy.graceDays(), policy.minimumAmount(), policy.currencies(),
                policy.service(), policy.excludedCustomerNumbers(), policy.pollInterval(), policy.bookCreditLosses());
        if (OverduePolicy.decide(inv, asAutomatic, today, false) instanceof OverduePolicy.Decision.Stay stay) {
            if (stay.why() == OverduePolicy.Why.NO_DUE_DATE) {
                out.unreadable.add(new Unreadable(inv.invoiceId(), stay.reason()));
            } else {
                out.skip.add(new Skip(inv.invoiceId(), inv.invoiceNumber(), inv.customerNumber(), inv.outstanding(), inv.currency(),
                        inv.effectiveDueDate(), reason(stay.why()), stay.reason()));
            }
            return;
        }
        if (DebtorValidator.validate(inv.debtor(), today) instanceof DebtorCheck.Invalid invalid) {
            // the words name the field as the accounting system calls it, never the identifier itself
            out.skip.add(new Skip(inv.invoiceId(), inv.invoiceNumber(), inv.customerNumber(), inv.outstanding(), inv.currency(),
                    inv.effectiveDueDate(), Reason.INVALID_DEBTOR, accounting.debtorField(invalid.field()) + ": " + invalid.problem()));
            return;
        }
        (policy.automatic() ? out.transfer : out.byHandOnly).add(new Transfer(inv.invoiceId(), inv.invoiceNumber(),
                inv.customerNumber(), inv.outstanding(), inv.currency(), inv.effectiveDueDate()));
    }

    private record Lists(List<Transfer> transfer, List<Transfer> byHandOnly, List<Skip> skip, List<Unreadable> unreadable) {
        Lists() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private Optional<AccountingInvoice> readInvoice(AccountingSystem accounting, String invoiceId, Instant giveUpAt,
                                                    List<Unreadable> unreadable) {
        try {
            Optional<AccountingInvoice> inv = patiently(() -> accounting.invoice(invoiceId), giveUpAt);
            if (inv.isEmpty()) {
                unreadable.add(new Unreadable(invoiceId, accounting.name() + " lists it as overdue but has no such invoice"));
            }
            return inv;
        } catch (UpstreamException.Permanent e) {
            unreadable.add(new Unreadable(invoiceId, e.getMessage()));
            return Optional.empty();
        }
    }

    /** Waits for room under the rate limit (the poll would come back later; a person waits a little), else 503. */
    private <T> T patiently(Supplier<T> call, Instant giveUpAt) {
        try {
            return eu.indriva.upstream.Patience.waitForRoom(call, giveUpAt, clock);
        } catch (UpstreamException.Transient e) {
            throw unavailable(e);
        }
    }

    private static Problem unavailable(UpstreamException e) {
        return Problem.upstreamUnavailable("the accounting system cannot be read now (" + e.getMessage() + "); try the preview again later");
    }

    private static Skip skip(InvoiceSummary hit, Reason reason, String detail) {
        return new Skip(hit.invoiceId(), hit.invoiceNumber(), hit.customerNumber(), hit.total(), hit.currency(),
                hit.effectiveDueDate(), reason, detail);
    }

    private static Reason reason(OverduePolicy.Why why) {
        return switch (why) {
            case PAID -> Reason.PAID;
            case CURRENCY -> Reason.CURRENCY;
            case EXCLUDED_CUSTOMER -> Reason.EXCLUDED_CUSTOMER;
            case NOT_OVERDUE -> Reason.NOT_OVERDUE;
            case BELOW_MINIMUM -> Reason.BELOW_MINIMUM;
            // handled before: not a reason an invoice of its own stays
            case MANUAL_ONLY, NO_DUE_DATE -> throw new IllegalArgumentException(why.name());
        };
    }
}
