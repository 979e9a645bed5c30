package eu.indriva.api;

import eu.indriva.problem.Problem;
import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimFilters;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.outbound.TransferService;
import eu.indriva.sync.RecallService;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.tenant.TenantRequests;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's claims, most recently updated first, and the retry of one. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/claims")
public class ClaimController {

    private final ClaimRepository claims;
    private final TenantRepository tenants;
    private final TransferService transfers;
    private final RecallService recalls;

    public ClaimController(ClaimRepository claims, TenantRepository tenants, TransferService transfers, RecallService recalls) {
        this.claims = claims;
        this.tenants = tenants;
        this.transfers = transfers;
        this.recalls = recalls;
    }

    public record ClaimPage(List<Claim> items, int page, int size, long total) {}

    private static final java.util.Set<String> LIST_PARAMETERS;

    static {
        java.util.Set<String> names = new java.util.HashSet<>(ClaimFilters.NAMES);
        names.addAll(java.util.List.of("page", "size"));
        LIST_PARAMETERS = java.util.Set.copyOf(names);
    }

    @GetMapping
    public ClaimPage list(@PathVariable String tenantId,
                          @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "50") int size,
                          @RequestParam Map<String, String> all) {
        eu.indriva.tenant.Tenant tenant = requireTenant(tenantId);
        // a filter that is not one would silently list everything
        for (String name : all.keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw Problem.badField(name, "is not a filter of this list; use " + new java.util.TreeSet<>(LIST_PARAMETERS));
            }
        }
        ClaimRepository.Filter filter = ClaimFilters.read(all, tenant.timeZone());
        if (page < 0) {
            throw Problem.badField("page", "must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw Problem.badField("size", "must be between 1 and 500");
        }
        String agency = tenant.agency().system();
        return new ClaimPage(claims.page(tenantId, filter, page, size).stream().map(c -> c.withAgencyIfNone(agency)).toList(),
                page, size, claims.count(tenantId, filter));
    }

    @GetMapping("/{invoiceId}")
    public Claim one(@PathVariable String tenantId, @PathVariable String invoiceId) {
        String agency = requireTenant(tenantId).agency().system();
        return claims.find(tenantId, invoiceId).map(c -> c.withAgencyIfNone(agency))
                .orElseThrow(() -> Problem.notFound("tenant " + tenantId + " has no claim for invoice " + invoiceId));
    }

    @PostMapping("/{invoiceId}/retry")
    public ResponseEntity<Map<String, String>> retry(@PathVariable String tenantId, @PathVariable String invoiceId) {
        requireTenant(tenantId);
        transfers.retry(tenantId, invoiceId, "an admin");
        return ResponseEntity.accepted().body(Map.of("status", "queued"));
    }

    @PostMapping("/{invoiceId}/recall")
    public ResponseEntity<Map<String, String>> recall(@PathVariable String tenantId, @PathVariable String invoiceId) {
        requireTenant(tenantId);
        recalls.recall(tenantId, invoiceId, "an admin");
        return ResponseEntity.accepted().body(Map.of("status", "recall under way",
                "message", "the claim becomes CLOSED when the agency says so; see its history"));
    }

    @PostMapping("/{invoiceId}/pause")
    public ResponseEntity<Map<String, String>> pause(@PathVariable String tenantId, @PathVariable String invoiceId) {
        requireTenant(tenantId);
        recalls.act(tenantId, invoiceId, eu.indriva.agency.AgencyAction.PAUSE, "an admin");
        return ResponseEntity.accepted().body(Map.of("status", "pause sent"));
    }

    @PostMapping("/{invoiceId}/resume")
    public ResponseEntity<Map<String, String>> resume(@PathVariable String tenantId, @PathVariable String invoiceId) {
        requireTenant(tenantId);
        recalls.act(tenantId, invoiceId, eu.indriva.agency.AgencyAction.RESUME, "an admin");
        return ResponseEntity.accepted().body(Map.of("status", "resume sent"));
    }

    private eu.indriva.tenant.Tenant requireTenant(String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        return tenants.find(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId));
    }
}
