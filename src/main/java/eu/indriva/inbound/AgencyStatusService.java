package eu.indriva.inbound;

import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyCase;
import eu.indriva.agency.AgencyChange;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimState;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.connectors.Connectors;
import eu.indriva.queue.QueueOutcome;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.upstream.Backoff;
import eu.indriva.upstream.UpstreamException;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps each claim's agency status in step: a webhook or a "changed since" search hit triggers a
 * re-read of the claim's details, and a newer answer (by the agency's own last-updated time) is
 * stored. A claim written off is booked as a credit loss when the tenant wants that.
 */
@Component("agencyStatus")
public class AgencyStatusService {

    private static final Logger log = LoggerFactory.getLogger(AgencyStatusService.class);
    static final int SEARCH_PAGE = 100;

    private final TenantRepository tenants;
    private final ClaimRepository claims;
    private final Connectors connectors;
    private final MeterRegistry meters;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock = Clock.systemUTC();

    public AgencyStatusService(TenantRepository tenants, ClaimRepository claims, Connectors connectors, MeterRegistry meters,
                               IndrivaProperties props) {
        this.tenants = tenants;
        this.claims = claims;
        this.connectors = connectors;
        this.meters = meters;
        this.backoff = new Backoff(props.retry().initialDelay(), props.retry().maxDelay());
        this.maxAttempts = props.retry().maxAttempts();
    }

    /** One webhook event from the queue. */
    public QueueOutcome onEvent(AgencyEvent event) {
        Optional<Tenant> tenant = tenants.find(event.tenantId());
        Optional<ClaimState> claim = tenant.flatMap(t -> claims.byAgencyClaim(t.id(), event.agencyClaimId()));
        if (claim.isEmpty()) {
            return QueueOutcome.done();
        }
        if (!connectors.usable(tenant.get())) {
            // its secrets must be entered again (flagged and logged once): the event waits
            return QueueOutcome.retry(event, clock.millis() + eu.indriva.tenant.TenantAttention.RECHECK_AFTER.toMillis());
        }
        meters.counter("indriva.agency.events", "tenant", event.tenantId(), "outcome", "processed").increment();
        try {
            refresh(tenant.get(), claim.get());
            return QueueOutcome.done();
        } catch (UpstreamException.Busy e) {
            // nothing was sent (open circuit, full rate limit): not an attempt; the event comes back then
            return QueueOutcome.retry(event, Math.max(clock.millis() + 1, e.until().toEpochMilli()));
        } catch (UpstreamException.Transient e) {
            int attempts = event.attempt() + 1;
            if (attempts >= maxAttempts) {
                // the polling safety net will pick the change up on its next run
                log.warn("tenant={} claim {}: gave up re-reading after {} attempts ({}); the next agency sync will catch up",
                        event.tenantId(), event.agencyClaimId(), attempts, e.getMessage());
                return QueueOutcome.done();
            }
            return QueueOutcome.retry(event.next(), clock.millis() + backoff.delayAfter(attempts).toMillis());
        }
    }

    /**
     * Sends what the agency takes in batches and fetches what it delivered (an agency exchanging
     * files; nothing for one with an API). First step of every agency sync.
     */
    public void exchange(Tenant tenant) {
        Agency agency = connectors.agency(tenant);
        agency.sendBatched();
        agency.collect();
    }

    /**
     * The polling safety net: every claim the agency changed since the watermark, oldest first.
     * The watermark moves past a change only after it was processed.
     *
     * @return how many changes were processed
     */
    public int syncChanges(Tenant tenant) {
        Agency agency = connectors.agency(tenant);
        String watermark = tenants.agencyWatermark(tenant.id()).orElse(null);
        int processed = 0;
        while (true) {
            List<AgencyChange> changes = agency.changesSince(watermark, SEARCH_PAGE);
            for (AgencyChange change : changes) {
                claims.byAgencyClaim(tenant.id(), change.agencyClaimId()).ifPresent(c -> refresh(tenant, c));
                watermark = change.watermark();
                tenants.agencyWatermark(tenant.id(), watermark);
                processed++;
            }
            if (changes.size() < SEARCH_PAGE) {
                return processed;
            }
        }
    }

    /** Re-reads the claim at the agency and stores what is newer. */
    public void refresh(Tenant tenant, ClaimState claim) {
        if (claim.agencyClaimId() == null) {
            return;
        }
        Optional<AgencyCase> details = connectors.agency(tenant).details(claim.agencyClaimId());
        if (details.isEmpty()) {
            claims.history(tenant.id(), claim.invoiceId(), "AGENCY_UNKNOWN", "the agency does not know claim " + claim.agencyClaimId());
            return;
        }
        AgencyCase c = details.get();
        boolean changed = claims.applyAgencyView(tenant.id(), claim.invoiceId(), c.status(), c.stage(), c.closeReason(), c.lastUpdated(),
                c.outstandingCapital(), c.outstandingInterest(), c.outstandingFees());
        if (changed) {
            log.info("tenant={} invoice={} claim {} is {}{} at the agency", tenant.id(), claim.invoiceId(), claim.agencyClaimId(),
                    c.status(), c.closeReason() == null ? "" : " (" + c.closeReason() + ")");
        }
        if (c.closed() && c.closeReason() == eu.indriva.claim.CloseReason.WRITTEN_OFF && tenant.policy().bookCreditLosses()) {
            bookCreditLoss(tenant, claim);
        }
    }

    /** Marks the remaining capital paid as a credit loss in the accounting system, once. */
    private void bookCreditLoss(Tenant tenant, ClaimState claim) {
        ClaimRepository.AgencyView view = claims.agencyView(tenant.id(), claim.invoiceId()).orElseThrow();
        if ("BOOKED".equals(view.creditLossState())) {
            return;
        }
        AccountingSystem accounting = connectors.accounting(tenant);
        String marker = "[Indriva] " + connectors.agency(tenant).name() + " write-off, claim " + claim.agencyClaimId();
        if ("CALLING".equals(view.creditLossState())) {
            Optional<AccountingInvoice.Payment> ours = accounting.payments(claim.invoiceId()).stream()
                    .filter(p -> p.description() != null && p.description().contains(marker)).findFirst();
            if (ours.isPresent()) {
                claims.creditLoss(tenant.id(), claim.invoiceId(), "BOOKED", ours.get().id(),
                        "credit loss found booked after an unknown outcome (payment event " + ours.get().id() + ")");
                return;
            }
        }
        AccountingInvoice invoice = accounting.invoice(claim.invoiceId()).orElseThrow(
                () -> new UpstreamException.Permanent(404, "the accounting system no longer has invoice " + claim.invoiceId()));
        BigDecimal remaining = invoice.outstanding();
        if (remaining.signum() <= 0) {
            claims.creditLoss(tenant.id(), claim.invoiceId(), "BOOKED", null, "written off by the agency; nothing left to book");
            return;
        }
        claims.creditLoss(tenant.id(), claim.invoiceId(), "CALLING", null, null);
        String eventId = accounting.markPaid(claim.invoiceId(), LocalDate.now(clock.withZone(tenant.timeZone())), remaining,
                invoice.currency(), marker, eu.indriva.accounting.MarkPaidReason.CREDIT_LOSS);
        claims.creditLoss(tenant.id(), claim.invoiceId(), "BOOKED", eventId,
                "remaining capital " + remaining + " " + invoice.currency() + " booked as a credit loss (payment event " + eventId + ")");
    }
}
