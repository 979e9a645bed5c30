package eu.indriva.sync;

import eu.indriva.accounting.AccountingInvoice.Payment;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.agency.Agency;
import eu.indriva.agency.Settlement;
import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimState;
import eu.indriva.claim.ClaimStatus;
import eu.indriva.connectors.Connectors;
import eu.indriva.queue.RunGuard;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Accounting → agency: payment events on transferred invoices, each classified once and, where it
 * must be, forwarded once (routes/payment-sync.yaml). Only invoices the accounting system changed since the
 * last scan are read, so a quiet invoice costs nothing. An invoice invalidated or deleted after
 * transfer has its claim recalled.
 */
@Component("paymentSync")
public class PaymentSync {

    private static final Logger log = LoggerFactory.getLogger(PaymentSync.class);
    /** The accounting system's version times and ours may differ a little: look back this much further. */
    private static final Duration OVERLAP = Duration.ofMinutes(2);

    private final TenantRepository tenants;
    private final ClaimRepository claims;
    private final PaymentEventRepository events;
    private final Connectors connectors;
    private final RecallService recalls;
    private final RunGuard guard;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    private final eu.indriva.tenant.TenantRuns runs;
    private final Duration takeoverAfter;

    public PaymentSync(TenantRepository tenants, ClaimRepository claims, PaymentEventRepository events, Connectors connectors,
                       RecallService recalls, RunGuard guard, MeterRegistry meters, eu.indriva.tenant.TenantRuns runs,
                       eu.indriva.config.IndrivaProperties props) {
        this.runs = runs;
        this.takeoverAfter = props.cluster().lockTtl();
        this.tenants = tenants;
        this.claims = claims;
        this.events = events;
        this.connectors = connectors;
        this.recalls = recalls;
        this.guard = guard;
        this.meters = meters;
    }

    /** The tenant to scan, or null when unknown, disabled or already scanning. */
    public Tenant begin(String tenantId) {
        Tenant tenant = tenants.find(tenantId).filter(Tenant::enabled).filter(connectors::usable).orElse(null);
        if (tenant == null || !guard.tryStart("payments:" + tenantId)) {
            return null;
        }
        runs.started(tenantId, eu.indriva.tenant.TenantRuns.PAYMENT_SCAN, clock.instant().plus(takeoverAfter));
        return tenant;
    }

    public void end(Tenant tenant) {
        runs.ended(tenant.id(), eu.indriva.tenant.TenantRuns.PAYMENT_SCAN);
        guard.finish("payments:" + tenant.id());
    }

    /** @return how many transferred invoices were looked at */
    public int scan(Tenant tenant) {
        Instant started = clock.instant();
        Optional<Instant> since = events.watermark(tenant.id()).or(() -> claims.firstTransfer(tenant.id()));
        if (since.isEmpty()) {
            return 0; // nothing transferred yet
        }
        AccountingSystem accounting = connectors.accounting(tenant);
        List<Settlement> openPayouts = connectors.agency(tenant).openSettlements();
        int looked = 0;
        for (int page = 0; ; page++) {
            AccountingSystem.ChangedPage changed = accounting.changedInvoices(since.get().minus(OVERLAP), page);
            for (AccountingSystem.ChangedInvoice inv : changed.invoices()) {
                Optional<ClaimState> claim = claims.state(tenant.id(), inv.invoiceId());
                if (claim.isEmpty() || claim.get().status() != ClaimStatus.REGISTERED) {
                    continue;
                }
                looked++;
                if (inv.state() == eu.indriva.accounting.InvoiceState.VOID) {
                    recalls.recallAutomatically(tenant, claim.get(), "the invoice is " + inv.status() + " in " + accounting.name());
                    continue;
                }
                paymentsOf(tenant, accounting, claim.get(), openPayouts);
            }
            if (changed.last()) {
                break;
            }
        }
        events.watermark(tenant.id(), started);
        return looked;
    }

