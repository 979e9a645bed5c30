package eu.indriva.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Per-tenant counts of what the outbound flow did (Prometheus: indriva_invoices_examined_total, indriva_claims_total). */
@Component
public class OutboundMetrics {

    private final MeterRegistry meters;
    /** Meters looked up once: registering on every count is a measurable share of the flow's CPU. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public OutboundMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void examined(String tenantId) {
        counters.computeIfAbsent(tenantId, k -> Counter.builder("indriva.invoices.examined")
                .description("Overdue-search hits examined").tag("tenant", tenantId).register(meters)).increment();
    }

    /**
     * A ticket re-scheduled without an attempt. reason: pace (its tenant's pace gave it a later slot),
     * upstream_busy (a circuit was open, or a rate limit or 429 pause would have kept the consumer waiting),
     * tenant_needs_attention (its secrets cannot be decrypted; it waits for them to be entered again).
     */
    public void deferred(String tenantId, String reason) {
        counters.computeIfAbsent(tenantId + " deferred " + reason, k -> Counter.builder("indriva.registrations.deferred")
                .description("Registration tickets re-scheduled for later without counting an attempt")
                .tag("tenant", tenantId).tag("reason", reason).register(meters)).increment();
    }

    /** outcome: selected, skipped, registered, adopted, rejected, failed, retried. */
    public void claim(String tenantId, String outcome) {
        counters.computeIfAbsent(tenantId + " " + outcome, k -> Counter.builder("indriva.claims").description("Claims by outcome")
                .tag("tenant", tenantId).tag("outcome", outcome).register(meters)).increment();
    }
}
