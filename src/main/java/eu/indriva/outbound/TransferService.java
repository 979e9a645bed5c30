package eu.indriva.outbound;

import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.problem.Problem;
import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimState;
import eu.indriva.claim.ClaimTicket;
import eu.indriva.claim.InvoiceFacts;
import eu.indriva.connectors.Connectors;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.upstream.UpstreamException;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/** What an admin starts by hand: a poll now, one invoice's transfer, a retry. */
@Service
public class TransferService {

    private final TenantRepository tenants;
    private final ClaimRepository claims;
    private final Connectors connectors;
    private final ClaimDispatcher dispatcher;
    private final ProducerTemplate camel;

    public TransferService(TenantRepository tenants, ClaimRepository claims, Connectors connectors,
                           ClaimDispatcher dispatcher, ProducerTemplate camel) {
        this.tenants = tenants;
        this.claims = claims;
        this.connectors = connectors;
        this.dispatcher = dispatcher;
        this.camel = camel;
    }

    public void pollNow(String tenantId) {
        Tenant tenant = tenant(tenantId);
        if (!tenant.enabled()) {
            throw Problem.conflict("tenant " + tenantId + " is disabled: enable it (PUT with \"enabled\": true) to poll");
        }
        if (!connectors.usable(tenant)) {
            throw new eu.indriva.tenant.TenantSecretsUnreadable(tenantId);
        }
        // a poll already running makes this one a no-op (RunGuard): 202 either way, one run
        camel.sendBody("seda:outbound-poll?waitForTaskToComplete=Never", tenantId);
        camel.sendBody("seda:payment-sync?waitForTaskToComplete=Never", tenantId);
    }

    /** Transfers one invoice regardless of grace days, minimum and "automatic"; validation still applies. */
    public Claim transfer(String tenantId, String invoiceId) {
        Tenant tenant = tenant(tenantId);
        if (invoiceId == null || invoiceId.isBlank()) {
            throw Problem.badField("invoiceId", "is required: the accounting system's invoice id");
        }
        if (invoiceId.length() > 64) {
            throw Problem.badField("invoiceId", "must be at most 64 characters");
        }
        if (!tenant.enabled()) {
            throw Problem.conflict("tenant " + tenantId + " is disabled: enable it (PUT with \"enabled\": true) to transfer invoices");
        }
        Optional<ClaimState> known = claims.state(tenantId, invoiceId);
        if (known.isEmpty()) {
            AccountingInvoice invoice = readInvoice(tenant, invoiceId);
            // what the policy rules out even by hand (not open, currency, excluded customer) is not a claim: nothing is stored
            LocalDate today = LocalDate.now(java.time.Clock.systemUTC().withZone(tenant.timeZone()));
            if (OverduePolicy.decide(invoice, tenant.policy(), today, true) instanceof OverduePolicy.Decision.Stay stay) {
                throw new Problem(Problem.Kind.NOT_PROCESSABLE, "not_transferable",
                        "invoice " + invoiceId + " is not transferable: " + stay.reason(), "invoiceId");
            }
            ClaimRepository.Selection s = claims.select(tenantId, new InvoiceFacts(invoice.invoiceId(), invoice.invoiceNumber(),
                    invoice.customerNumber(), invoice.outstanding(), invoice.currency(), invoice.effectiveDueDate()), true);
            known = Optional.of(s.state());
        }
        ClaimState state = known.get();
        switch (state.status()) {
            case PENDING -> dispatcher.dispatch(new ClaimTicket(tenantId, invoiceId, state.dispatchKey(), state.attempts()));
            case FAILED, REJECTED -> claims.requeue(tenantId, invoiceId, "transferred again by an admin").ifPresent(dispatcher::dispatch);
            // never sent twice
            case REGISTERED -> throw Problem.conflict("invoice " + invoiceId + " is already registered as claim " + state.agencyClaimId());
            case CLOSED -> throw Problem.conflict("invoice " + invoiceId + " was claim " + state.agencyClaimId()
                    + ", which is closed; it is not transferred again");
        }
        return claims.find(tenantId, invoiceId).orElseThrow();
    }

    /** @param requestedBy who asked, for the claim's history ("an admin", "web user anna") */
    public void retry(String tenantId, String invoiceId, String requestedBy) {
        tenant(tenantId);
        ClaimState state = claims.state(tenantId, invoiceId)
                .orElseThrow(() -> Problem.notFound("tenant " + tenantId + " has no claim for invoice " + invoiceId));
        ClaimTicket ticket = claims.requeue(tenantId, invoiceId, "retry requested by " + requestedBy)
                .orElseThrow(() -> Problem.conflict("the claim is " + state.status() + "; only FAILED or REJECTED claims can be retried"));
        dispatcher.dispatch(ticket);
    }

    private AccountingInvoice readInvoice(Tenant tenant, String invoiceId) {
        try {
            AccountingSystem accounting = connectors.accounting(tenant);
            return accounting.invoice(invoiceId)
                    .orElseThrow(() -> Problem.notFound(accounting.name() + " has no invoice " + invoiceId + " for tenant " + tenant.id()));
        } catch (UpstreamException.Transient e) {
            throw Problem.upstreamUnavailable("the accounting system cannot be reached now (" + e.getMessage() + "); try again later");
        } catch (UpstreamException.Permanent e) {
            if (e.status() == 400) {
                throw Problem.badField("invoiceId", e.getMessage());
            }
            throw new Problem(Problem.Kind.UPSTREAM_REFUSED, "upstream_refused", e.getMessage(), null);
        }
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId));
    }
}
