package eu.indriva.inbound;

import eu.indriva.problem.Problem;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.tenant.TenantRequests;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API: sync with the agency now, and how its payouts were booked. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}")
public class AgencyController {

    private final TenantRepository tenants;
    private final SettlementRepository settlements;
    private final ProducerTemplate camel;
    private final eu.indriva.connectors.Connectors connectors;

    public AgencyController(TenantRepository tenants, SettlementRepository settlements, ProducerTemplate camel,
                            eu.indriva.connectors.Connectors connectors) {
        this.tenants = tenants;
        this.connectors = connectors;
        this.settlements = settlements;
        this.camel = camel;
    }

    @PostMapping("/agency-sync")
    public ResponseEntity<Map<String, String>> sync(@PathVariable String tenantId) {
        Tenant tenant = tenant(tenantId);
        if (!tenant.enabled()) {
            throw Problem.conflict("tenant " + tenantId + " is disabled: enable it (PUT with \"enabled\": true) to sync");
        }
        if (!connectors.usable(tenant)) {
            throw new eu.indriva.tenant.TenantSecretsUnreadable(tenantId);
        }
        // one already running makes this a no-op (RunGuard): 202 either way, one run
        camel.sendBody("seda:agency-sync?waitForTaskToComplete=Never", tenantId);
        return ResponseEntity.accepted().body(Map.of("status", "started",
                "message", "claim changes and settlements are fetched in the background"));
    }

    /** indriva-api.yaml SettlementBooking. */
    public record SettlementBooking(String settlementId, LocalDate date, String currency, BigDecimal payout, BigDecimal capital,
                                    BigDecimal commission, BigDecimal vat, String status, String reason,
                                    String journalReceiptId, boolean acknowledged) {}

    private static final java.util.Set<String> PAGE_PARAMETERS = java.util.Set.of("page", "size");

    /**
     * Newest first, a page at a time (the contract's array, {@code size} of them, 100 unless asked);
     * {@code X-Total-Count} says how many there are in all.
     */
    @GetMapping("/settlements")
    public ResponseEntity<List<SettlementBooking>> settlements(@PathVariable String tenantId,
                                                               @RequestParam(defaultValue = "0") int page,
                                                               @RequestParam(defaultValue = "100") int size,
                                                               @RequestParam Map<String, String> all) {
        tenant(tenantId);
        for (String name : all.keySet()) {
            if (!PAGE_PARAMETERS.contains(name)) {
                throw Problem.badField(name, "is not a parameter of this list; use page and size");
            }
        }
        if (page < 0) {
            throw Problem.badField("page", "counts from 0");
        }
        if (size < 1 || size > 500) {
            throw Problem.badField("size", "must be between 1 and 500");
        }
        List<SettlementBooking> items = settlements.page(tenantId, page, size).stream().map(r -> new SettlementBooking(r.settlementId(),
                r.date(), r.currency(), r.payout(), r.capital(), r.commission(), r.vat(), r.status(), r.reason(), r.receiptId(),
                r.acknowledged())).toList();
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(settlements.count(tenantId))).body(items);
    }

    /**
     * What the tenant's agency delivered that could not be used (a line of a file, with the file and
     * line number, or a whole file), newest first: each needs a person.
     */
    @GetMapping("/agency-problems")
    public List<eu.indriva.agency.Agency.Unusable> problems(@PathVariable String tenantId) {
        Tenant tenant = tenant(tenantId);
        if (!connectors.usable(tenant)) {
            throw new eu.indriva.tenant.TenantSecretsUnreadable(tenantId);
        }
        return connectors.agency(tenant).unusable(500);
    }

    private Tenant tenant(String tenantId) {
        TenantRequests.checkTenantId(tenantId);
        return tenants.find(tenantId).orElseThrow(() -> Problem.notFound("no tenant " + tenantId));
    }
}
