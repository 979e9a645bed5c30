package eu.indriva.outbound;

import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.agency.Agency;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimState;
import eu.indriva.claim.ClaimStatus;
import eu.indriva.claim.ClaimTicket;
import eu.indriva.queue.QueueOutcome;
import eu.indriva.queue.RunGuard;
import eu.indriva.claim.InvoiceFacts;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.connectors.Connectors;
import eu.indriva.debtor.DebtorCheck;
import eu.indriva.debtor.DebtorValidator;
import eu.indriva.sync.PaymentEventRepository;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.upstream.Backoff;
import eu.indriva.upstream.Pacer;
import eu.indriva.upstream.UpstreamException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes one ticket from the registration queue to its end: decide on fresh data, validate the
 * debtor, register at the agency (adopting the agency's claim after an unknown outcome), then
 * attach the invoice copy and write the transfer note. Each step's outcome is recorded before
 * the next begins, so a redelivered ticket resumes where the last one stopped and never
 * registers twice.
 */
@Component("claimRegistrar")
public class ClaimRegistrar {

    private static final Logger log = LoggerFactory.getLogger(ClaimRegistrar.class);

    private final ClaimRepository claims;
    private final TenantRepository tenants;
    private final Connectors connectors;
    private final OutboundMetrics metrics;
    private final PaymentEventRepository paymentEvents;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;

    private final ClaimDispatcher dispatcher;

    public ClaimRegistrar(ClaimRepository claims, TenantRepository tenants, Connectors connectors, OutboundMetrics metrics,
                          PaymentEventRepository paymentEvents, IndrivaProperties props, ClaimDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.claims = claims;
        this.paymentEvents = paymentEvents;
        this.tenants = tenants;
        this.connectors = connectors;
        this.metrics = metrics;
        this.backoff = new Backoff(props.retry().initialDelay(), props.retry().maxDelay());
        this.maxAttempts = props.retry().maxAttempts();
        this.clock = Clock.systemUTC();
    }

    public QueueOutcome process(ClaimTicket ticket) {
        Optional<ClaimState> found = claims.state(ticket.tenantId(), ticket.invoiceId());
        Optional<Tenant> tenant = tenants.find(ticket.tenantId());
        if (found.isEmpty() || tenant.isEmpty()) {
            log.info("tenant={} invoice={} ticket ignored: no such claim any more", ticket.tenantId(), ticket.invoiceId());
            return QueueOutcome.done();
        }
        ClaimState claim = found.get();
        if (!claim.dispatchKey().equals(ticket.dispatchKey())) {
            log.debug("tenant={} invoice={} stale ticket ignored", ticket.tenantId(), ticket.invoiceId());
            return QueueOutcome.done();
        }
        if (claim.status() != ClaimStatus.PENDING && (claim.status() != ClaimStatus.REGISTERED
                || claim.noteDone() && claim.attachmentDone())) {
            return QueueOutcome.done();
        }
        if (!connectors.usable(tenant.get())) {
            // its secrets must be entered again (flagged and logged once): the claim waits, no attempt spent
            long at = clock.millis() + eu.indriva.tenant.TenantAttention.RECHECK_AFTER.toMillis();
            metrics.deferred(ticket.tenantId(), "tenant_needs_attention");
            return QueueOutcome.retry(ticket, at);
        }
        // the tenant's pace: a ticket that may not start yet comes back on a slot of its own, and this
        // consumer goes on with other tenants' tickets instead of waiting for this tenant's rate limit
        Pacer pacer = connectors.pacer(tenant.get());
        long slot = pacer.admit(ticket.bookedAt());
        if (slot > 0) {
            metrics.deferred(ticket.tenantId(), "pace");
            return QueueOutcome.retry(ticket.bookedFor(slot), slot);
        }
        try {
            return work(ticket, tenant.get(), claim);
        } finally {
            pacer.done();
        }
    }

    private QueueOutcome work(ClaimTicket ticket, Tenant tenant, ClaimState claim) {
        ClaimRepository.Progress progress = new ClaimRepository.Progress();
        try {
            if (claim.status() == ClaimStatus.PENDING) {
                Optional<String> agencyClaimId = register(tenant, claim, progress);
                if (agencyClaimId.isEmpty()) {
                    return QueueOutcome.done();
                }
                claim = claim.registeredAs(agencyClaimId.get());
            }
            if (claim.status() == ClaimStatus.REGISTERED) {
                followUps(tenant, claim, progress);
            }
        } catch (UpstreamException.Busy e) {
            // not sent: the upstream's circuit is open or its limit is full. Not an attempt; come back then
            record(claim, progress);
            long at = Math.max(clock.millis() + 1, e.until().toEpochMilli());
            metrics.deferred(ticket.tenantId(), "upstream_busy");
            log.debug("tenant={} invoice={} deferred until {}: {}", ticket.tenantId(), ticket.invoiceId(), e.until(), e.getMessage());
            return QueueOutcome.retry(ticket.bookedFor(at), at);
        } catch (UpstreamException.Transient e) {
            record(claim, progress);
            return retryOrFail(ticket, claim, e.getMessage());
        } catch (RuntimeException e) {
            // what the agency and the ledger already have is recorded before the broker redelivers
            record(claim, progress);
            throw e;
        }
        record(claim, progress);
        return QueueOutcome.done();
    }

    private void record(ClaimState claim, ClaimRepository.Progress progress) {
        if (claims.record(claim.tenantId(), claim.invoiceId(), progress)) {
            metrics.claim(claim.tenantId(), progress.adopted() ? "adopted" : "registered");
            // an answer that came later (a file agency's receipt) carries no amount: the claim has it
            String amount = progress.amount() != null ? progress.amount() + " " + progress.currency()
                    : claims.amountText(claim.tenantId(), claim.invoiceId()).orElse("amount unknown");
            log.info("tenant={} invoice={} registered at {} as claim {} ({}){}", claim.tenantId(), claim.invoiceId(),
                    progress.agencyName(), claim.agencyClaimId(), amount, progress.adopted() ? ", adopted" : "");
        }
    }

    /**
     * Decides on fresh data, validates and registers; a rejection or a "stays with the creditor" is
     * recorded here, a registration goes into {@code progress}.
     *
     * @return the agency's claim id when the agency has the claim now
     */
    private Optional<String> register(Tenant tenant, ClaimState claim, ClaimRepository.Progress progress) {
        String tenantId = tenant.id();
        AccountingSystem accounting = connectors.accounting(tenant);
        Optional<AccountingInvoice> read;
        try {
            read = accounting.invoice(claim.invoiceId());
        } catch (UpstreamException.Permanent e) {
            reject(claim, e.getMessage());
            return Optional.empty();
        }
        if (read.isEmpty()) {
            reject(claim, connectors.accounting(tenant).name() + " has no invoice " + claim.invoiceId() + " (deleted?)");
            return Optional.empty();
        }
        AccountingInvoice invoice = read.get();
        LocalDate today = LocalDate.now(clock.withZone(tenant.timeZone()));
        OverduePolicy.Decision decision = OverduePolicy.decide(invoice, tenant.policy(), today, claim.manual());
        if (decision instanceof OverduePolicy.Decision.Stay stay) {
            if (claim.manual()) {
                reject(claim, "not transferable: " + stay.reason());
            } else if (claims.forget(tenantId, claim.invoiceId(), claim.dispatchKey())) {
                metrics.claim(tenantId, "skipped");
                log.info("tenant={} invoice={} stays with the creditor: {}", tenantId, claim.invoiceId(), stay.reason());
            }
            return Optional.empty();
        }
        var outstanding = ((OverduePolicy.Decision.Transfer) decision).outstanding();
        InvoiceFacts facts = new InvoiceFacts(invoice.invoiceId(), invoice.invoiceNumber(), invoice.customerNumber(),
                outstanding, invoice.currency(), invoice.effectiveDueDate());
        progress.facts(facts);
        DebtorCheck check = DebtorValidator.validate(invoice.debtor(), today);
        if (check instanceof DebtorCheck.Invalid invalid) {
            claims.facts(tenantId, facts);
            // the accounting system names the field as the person fixing the invoice sees it
            reject(claim, connectors.accounting(tenant).debtorField(invalid.field()) + ": " + invalid.problem());
            return Optional.empty();
        }
        var debtor = ((DebtorCheck.Valid) check).debtor();
        claims.debtor(tenantId, claim.invoiceId(), debtor);
        // payments made before the transfer are in the outstanding amount: never forward them later
        for (AccountingInvoice.Payment p : invoice.payments()) {
            paymentEvents.record(tenantId, claim.invoiceId(), p, "PRE_TRANSFER", "DONE", null);
        }
        Agency agency = connectors.agency(tenant);
        // an agency whose case names its copy gets it with the registration; any other, once the claim is registered
        InvoiceCopy copy = null;
        if (agency.copyWithRegistration()) {
            try {
                copy = accounting.invoiceCopy(claim.invoiceId()).orElse(null);
            } catch (UpstreamException.Permanent e) {
                progress.attachment("invoice copy not sent: " + e.getMessage());
            }
        }
        Agency.Registration registration;
        try {
            registration = agency.register(new ClaimRegistration(invoice.invoiceId(), invoice.invoiceNumber(),
                    invoice.customerNumber(), debtor, invoice.invoiceDate(), invoice.effectiveDueDate(), outstanding,
                    invoice.currency(), tenant.policy().service(), invoice.paymentReference(), invoice.total(), copy));
        } catch (UpstreamException.Permanent e) {
            // the agency's own words may quote the debtor: they go on the claim, not into the log
            claims.facts(tenantId, facts);
            reject(claim, e.getMessage(), false);
            return Optional.empty();
        }
        if (registration instanceof Agency.Registration.Submitted submitted) {
            if (agency.copyWithRegistration() && copy == null && !claim.attachmentDone()) {
                progress.attachment("the accounting system had no copy of the invoice to send");
            } else if (copy != null) {
                progress.attachment("invoice copy " + copy.fileName() + " handed to " + agency.name() + " with the case");
            }
            claims.submitted(tenantId, claim.invoiceId(), claim.dispatchKey(), agency.system(), submitted.detail());
            record(claim, progress);
            return Optional.empty();
        }
        Agency.Registration.Registered registered = (Agency.Registration.Registered) registration;
        progress.registered(registered.agencyClaimId(), agency.system(), agency.name(), registered.adopted());
        return Optional.of(registered.agencyClaimId());
    }

    /**
     * Write the transfer note, then attach the invoice copy; each once. Their outcomes go into
     * {@code progress}, which is recorded together with the registration, also when the
     * attachment then fails.
     */
    private void followUps(Tenant tenant, ClaimState claim, ClaimRepository.Progress progress) {
        Agency agency = connectors.agency(tenant);
        AccountingSystem accounting = connectors.accounting(tenant);
        if (!claim.noteDone()) {
            LocalDate today = LocalDate.now(clock.withZone(tenant.timeZone()));
            String marker = "[Indriva] Transferred to " + agency.name() + " for collection, claim " + claim.agencyClaimId();
            try {
                progress.note(accounting.appendNote(claim.invoiceId(), marker, marker + " on " + today + ".")
                        ? "transfer note written on the invoice" : "transfer note was already on the invoice");
            } catch (UpstreamException.Permanent e) {
                progress.note("transfer note not written: " + e.getMessage());
            }
        }
        if (!claim.attachmentDone()) {
            try {
                var copy = accounting.invoiceCopy(claim.invoiceId());
                if (copy.isPresent()) {
                    agency.attach(claim.agencyClaimId(), copy.get());
                    progress.attachment("invoice copy " + copy.get().fileName() + " sent to " + agency.name());
                } else {
                    progress.attachment("the accounting system had no copy of the invoice to send");
                }
            } catch (UpstreamException.Permanent e) {
                progress.attachment("invoice copy not sent: " + e.getMessage());
            }
        }
    }

    /**
     * Applies the agency's answers to claims it took to answer later (agency-sync): registered or
     * adopted (then the transfer note follows on the registration queue), refused, or unanswered in
     * time (FAILED: a person looks, and a retry sends it again).
     *
     * @return how many answers were applied
     */
    public int takeAnswers(Tenant tenant) {
        Agency agency = connectors.agency(tenant);
        int taken = 0;
        while (true) {
            java.util.List<Agency.Answer> page = agency.answers(ANSWER_PAGE);
            for (Agency.Answer a : page) {
                claims.state(tenant.id(), a.accountingInvoiceId()).ifPresent(c -> answered(agency, c, a));
                agency.taken(a);
                taken++;
            }
            if (page.size() < ANSWER_PAGE) {
                return taken;
            }
        }
    }

    static final int ANSWER_PAGE = 100;

    private void answered(Agency agency, ClaimState claim, Agency.Answer a) {
        boolean registers = a.outcome() == Agency.Answer.Outcome.REGISTERED || a.outcome() == Agency.Answer.Outcome.ADOPTED;
        if (claim.status() != ClaimStatus.PENDING) {
            // applied before a crash that kept it from being taken: only the follow-ups' ticket may be missing
            if (registers && claim.status() == ClaimStatus.REGISTERED && a.agencyClaimId().equals(claim.agencyClaimId())
                    && !(claim.noteDone() && claim.attachmentDone())) {
                dispatcher.dispatch(new ClaimTicket(claim.tenantId(), claim.invoiceId(), claim.dispatchKey(), 0));
            }
            return;
        }
        switch (a.outcome()) {
            case REGISTERED, ADOPTED -> {
                ClaimRepository.Progress progress = new ClaimRepository.Progress();
                progress.registered(a.agencyClaimId(), agency.system(), agency.name(), a.outcome() == Agency.Answer.Outcome.ADOPTED);
                String key = progress.newDispatch();
                ClaimState registered = claim.registeredAs(a.agencyClaimId());
                record(registered, progress);
                if (!registered.noteDone() || !registered.attachmentDone()) {
                    dispatcher.dispatch(new ClaimTicket(claim.tenantId(), claim.invoiceId(), key, 0));
                }
            }
            case REFUSED -> reject(claim, a.message(), false);
            case UNANSWERED -> {
                if (claims.fail(claim.tenantId(), claim.invoiceId(), claim.dispatchKey(), a.message())) {
                    metrics.claim(claim.tenantId(), "failed");
                    log.warn("tenant={} invoice={} {}", claim.tenantId(), claim.invoiceId(), a.message());
                }
            }
        }
    }

    private void reject(ClaimState claim, String reason) {
        reject(claim, reason, true);
    }

    /** @param loggable false when the reason may carry personal data (an upstream's message) */
    private void reject(ClaimState claim, String reason, boolean loggable) {
        if (claims.reject(claim.tenantId(), claim.invoiceId(), claim.dispatchKey(), reason)) {
            metrics.claim(claim.tenantId(), "rejected");
            log.info("tenant={} invoice={} rejected: {}", claim.tenantId(), claim.invoiceId(),
                    loggable ? reason : "by the agency (its message is in the claim's reason)");
        }
    }

    private QueueOutcome retryOrFail(ClaimTicket ticket, ClaimState claim, String reason) {
        int attempts = ticket.attempt() + 1;
        if (claim.status() != ClaimStatus.PENDING) {
            // registered: only the copy or the note is missing; they are retried the same way
            claims.history(ticket.tenantId(), ticket.invoiceId(), "FOLLOW_UP_FAILED", "attempt " + attempts + ": " + reason);
        } else {
            claims.attemptFailed(ticket.tenantId(), ticket.invoiceId(), attempts, reason);
        }
        if (attempts >= maxAttempts) {
            if (claim.status() == ClaimStatus.PENDING) {
                claims.fail(ticket.tenantId(), ticket.invoiceId(), ticket.dispatchKey(),
                        "gave up after " + attempts + " attempts: " + reason + ". Fix the cause, then POST .../retry");
                metrics.claim(ticket.tenantId(), "failed");
            } else {
                claims.history(ticket.tenantId(), ticket.invoiceId(), "FOLLOW_UP_ABANDONED", "gave up after " + attempts + " attempts");
            }
            log.warn("tenant={} invoice={} gave up after {} attempts: {}", ticket.tenantId(), ticket.invoiceId(), attempts, reason);
            return QueueOutcome.done();
        }
        long at = clock.millis() + backoff.delayAfter(attempts).toMillis();
        metrics.claim(ticket.tenantId(), "retried");
        log.info("tenant={} invoice={} attempt {} failed ({}); next try in {} s", ticket.tenantId(), ticket.invoiceId(), attempts,
                reason, backoff.delayAfter(attempts).toSeconds());
        return QueueOutcome.retry(ticket.next(), at);
    }
}