    private void paymentsOf(Tenant tenant, AccountingSystem accounting, ClaimState claim, List<Settlement> openPayouts) {
        String invoiceId = claim.invoiceId();
        Set<String> ours = events.ourEventIds(tenant.id(), invoiceId);
        List<PaymentClassifier.Payout> payouts = new ArrayList<>(events.knownPayouts(tenant.id(), invoiceId));
        for (Settlement s : openPayouts) {
            for (Settlement.Line l : s.lines()) {
                if (claim.agencyClaimId().equals(l.agencyClaimId())) {
                    payouts.add(new PaymentClassifier.Payout(l.capital(), s.date(), s.bankReference()));
                }
            }
        }
        for (Payment e : accounting.payments(invoiceId)) {
            Optional<PaymentEventRepository.Seen> seen = events.seen(tenant.id(), invoiceId, e.id());
            if (seen.isPresent() && !seen.get().state().equals("FORWARDING")) {
                continue;
            }
            if (seen.isPresent()) {
                // sent before a crash or a lost answer: send again; the agency answers a repeat as already done
                forward(tenant, claim, e, PaymentClassifier.Kind.valueOf(seen.get().classification()), seen.get().forwardedAmount());
                continue;
            }
            PaymentClassifier.Kind kind = PaymentClassifier.classify(e, ours, payouts);
            meters.counter("indriva.payment.events", "tenant", tenant.id(), "kind", kind.name()).increment();
            switch (kind) {
                case OURS -> events.record(tenant.id(), invoiceId, e, kind.name(), "DONE", null);
                case AGENCY_PAYOUT -> {
                    events.record(tenant.id(), invoiceId, e, kind.name(), "DONE", null);
                    claims.history(tenant.id(), invoiceId, "AGENCY_PAYOUT_SEEN", e.type() + " " + e.amount() + " on " + e.date()
                            + " matches the agency's payout: not reported back as a direct payment");
                }
                case ATTENTION -> {
                    events.record(tenant.id(), invoiceId, e, kind.name(), "DONE", null);
                    claims.needsAttention(tenant.id(), invoiceId, "PAYMENT_NEEDS_ATTENTION", "payment event " + e.id() + " ("
                            + e.type() + ", " + e.amount() + " on " + e.date() + ") was not forwarded to the agency: a person should decide");
                }
                case DIRECT_PAYMENT, CREDIT_NOTE -> {
                    BigDecimal remaining = remainingCapital(tenant.id(), invoiceId);
                    BigDecimal amount = PaymentClassifier.capped(e.amount(), remaining);
                    if (amount.compareTo(e.amount()) < 0) {
                        claims.needsAttention(tenant.id(), invoiceId, "OVERPAYMENT", e.type() + " " + e.amount() + " is more than the "
                                + remaining + " capital still claimed; " + amount + " forwarded");
                    }
                    if (amount.signum() == 0) {
                        events.record(tenant.id(), invoiceId, e, kind.name(), "DONE", BigDecimal.ZERO);
                        continue;
                    }
                    events.record(tenant.id(), invoiceId, e, kind.name(), "FORWARDING", amount);
                    forward(tenant, claim, e, kind, amount);
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }
    }

    private void forward(Tenant tenant, ClaimState claim, Payment e, PaymentClassifier.Kind kind, BigDecimal amount) {
        Agency agency = connectors.agency(tenant);
        String description = (kind == PaymentClassifier.Kind.CREDIT_NOTE ? "Credit note " : "Direct payment ") + e.id()
                + " on invoice " + claim.invoiceId();
        boolean fresh = kind == PaymentClassifier.Kind.CREDIT_NOTE
                ? agency.creditNote(claim.agencyClaimId(), e.id(), e.date(), amount, description)
                : agency.directPayment(claim.agencyClaimId(), e.id(), e.date(), amount, description);
        events.state(tenant.id(), claim.invoiceId(), e.id(), "FORWARDED");
        String what = kind == PaymentClassifier.Kind.CREDIT_NOTE ? "CREDIT_NOTE_FORWARDED" : "DIRECT_PAYMENT_FORWARDED";
        claims.history(tenant.id(), claim.invoiceId(), what, e.type() + " " + amount + " (payment event " + e.id() + ") sent to "
                + agency.name() + (fresh ? "" : "; it already had it"));
        log.info("tenant={} invoice={} {} {} forwarded to {}", tenant.id(), claim.invoiceId(), kind, amount, agency.name());
    }

    /** Capital still claimed: what was transferred, less what was forwarded and what the agency paid out. */
    private BigDecimal remainingCapital(String tenantId, String invoiceId) {
        Claim c = claims.find(tenantId, invoiceId).orElseThrow();
        return c.amount().subtract(events.forwarded(tenantId, invoiceId)).subtract(events.paidOut(tenantId, invoiceId));
    }
}
