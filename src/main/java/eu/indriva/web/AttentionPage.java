package eu.indriva.web;

import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.inbound.SettlementRepository;
import eu.indriva.problem.Problem;
import eu.indriva.queue.DeadLetters;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantService;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One list of what a person must act on for a tenant: claims REJECTED (with what to fix in the
 * accounting system), FAILED (the last error) or flagged, settlements that did not add up, and
 * messages the broker parked, each with its action. Replaying a parked message is a platform
 * admin's (it puts work back on Indriva's queues).
 */
@Controller
public class AttentionPage {

    static final int CLAIMS_SHOWN = 200;

    private final TenantService tenants;
    private final ClaimRepository claims;
    private final SettlementRepository settlements;
    private final DeadLetters deadLetters;

    public AttentionPage(TenantService tenants, ClaimRepository claims, SettlementRepository settlements, DeadLetters deadLetters) {
        this.tenants = tenants;
        this.claims = claims;
        this.settlements = settlements;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/tenants/{tenantId}/attention")
    public String attention(@PathVariable String tenantId, Model model) {
        Tenant tenant = tenant(tenantId);
        List<Claim> needing = claims.needingAPerson(tenantId, CLAIMS_SHOWN);
        model.addAttribute("tenant", tenant);
        model.addAttribute("claims", needing);
        model.addAttribute("claimCount", claims.countNeedingAPerson(tenantId));
        model.addAttribute("settlements", settlements.needingAttention(tenantId));
        model.addAttribute("deadLetters", deadLetters.list(tenantId, false));
        return "attention";
    }

    /** Puts a parked message of this tenant back to work (platform admins only). */
    @PostMapping("/tenants/{tenantId}/attention/dead-letters/{id}/replay")
    public String replay(@PathVariable String tenantId, @PathVariable long id, @AuthenticationPrincipal SignedIn who,
                         RedirectAttributes result) {
        tenant(tenantId);
        if (!who.admin()) {
            throw new org.springframework.security.access.AccessDeniedException("replaying a dead letter is a platform admin's");
        }
        // only this tenant's: another tenant's id is as unknown here as one that never was
        if (deadLetters.list(tenantId, false).stream().noneMatch(d -> d.id() == id)) {
            throw Problem.notFound("no dead letter " + id + " waiting for this tenant");
        }
        try {
            result.addFlashAttribute("replayed", deadLetters.replay(id).message());
        } catch (Problem p) {
            result.addFlashAttribute("refused", p.getMessage());
        }
        return "redirect:/tenants/" + tenantId + "/attention";
    }

    private Tenant tenant(String tenantId) {
        return tenants.get(tenantId);
    }
}
