package eu.indriva.outbound;

import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimTicket;
import eu.indriva.queue.QueueOutcome;
import eu.indriva.queue.RunGuard;
import eu.indriva.queue.Spread;
import eu.indriva.upstream.Pacer;
import eu.indriva.upstream.UpstreamException;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import eu.indriva.claim.InvoiceFacts;
import eu.indriva.connectors.Connectors;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.tenant.TenantRuns;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.config.StartupChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The "find" half of the outbound flow (routes/outbound-poll.yaml): which tenants are due, and
 * per page of overdue invoices, which become claims. Selection is durable (a PENDING row) before
 * its ticket is queued; a known invoice is never selected again.
 */
@Component("overduePoller")
public class OverduePoller {

    private static final Logger log = LoggerFactory.getLogger(OverduePoller.class);

    private final TenantRepository tenants;
    private final ClaimRepository claims;
    private final Connectors connectors;
    private final RunGuard guard;
    private final OutboundMetrics metrics;
    private final ProducerTemplate camel;
    private final TenantRuns runs;
    private final Clock clock = Clock.systemUTC();
    private final BacklogGate backlog;
    private final Duration stallTimeout;
    private final Duration tick;
    /** A poll not ended this long after its start is offered again (its instance died): the lease's time to live. */
    private final Duration takeoverAfter;
    /** Hands a poll waiting for registration back to the poll queue; no thread waits with it. */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "indriva-poll-resume");
        t.setDaemon(true);
        return t;
    });

    public OverduePoller(TenantRepository tenants, ClaimRepository claims, Connectors connectors, RunGuard guard,
                         OutboundMetrics metrics, IndrivaProperties props, ProducerTemplate camel, TenantRuns runs) {
        this.runs = runs;
        this.tenants = tenants;
        this.claims = claims;
        this.connectors = connectors;
        this.guard = guard;
        this.metrics = metrics;
        this.camel = camel;
        this.stallTimeout = props.poll().stallTimeout();
        this.tick = props.poll().tick();
        this.takeoverAfter = props.cluster().lockTtl();
        int maxBacklog = StartupChecks.positive("indriva.poll.max-backlog", props.poll().maxBacklog());
        this.backlog = new BacklogGate(maxBacklog, stallTimeout, clock);
    }

    /**
     * Enabled, automatic tenants whose next poll is due, the longest overdue first: no more per tick
     * than the tenants' intervals ask for on average ({@link Spread}), so thousands of tenants due
     * at once (a first start) are polled over their interval, not in one burst. One indexed query.
     */
    public List<String> dueTenants() {
        int budget = Spread.perTick(tenants.pollsPerSecond(), tick);
        Instant now = clock.instant();
        // polls and payment scans an instance began and never ended come first: it died, and their tenants are owed them
        // now (the schedule sends each tenant to both)
        return runs.owed(now, tenants.duePolls(now, budget), TenantRuns.POLL, TenantRuns.PAYMENT_SCAN).stream()
                .filter(id -> !guard.isRunning("poll:" + id)).toList();
    }

    /**
     * Starts a poll, or resumes one that waited for registration to catch up; null when the tenant
     * is unknown, disabled, or already polling.
     */
    public PollRun begin(Object body) {
        if (body instanceof PollRun resumed) {
            resumed.resume();
            return resumed;
        }
        String tenantId = String.valueOf(body);
        Optional<Tenant> tenant = tenants.find(tenantId);
        if (tenant.isEmpty() || !tenant.get().enabled() || !connectors.usable(tenant.get())) {
            return null;
        }
        if (!guard.tryStart("poll:" + tenantId)) {
            // a second request, or a takeover offer while the holder is alive: it runs once
            log.debug("tenant={} poll already running; not started twice", tenantId);
            return null;
        }
        Instant now = clock.instant();
        tenants.pollStarted(tenantId, now, now.plus(tenant.get().policy().pollInterval()));
        runs.started(tenantId, TenantRuns.POLL, now.plus(takeoverAfter));
        LocalDate today = LocalDate.now(clock.withZone(tenant.get().timeZone()));
        return new PollRun(tenant.get(), OverduePolicy.dueOnOrBefore(tenant.get().policy(), today));
    }

    /**
     * The tickets to queue from the next page: one per new selection. A claim selected earlier
     * already has its ticket on the queue; claim-recovery re-sends those of PENDING claims after
     * a restart and re-dispatches claims that make no progress. While more than
     * indriva.poll.max-backlog of the tenant's claims wait for registration, no page is read: the
     * run waits (see {@link #end}).
     */
    public List<ClaimTicket> nextPage(PollRun run) {
        Tenant tenant = run.getTenant();
        int waiting = claims.waitingForRegistration(tenant.id());
        switch (backlog.check(waiting, run.backlog())) {
            case WAIT -> {
                run.waitUntil(clock.instant());
                return List.of();
            }
            case STALLED -> {
                run.stop("registration made no progress for " + stallTimeout.toSeconds() + " s with "
                        + waiting + " claims waiting; the next poll goes on from here");
                return List.of();
            }
            case GO -> { }
        }
        AccountingSystem accounting = connectors.accounting(tenant);
        AccountingSystem.InvoicePage page;
        try {
            page = accounting.overdueInvoices(run.getDueOnOrBefore(), run.getPage());
        } catch (UpstreamException.Busy busy) {
            // the tenant's limit is full for now (or its circuit open): read this page again then
            run.waitUntil(busy.until());
            return List.of();
        }
        int withoutId = 0;
        for (AccountingSystem.Unreadable bad : page.unreadable()) {
            metrics.examined(tenant.id());
            if (bad.invoiceId() == null) {
                withoutId++;
            } else if (claims.setAside(tenant.id(), bad.invoiceId(), bad.reason())) {
                metrics.claim(tenant.id(), "set_aside");
                log.warn("tenant={} invoice={} set aside: its data in the accounting system cannot be used (a REJECTED claim says why)",
                        tenant.id(), bad.invoiceId());
            }
        }
        if (withoutId > 0) {
            log.warn("tenant={} the overdue search listed {} invoice(s) without a usable id on page {}; skipped", tenant.id(),
                    withoutId, run.getPage());
        }
        List<InvoiceFacts> candidates = new ArrayList<>();
        for (InvoiceSummary hit : page.invoices()) {
            metrics.examined(tenant.id());
            if (OverduePolicy.preFilter(hit, tenant.policy()).isEmpty()) {
                candidates.add(new InvoiceFacts(hit.invoiceId(), hit.invoiceNumber(), hit.customerNumber(), hit.total(),
                        hit.currency(), hit.effectiveDueDate()));
            }
        }
        List<ClaimTicket> tickets = new ArrayList<>();
        int selected = 0;
        // each ticket is queued for its start slot at the tenant's pace: none is re-scheduled later
        Pacer pacer = connectors.pacer(tenant);
        for (ClaimRepository.Selection s : claims.selectAll(tenant.id(), candidates)) {
            if (s.created()) {
                selected++;
                metrics.claim(tenant.id(), "selected");
                tickets.add(new ClaimTicket(tenant.id(), s.state().invoiceId(), s.state().dispatchKey(), s.state().attempts(),
                        pacer.book()));
            }
        }
        run.pageDone(page.last(), page.invoices().size() + page.unreadable().size(), selected);
        return tickets;
    }

    /**
     * A run that waits (for registration to catch up, or for room under its tenant's rate limit)
     * goes back on the poll queue when it may go on; any other run ends here.
     */
    public void end(PollRun run) {
        if (run.isWaiting()) {
            long delay = Math.max(BacklogGate.CHECK_EVERY.toMillis(), run.resumeAt() - clock.millis());
            // alive and waiting: not to be taken over meanwhile
            runs.started(run.getTenant().id(), TenantRuns.POLL, clock.instant().plus(takeoverAfter).plusMillis(delay));
            later.schedule(() -> camel.sendBody("seda:outbound-poll?waitForTaskToComplete=Never", run), delay, TimeUnit.MILLISECONDS);
            return;
        }
        guard.finish("poll:" + run.getTenant().id());
        String tenantId = run.getTenant().id();
        runs.ended(tenantId, TenantRuns.POLL);
        if (run.getStoppedBecause() != null) {
            log.warn("tenant={} poll {} after {} page(s), {} newly selected: {}", tenantId, run.isFailed() ? "failed" : "stopped",
                    run.getPage(), run.getSelected(), run.getStoppedBecause());
            if (run.isFailed()) {
                runs.failed(tenantId, TenantRuns.POLL, run.getStoppedBecause());
            } else {
                runs.stopped(tenantId, TenantRuns.POLL, run.getStoppedBecause());
            }
            return;
        }
        runs.ok(tenantId, TenantRuns.POLL);
        log.info("tenant={} poll finished: {} overdue invoices examined on {} page(s), {} newly selected",
                run.getTenant().id(), run.getExamined(), run.getPage(), run.getSelected());
    }

    /** The poll's upstream failed (routes/outbound-poll.yaml): the run ends, FAILED, and is recorded so. */
    public void failed(PollRun run, String error) {
        run.fail(error);
    }

    @PreDestroy
    void shutdown() {
        later.shutdownNow();
    }
}
