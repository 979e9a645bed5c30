package eu.indriva.api;

import eu.indriva.reconcile.Reconciler;
import eu.indriva.reconcile.Reconciliations;
import eu.indriva.tenant.TenantRequests;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The three-way reconciliation: started (202 with its id), listed, and read as JSON or as CSV. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/reconciliations")
public class ReconciliationController {

    private final Reconciler reconciler;
    private final Reconciliations reconciliations;

    public ReconciliationController(Reconciler reconciler, Reconciliations reconciliations) {
        this.reconciler = reconciler;
        this.reconciliations = reconciliations;
    }

    /** The body is optional: {@code {"asOf": "2026-11-30"}}; without it, today in the tenant's zone. */
    public record Start(String asOf) {}

    @PostMapping
    public ResponseEntity<Map<String, String>> start(@PathVariable String tenantId, @RequestBody(required = false) Start body) {
        TenantRequests.checkTenantId(tenantId);
        String id = reconciler.start(tenantId, body == null ? null : body.asOf());
        return ResponseEntity.accepted().header("Location", "/api/v1/tenants/" + tenantId + "/reconciliations/" + id)
                .body(Map.of("id", id, "status", "RUNNING"));
    }

    @GetMapping
    public List<Reconciliations.Report> list(@PathVariable String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        return reconciliations.list(tenantId, 200);
    }

    @GetMapping(value = "/{reconciliationId}", produces = "application/json")
    public Reconciliations.Report one(@PathVariable String tenantId, @PathVariable("reconciliationId") String id) {
        TenantRequests.checkTenantId(tenantId);
        return reconciliations.one(tenantId, id);
    }

    @GetMapping(value = "/{reconciliationId}", produces = "text/csv")
    public void csv(@PathVariable String tenantId, @PathVariable("reconciliationId") String id, HttpServletResponse response) throws IOException {
        TenantRequests.checkTenantId(tenantId);
        reconciliations.check(tenantId, id); // a 404 before any byte is written
        Writer out = eu.indriva.web.Csv.download(response, "reconciliation-" + tenantId + "-" + id + ".csv");
        reconciliations.csv(tenantId, id, out);
        out.flush();
    }
}
