package eu.indriva.api;

import eu.indriva.problem.Problem;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import eu.indriva.outbound.TransferPreview;
import eu.indriva.outbound.TransferService;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRequest;
import eu.indriva.tenant.TenantRequests;
import eu.indriva.tenant.TenantRuns;
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
    private final TenantRuns runs;
    private final TransferPreview preview;
    private final eu.indriva.connectors.ConnectionCheck connections;

    public TenantController(TenantService tenants, TransferService transfers, TenantRuns runs, TransferPreview preview,
                            eu.indriva.connectors.ConnectionCheck connections) {
        this.tenants = tenants;
        this.preview = preview;
        this.connections = connections;
        this.runs = runs;
        this.transfers = transfers;
    }

    /**
     * A tenant as the API shows it: its settings, what a person must do before Indriva can work for
     * it (or null), and the outcome of its last poll, payment scan and agency sync.
     */
    public record TenantView(@JsonUnwrapped Tenant tenant, String needsAttention, Map<String, TenantRuns.Run> lastRuns) {}

    private TenantView view(Tenant t) {
        return new TenantView(t, tenants.needsAttention(t.id()), runs.of(t.id()));
    }

    @GetMapping
    public List<TenantView> all() {
        return tenants.all().stream().map(this::view).toList();
    }

    @GetMapping("/{tenantId}")
    public TenantView one(@PathVariable String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        return view(tenants.find(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId)));
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

    /** The dry run of a poll: nothing selected, queued, registered or written anywhere. */
    @GetMapping("/{tenantId}/preview")
    public TransferPreview.Preview preview(@PathVariable String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        return preview.preview(tenants.get(tenantId));
    }

    public record ConnectionTest(boolean ok, List<eu.indriva.connectors.ConnectionCheck.Result> results) {}

    /** Signs in to the tenant's accounting system and agency and reads one item from each; changes nothing. */
    @PostMapping("/{tenantId}/connection-test")
    public ConnectionTest connectionTest(@PathVariable String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        List<eu.indriva.connectors.ConnectionCheck.Result> results = connections.check(tenants.get(tenantId));
        return new ConnectionTest(results.stream().allMatch(eu.indriva.connectors.ConnectionCheck.Result::ok), results);
    }

    public record TransferRequest(String invoiceId) {}

    @PostMapping("/{tenantId}/transfers")
    public ResponseEntity<?> transfer(@PathVariable String tenantId, @RequestBody(required = false) TransferRequest request) {
        TenantRequests.checkTenantId(tenantId);
        if (request == null) {
            throw Problem.badField("invoiceId", "is required: send {\"invoiceId\": \"<the accounting system's invoice id>\"}");
        }
        return ResponseEntity.accepted().body(transfers.transfer(tenantId, request.invoiceId()));
    }

}
