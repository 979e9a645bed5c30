package eu.indriva.sync;

import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyAction;
import eu.indriva.agency.AgencyCase;
import eu.indriva.problem.Problem;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimState;
import eu.indriva.claim.ClaimStatus;
import eu.indriva.connectors.Connectors;
import eu.indriva.inbound.AgencyStatusService;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.upstream.UpstreamException;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Admin → agency: recall (withdraw) a claim, pause it, resume it. A recall uses the agency's
 * Withdraw action when the claim offers it, otherwise a full credit note of the outstanding
 * capital (AccountingPaymentId "recall-&lt;claimId&gt;"). The claim becomes CLOSED when the agency's
 * details say so; until then its history shows the request.
 */
@Service
public class RecallService {

    private static final Logger log = LoggerFactory.getLogger(RecallService.class);

    private final TenantRepository tenants;
    private final ClaimRepository claims;
    private final Connectors connectors;
    private final AgencyStatusService status;
    private final Clock clock = Clock.systemUTC();

    public RecallService(TenantRepository tenants, ClaimRepository claims, Connectors connectors, AgencyStatusService status) {
        this.tenants = tenants;
        this.claims = claims;
        this.connectors = connectors;
        this.status = status;
    }

    /**
     * POST .../recall: 404 unknown, 409 not registered or already closed.
     *
     * @param requestedBy who asked, for the claim's history ("an admin", "web user anna")
     */
    public void recall(String tenantId, String invoiceId, String requestedBy) {
        Tenant tenant = tenant(tenantId);
        ClaimState claim = registered(tenantId, invoiceId);
        try {
            withdraw(tenant, claim, "recall requested by " + requestedBy);
        } catch (UpstreamException.Transient e) {
            throw unavailable(e);
        } catch (UpstreamException.Permanent e) {
            throw new Problem(Problem.Kind.CONFLICT, "agency_refused", e.getMessage(), null);
        }
    }

    /** The invoice went away in the accounting system: recall without asking. */
    public void recallAutomatically(Tenant tenant, ClaimState claim, String why) {
        claims.history(tenant.id(), claim.invoiceId(), "AUTO_RECALL", why + ": recalling the claim");
        withdraw(tenant, claim, why);
    }

    /**
     * POST .../pause and .../resume.
     *
     * @param requestedBy who asked, for the claim's history ("an admin", "web user anna")
     */
    public void act(String tenantId, String invoiceId, AgencyAction action, String requestedBy) {
        Tenant tenant = tenant(tenantId);
        ClaimState claim = registered(tenantId, invoiceId);
        Agency agency = connectors.agency(tenant);
        try {
            agency.action(claim.agencyClaimId(), action);
            claims.history(tenantId, invoiceId, action + "_REQUESTED", words(action) + " sent to " + agency.name() + ", asked by " + requestedBy);
            status.refresh(tenant, claim);
        } catch (UpstreamException.Transient e) {
            throw unavailable(e);
        } catch (UpstreamException.Permanent e) {
            claims.history(tenantId, invoiceId, action + "_REFUSED", e.getMessage());
            throw new Problem(Problem.Kind.CONFLICT, "agency_refused", e.getMessage(), null);
        }
    }

    private void withdraw(Tenant tenant, ClaimState claim, String why) {
        Agency agency = connectors.agency(tenant);
        AgencyCase details = agency.details(claim.agencyClaimId()).orElseThrow(() ->
                new UpstreamException.Permanent(404, agency.name() + " does not know claim " + claim.agencyClaimId()));
        if (details.closed()) {
            status.refresh(tenant, claim);
            throw Problem.conflict("the claim is already closed at " + agency.name() + " (" + details.closeReason() + ")");
        }
        if (details.availableActions().contains(AgencyAction.WITHDRAW)) {
            agency.action(claim.agencyClaimId(), AgencyAction.WITHDRAW);
            claims.history(tenant.id(), claim.invoiceId(), "RECALL_REQUESTED", why + ": withdraw sent to " + agency.name());
        } else {
            var capital = details.outstandingCapital();
            if (capital == null || capital.signum() <= 0) {
                throw Problem.conflict(agency.name() + " shows no outstanding capital to credit and offers no withdraw");
            }
            boolean fresh = agency.creditNote(claim.agencyClaimId(), "recall-" + claim.agencyClaimId(), LocalDate.now(clock), capital,
                    "Recall of invoice " + claim.invoiceId());
            claims.history(tenant.id(), claim.invoiceId(), "RECALL_REQUESTED", why + ": full credit note of " + capital
                    + " sent to " + agency.name() + " (withdraw not offered)" + (fresh ? "" : "; it already had it"));
        }
        log.info("tenant={} invoice={} recall of claim {} sent to {}", tenant.id(), claim.invoiceId(), claim.agencyClaimId(), agency.name());
        status.refresh(tenant, claim);
    }

    /** "pause", "resume", "withdraw": how the history and the answers say it. */
    private static String words(AgencyAction action) {
        return action.name().toLowerCase(java.util.Locale.ROOT);
    }

    private ClaimState registered(String tenantId, String invoiceId) {
        ClaimState claim = claims.state(tenantId, invoiceId)
                .orElseThrow(() -> Problem.notFound("tenant " + tenantId + " has no claim for invoice " + invoiceId));
        if (claim.status() != ClaimStatus.REGISTERED) {
            throw Problem.conflict("the claim is " + claim.status() + "; only a REGISTERED claim can be "
                    + (claim.status() == ClaimStatus.CLOSED ? "changed (it is already closed)" : "changed at the agency"));
        }
        return claim;
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId));
    }

    private static Problem unavailable(UpstreamException e) {
        return Problem.upstreamUnavailable("the agency cannot be reached now (" + e.getMessage() + "); try again later");
    }
}
