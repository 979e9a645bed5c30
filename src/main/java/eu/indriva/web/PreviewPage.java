package eu.indriva.web;

import eu.indriva.outbound.TransferPreview;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantService;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The dry run in the browser: the same {@link TransferPreview} as {@code GET /api/v1/tenants/{id}/preview}.
 * Reading it changes nothing; the page says so. When the accounting system cannot be read, the
 * page says that in words (503).
 */
@Controller
public class PreviewPage {

    private final TenantService tenants;
    private final TransferPreview preview;

    public PreviewPage(TenantService tenants, TransferPreview preview) {
        this.tenants = tenants;
        this.preview = preview;
    }

    @GetMapping("/tenants/{tenantId}/preview")
    public String preview(@PathVariable String tenantId, Model model, HttpServletResponse response) {
        Tenant tenant = tenants.get(tenantId);
        model.addAttribute("tenant", tenant);
        try {
            model.addAttribute("preview", preview.preview(tenant));
        } catch (Problem p) {
            response.setStatus(503);
            model.addAttribute("problem", p.getMessage());
        }
        return "preview";
    }
}
