package eu.indriva.web;

import eu.indriva.agency.AgencyAction;
import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.outbound.TransferService;
import eu.indriva.problem.Problem;
import eu.indriva.sync.RecallService;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantService;
import java.time.LocalDateTime;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One claim: its amounts, its history as a timeline, and what a person can do with it (retry,
 * recall, pause, resume), each through the same services as the admin API, after a confirmation
 * step that works without JavaScript, with the result (or the agency's refusal) in words.
 */
@Controller
public class ClaimPages {

    /** What each action is called in the URL. */
    enum Action {
        RETRY, RECALL, PAUSE, RESUME;

        static Action of(String name) {
            try {
                return valueOf(name.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problem.notFound("no action '" + name + "'");
            }
        }

        String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final TenantService tenants;
    private final ClaimRepository claims;
    private final TransferService transfers;
    private final RecallService recalls;

    private final eu.indriva.charges.ClaimCharges charges;

    public ClaimPages(TenantService tenants, ClaimRepository claims, TransferService transfers, RecallService recalls,
                      eu.indriva.charges.ClaimCharges charges) {
        this.charges = charges;
        this.tenants = tenants;
        this.claims = claims;
        this.transfers = transfers;
        this.recalls = recalls;
    }

    /** A history entry with its time in the tenant's zone. */
    public record Step(LocalDateTime at, String event, String detail) {}

    @GetMapping("/tenants/{tenantId}/claims/{invoiceId}")
    public String claim(@PathVariable String tenantId, @PathVariable String invoiceId,
                        @RequestParam(required = false) String confirm, Model model) {
        Tenant tenant = tenant(tenantId);
        Claim claim = claims.find(tenantId, invoiceId).map(c -> c.withAgencyIfNone(tenant.agency().system()))
                .orElseThrow(() -> Problem.notFound("no claim for invoice " + invoiceId));
        model.addAttribute("tenant", tenant);
        model.addAttribute("claim", claim);
        model.addAttribute("charges", charges.of(tenantId, claim, java.time.LocalDate.now(java.time.Clock.systemUTC()
                .withZone(tenant.timeZone()))).orElse(null));
        model.addAttribute("steps", claim.history().stream()
                .map(h -> new Step(LocalDateTime.ofInstant(h.at(), tenant.timeZone()), h.event(), h.detail())).toList());
        model.addAttribute("actions", java.util.Arrays.stream(Action.values()).filter(available(claim)::contains).map(Action::param).toList());
        if (confirm != null && available(claim).contains(Action.of(confirm))) {
            model.addAttribute("confirm", Action.of(confirm).param());
        }
        return "claim";
    }

    @PostMapping("/tenants/{tenantId}/claims/{invoiceId}/{action}")
    public String act(@PathVariable String tenantId, @PathVariable String invoiceId, @PathVariable String action,
                      @AuthenticationPrincipal SignedIn who, RedirectAttributes result) {
        tenant(tenantId);
        Action a = Action.of(action);
        String by = "web user " + who.username();
        try {
            switch (a) {
                case RETRY -> transfers.retry(tenantId, invoiceId, by);
                case RECALL -> recalls.recall(tenantId, invoiceId, by);
                case PAUSE -> recalls.act(tenantId, invoiceId, AgencyAction.PAUSE, by);
                case RESUME -> recalls.act(tenantId, invoiceId, AgencyAction.RESUME, by);
            }
            result.addFlashAttribute("done", a.param());
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                throw p;
            }
            result.addFlashAttribute("refused", p.getMessage());
        }
        return "redirect:/tenants/" + tenantId + "/claims/" + invoiceId;
    }

    /** What may be asked of a claim in its status; the agency may still refuse (and says why). */
    static Set<Action> available(Claim claim) {
        return switch (claim.status()) {
            case FAILED, REJECTED -> Set.of(Action.RETRY);
            case REGISTERED -> claim.agencyClaimId() == null ? Set.of() : Set.of(Action.RECALL, Action.PAUSE, Action.RESUME);
            default -> Set.of();
        };
    }

    private Tenant tenant(String tenantId) {
        return tenants.get(tenantId);
    }

}
