package eu.indriva.reconcile;

import eu.indriva.accounting.AccountingInvoice.Payment;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyCase;
import eu.indriva.agency.AgencyChange;
import eu.indriva.charges.ClaimCharges;
import eu.indriva.charges.LawfulCharges;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.connectors.Connectors;
import eu.indriva.problem.Problem;
import eu.indriva.reconcile.ClaimComparison.Difference;
import eu.indriva.reconcile.PeriodTotals.Movement;
import eu.indriva.reconcile.ReconciliationRepository.ClaimRow;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.upstream.Patience;
import eu.indriva.upstream.UpstreamException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The three-way reconciliation's run (routes/reconciliation.yaml): for every claim at the agency in the
 * period, the ledger's view (the invoice's payment events), Indriva's record and the agency's view are
 * compared ({@link ClaimComparison}) and each claim's figures added to the period's equation
 * ({@link PeriodTotals}); then the agency's claims for the creditor that Indriva does not know. Claims are
 * read a page at a time and each page's differences stored before the next, so the run's memory stays
 * the same whatever the tenant's size. Every upstream read goes through the tenant's rate limiter: when
 * there is no room the run waits for it, sharing the limit with the tenant's polls.
 */
@Component("reconciler")
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final int PAGE = 200;
    /** How long one read may wait for room under the rate limit before the run gives up. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /** The most nightly runs one tick queues on an instance; more tenants wait for the next tick. */
    static final int NIGHTLY_PER_SWEEP = 100;
    /** Transient failures of one read tried again (after 1, 2, 4, 8 s) before the run fails. */
    private static final int TRIES = 5;

    private final TenantRepository tenants;
    private final ReconciliationRepository runs;
    private final ClaimRepository claims;
    private final Connectors connectors;
    private final ClaimCharges charges;
    private final ProducerTemplate camel;
    private final Clock clock;
    private final boolean nightly;
    private final LocalTime nightlyAt;
    private final Duration abandonedAfter;
    /** How often the schedule looks for tenants whose night it is. */
    private final Duration nightlyCheck;
    /** How long a reconciliation is kept (a year and a month: last year's month end can be looked at). */
    private final Duration keep;
    private volatile Instant nextNightlyCheck = Instant.EPOCH;
    /** Old reconciliations are removed as often as the nights are looked for, not every tick. */
    private volatile Instant nextRetention = Instant.EPOCH;
    /** Runs asked for on this instance, queued or running: their heartbeat is kept by {@link #sweep}. */
    private final Set<String> local = ConcurrentHashMap.newKeySet();

    public Reconciler(TenantRepository tenants, ReconciliationRepository runs, ClaimRepository claims, Connectors connectors,
                      ClaimCharges charges, ProducerTemplate camel,
                      @Value("${indriva.reconciliation.nightly:true}") boolean nightly,
                      @Value("${indriva.reconciliation.nightly-at:02:00}") LocalTime nightlyAt,
                      @Value("${indriva.reconciliation.abandoned-after:PT5M}") Duration abandonedAfter,
                      @Value("${indriva.reconciliation.nightly-check:PT5M}") Duration nightlyCheck,
                      @Value("${indriva.reconciliation.keep:P400D}") Duration keep) {
        this.keep = keep;
        this.nightlyCheck = nightlyCheck;
        this.tenants = tenants;
        this.runs = runs;
        this.claims = claims;
        this.connectors = connectors;
        this.charges = charges;
        this.camel = camel;
        this.clock = Clock.systemUTC();
        this.nightly = nightly;
        this.nightlyAt = nightlyAt;
        this.abandonedAfter = abandonedAfter;
    }

    /** The day a reconciliation asked for with no date is as of: today where the tenant is. */
    public LocalDate today(Tenant tenant) {
        return clock.instant().atZone(tenant.timeZone()).toLocalDate();
    }

    /**
     * Starts a reconciliation of the tenant as of {@code asOf} (YYYY-MM-DD; null or blank: today in the tenant's zone) and
     * returns its id; while one of the tenant's runs, that one's id (one at a time per tenant).
     */
    public String start(String tenantId, String asOf) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId));
        LocalDate today = today(tenant);
        LocalDate day;
        try {
            day = asOf == null || asOf.isBlank() ? today : LocalDate.parse(asOf.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw Problem.badField("asOf", "is not a date (YYYY-MM-DD)");
        }
        if (day.isAfter(today)) {
            throw Problem.badField("asOf", "is after today (" + today + " in " + tenant.timeZone() + "): a reconciliation looks back");
        }
        Optional<String> running = running(tenantId);
        if (running.isPresent()) {
            return running.get();
        }
        String id = runs.create(tenantId, day, PeriodTotals.monthTo(day).first(), null, clock.instant()).orElseThrow();
        local.add(id);
        camel.sendBody("seda:reconciliation?waitForTaskToComplete=Never", id);
        return id;
    }

    /**
     * The schedule's work: RUNNING reconciliations of an instance that died are FAILED (saying so), those older
     * than {@code indriva.reconciliation.keep} removed (a thousand every {@code nightly-check} at most), and every
     * enabled tenant whose night it is ({@link #nightlyAt} to four hours later, in its zone) and that had no
     * reconciliation this night gets one. The database's unique night per tenant keeps it to one across instances.
     *
     * @return the ids of the reconciliations started
     */
    public List<String> sweep() {
        Instant now = clock.instant();
        for (String id : local) {
            runs.progressKept(id, now);
        }
        runs.abandoned(now.minus(abandonedAfter), now);
        if (!now.isBefore(nextRetention)) {
            nextRetention = now.plus(nightlyCheck);
            runs.forget(now.minus(keep), 1000);
        }
        List<String> started = new ArrayList<>();
        if (!nightly || now.isBefore(nextNightlyCheck)) {
            return started;
        }
        for (Tenant tenant : tenants.all()) {
            if (!tenant.enabled()) {
                continue;
            }
            ZonedDateTime there = now.atZone(tenant.timeZone());
            if (!isNight(there.toLocalTime(), nightlyAt) || runs.hasNightly(tenant.id(), there.toLocalDate()) || running(tenant.id()).isPresent()) {
                continue;
            }
            if (started.size() == NIGHTLY_PER_SWEEP) {
                return started; // the rest at the next tick: the queue holds a bounded number of runs
            }
            // the night's reconciliation is of the day that ended
            LocalDate asOf = there.toLocalDate().minusDays(1);
            runs.create(tenant.id(), asOf, PeriodTotals.monthTo(asOf).first(), there.toLocalDate(), now).ifPresent(id -> {
                local.add(id);
                started.add(id);
            });
        }
        nextNightlyCheck = now.plus(nightlyCheck);
        return started;
    }

    /** The tenant's reconciliation that is running (its newest, when that one runs). */
    private Optional<String> running(String tenantId) {
        return runs.list(tenantId, 1).stream().filter(r -> r.status() == ReconciliationRepository.Status.RUNNING)
                .map(ReconciliationRepository.Run::id).findFirst();
    }

    /** Whether {@code time} is within the four hours from {@code at}. */
    static boolean isNight(LocalTime time, LocalTime at) {
        long minutes = Duration.between(at, time).toMinutes();
        if (minutes < 0) {
            minutes += 24 * 60;
        }
        return minutes < 4 * 60;
    }

    /** Runs the reconciliation to its end: DONE with its differences and totals, or FAILED with why. */
    public void run(String id) {
        try {
            ReconciliationRepository.Run r = runs.find(id).orElse(null);
            if (r == null || r.status() != ReconciliationRepository.Status.RUNNING) {
                return;
            }
            Tenant tenant = tenants.find(r.tenantId()).orElse(null);
            if (tenant == null || !connectors.usable(tenant)) {
                runs.failed(id, "the tenant's accounting system and agency cannot be used (its secrets cannot be read)", clock.instant());
                return;
            }
            compare(r, tenant);
        } catch (UpstreamException e) {
            log.warn("reconciliation {} failed: {}", id, e.getMessage());
            runs.failed(id, "an upstream could not be read: " + e.getMessage() + "; start another when it is back", clock.instant());
        } catch (RuntimeException e) {
            log.error("reconciliation {} failed", id, e);
            runs.failed(id, "it stopped on an error of Indriva's (" + e.getClass().getSimpleName() + "); the log has it", clock.instant());
        } finally {
            local.remove(id);
        }
    }

    private void compare(ReconciliationRepository.Run r, Tenant tenant) {
        AccountingSystem accounting = connectors.accounting(tenant);
        Agency agency = connectors.agency(tenant);
        PeriodTotals totals = new PeriodTotals(r.periodStart(), r.asOf());
        Instant closedSince = r.periodStart().atStartOfDay(tenant.timeZone()).toInstant();
        int compared = 0;
        int differences = 0;
        String after = null;
        while (true) {
            List<ClaimRow> page = runs.claimsAfter(tenant.id(), after, closedSince, PAGE);
            if (page.isEmpty()) {
                break;
            }
            ReconciliationRepository.Recorded recorded = runs.recorded(tenant.id(), page.stream().map(ClaimRow::invoiceId).toList(),
                    tenant.timeZone());
            List<Difference> found = new ArrayList<>();
            for (ClaimRow c : page) {
                if (c.transferredAt().atZone(tenant.timeZone()).toLocalDate().isAfter(r.asOf())) {
                    continue;
                }
                found.addAll(compareOne(tenant, r.asOf(), c, recorded, accounting, agency, totals));
                compared++;
            }
            runs.differences(r.id(), differences, found);
            differences += found.size();
            runs.progress(r.id(), compared, differences, clock.instant());
            after = page.get(page.size() - 1).invoiceId();
        }
        differences += unknownAtIndriva(r.id(), differences, tenant, agency);
        runs.done(r.id(), compared, differences, totals.totals(), clock.instant());
        log.info("tenant={} reconciliation {} as of {}: {} claims, {} differences", tenant.id(), r.id(), r.asOf(), compared, differences);
    }

    private List<Difference> compareOne(Tenant tenant, LocalDate asOf, ClaimRow c, ReconciliationRepository.Recorded recorded,
                                        AccountingSystem accounting, Agency agency, PeriodTotals totals) {
        List<Movement> movements = recorded.movements(c.invoiceId());
        BigDecimal forwarded = sum(movements, m -> m.type() != PeriodTotals.MovementType.PAID_OUT);
        BigDecimal paidOut = sum(movements, m -> m.type() == PeriodTotals.MovementType.PAID_OUT);
        ClaimComparison.Indriva indriva = new ClaimComparison.Indriva(c.amount(), forwarded, paidOut, recorded.bookedLines(c.invoiceId()));

        List<Payment> events = patiently(() -> accounting.payments(c.invoiceId()));
        ClaimComparison.Ledger ledger = LedgerView.of(c.amount(), paidOut, events, recorded.classifications(c.invoiceId()),
                recorded.ourEvents(c.invoiceId()), c.creditLossEventId(), recorded.payouts(c.invoiceId()));

        Optional<AgencyCase> atAgency = patiently(() -> agency.details(c.agencyClaimId()));
        LocalDate transferred = c.transferredAt().atZone(tenant.timeZone()).toLocalDate();
        LocalDate closed = c.closedAt() == null ? null : c.closedAt().atZone(tenant.timeZone()).toLocalDate();
        PeriodTotals.ClaimRecord record = new PeriodTotals.ClaimRecord(c.currency(), c.amount(), transferred, closed, c.closeReason(), movements);
        if (atAgency.isEmpty()) {
            totals.add(record, null);
            return List.of(ClaimComparison.unknownAtAgency(c.invoiceId(), c.agencyClaimId(), indriva.expectedAtAgency()));
        }
        AgencyCase a = atAgency.get();
        // an agency that took the claim and gave no figure yet (Promentor before its first case update) has what was sent
        totals.add(record, a.closed() ? null : a.outstandingCapital() != null ? a.outstandingCapital() : record.remainingAt(LocalDate.MAX));
        List<LawfulCharges.Overcharge> overcharges = a.closed() ? List.of() : charges.of(c.debtorCountry(), c.debtorType(), c.amount(),
                        c.dueDate(), movements.stream().map(m -> new ClaimRepository.CapitalChange(m.date(), m.amount())).toList(),
                        a.outstandingInterest(), a.outstandingFees(), asOf)
                .map(ClaimCharges.View::overcharges).orElse(List.of());
        return ClaimComparison.compare(c.invoiceId(), c.agencyClaimId(), ledger, indriva,
                new ClaimComparison.Agency(a.outstandingCapital(), a.closed() ? a.closeReason() : null), overcharges);
    }

    /**
     * Every claim the agency holds for the creditor, through its change search from the beginning; those Indriva
     * never transferred are stored page by page as differences from {@code firstSeq}.
     *
     * @return how many were found
     */
    private int unknownAtIndriva(String id, int firstSeq, Tenant tenant, Agency agency) {
        int found = 0;
        String since = null;
        while (true) {
            String from = since;
            List<AgencyChange> changes = patiently(() -> agency.changesSince(from, PAGE));
            List<Difference> page = new ArrayList<>();
            for (AgencyChange ch : changes) {
                if (claims.byAgencyClaim(tenant.id(), ch.agencyClaimId()).isEmpty()) {
                    BigDecimal capital = patiently(() -> agency.details(ch.agencyClaimId())).map(AgencyCase::outstandingCapital).orElse(null);
                    page.add(ClaimComparison.unknownAtIndriva(ch.agencyClaimId(), ch.accountingInvoiceId(), capital));
                }
            }
            runs.differences(id, firstSeq + found, page);
            found += page.size();
            // an agency may answer fewer than asked for on every page (Kravia: 100): only an empty page, or one that does
            // not move the watermark on, is the end
            String last = changes.isEmpty() ? null : changes.get(changes.size() - 1).watermark();
            if (last == null || last.equals(since)) {
                return found;
            }
            since = last;
        }
    }

    /** A read that waits for room under the rate limit, and tries a transient failure again a few times. */
    private <T> T patiently(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Patience.waitForRoom(read, clock.instant().plus(MAX_WAIT), clock);
            } catch (UpstreamException.Busy busy) {
                throw busy;
            } catch (UpstreamException.Transient e) {
                if (attempt >= TRIES) {
                    throw e;
                }
                Patience.sleepUntil(clock.instant().plusSeconds(1L << (attempt - 1)), clock);
            }
        }
    }

    private static BigDecimal sum(List<Movement> movements, java.util.function.Predicate<Movement> which) {
        return movements.stream().filter(which).map(Movement::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
