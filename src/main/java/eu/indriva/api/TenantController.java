package eu.indriva.api;

import eu.indriva.outbound.TransferService;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRequest;
import eu.indriva.tenant.TenantRequests;
import eu.indriva.tenant.TenantService;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tenants and what an admin starts for one (indriva-api.yaml). Responses never contain secrets. */
@RestController
@RequestMapping("/api/v1/tenants")
public class TenantController {

    private final TenantService tenants;
    private final TransferService transfers;

    public TenantController(TenantService tenants, TransferService transfers) {
        this.tenants = tenants;
        this.transfers = transfers;
    }

    @GetMapping
    public List<Tenant> all() {
        return tenants.all();
    }

    @GetMapping("/{tenantId}")
    public Tenant one(@PathVariable String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        return tenants.find(tenantId).orElseThrow(() -> ApiProblem.notFound("no tenant " + tenantId));
    }

    @PutMapping("/{tenantId}")
    public ResponseEntity<Tenant> put(@PathVariable String tenantId, @RequestBody(required = false) TenantRequest request) {
        TenantService.Saved saved = tenants.put(tenantId, request);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.tenant());
    }

    @PostMapping("/{tenantId}/poll")
    public ResponseEntity<Map<String, String>> poll(@PathVariable String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        transfers.pollNow(tenantId);
        return ResponseEntity.accepted().body(Map.of("status", "started",
                "message", "the poll runs in the background; claims appear under /api/v1/tenants/" + tenantId + "/claims"));
    }

    public record TransferRequest(String invoiceId) {}

    @PostMapping("/{tenantId}/transfers")
    public ResponseEntity<?> transfer(@PathVariable String tenantId, @RequestBody(required = false) TransferRequest request) {
        TenantRequests.checkTenantId(tenantId);
        if (request == null) {
            throw ApiProblem.badField("invoiceId", "is required: send {\"invoiceId\": \"<the accounting system's invoice id>\"}");
        }
        return ResponseEntity.accepted().body(transfers.transfer(tenantId, request.invoiceId()));
    }

}
