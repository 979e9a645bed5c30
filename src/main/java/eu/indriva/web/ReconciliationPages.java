package eu.indriva.web;

import eu.indriva.problem.Problem;
import eu.indriva.reconcile.Reconciler;
import eu.indriva.reconcile.Reconciliations;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The three-way reconciliation for the accountant: the runs (nightly and asked for), a form to start one
 * as of a day, and one run with its equation per currency and its differences, each with what to do;
 * the differences as CSV. Through the same {@link Reconciler} and {@link Reconciliations} as the admin API.
 */
@Controller
public class ReconciliationPages {

    /** The most differences the page lists; the CSV has them all. */
    static final int SHOWN = 1000;

    private final TenantService tenants;
    private final Reconciler reconciler;
    private final Reconciliations reconciliations;

    public ReconciliationPages(TenantService tenants, Reconciler reconciler, Reconciliations reconciliations) {
        this.tenants = tenants;
        this.reconciler = reconciler;
        this.reconciliations = reconciliations;
    }

    @GetMapping("/tenants/{tenantId}/reconciliations")
    public String list(@PathVariable String tenantId, Model model) {
        Tenant tenant = tenants.get(tenantId);
        model.addAttribute("tenant", tenant);
        model.addAttribute("runs", reconciliations.list(tenantId, 100));
        model.addAttribute("today", reconciler.today(tenant));
        return "reconciliations";
    }

    @PostMapping("/tenants/{tenantId}/reconciliations")
    public String start(@PathVariable String tenantId, @RequestParam(required = false) String asOf, RedirectAttributes result) {
        tenants.get(tenantId);
        try {
            return "redirect:/tenants/" + tenantId + "/reconciliations/" + reconciler.start(tenantId, asOf);
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                throw p;
            }
            result.addFlashAttribute("refused", p.getMessage());
            return "redirect:/tenants/" + tenantId + "/reconciliations";
        }
    }

    @GetMapping("/tenants/{tenantId}/reconciliations/{id}")
    public String one(@PathVariable String tenantId, @PathVariable String id, Model model) {
        Tenant tenant = tenants.get(tenantId);
        Reconciliations.Report r = reconciliations.one(tenantId, id);
        model.addAttribute("tenant", tenant);
        model.addAttribute("r", r);
        model.addAttribute("shown", r.differences().size() <= SHOWN ? r.differences() : r.differences().subList(0, SHOWN));
        return "reconciliation";
    }

    @GetMapping("/tenants/{tenantId}/reconciliations/{id}/differences.csv")
    public void csv(@PathVariable String tenantId, @PathVariable String id, HttpServletResponse response) throws IOException {
        tenants.get(tenantId);
        reconciliations.check(tenantId, id);
        Writer out = eu.indriva.web.Csv.download(response, "reconciliation-" + tenantId + "-" + id + ".csv");
        reconciliations.csv(tenantId, id, out);
        out.flush();
    }
}
