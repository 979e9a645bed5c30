package eu.indriva.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Per-tenant counts of what the outbound flow did (Prometheus: indriva_invoices_examined_total, indriva_claims_total). */
@Component
public class OutboundMetrics {

    private final MeterRegistry meters;

    public OutboundMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void examined(String tenantId) {
        Counter.builder("indriva.invoices.examined").description("Overdue-search hits examined")
                .tag("tenant", tenantId).register(meters).increment();
    }

    /** outcome: selected, skipped, registered, adopted, rejected, failed, retried. */
    public void claim(String tenantId, String outcome) {
        Counter.builder("indriva.claims").description("Claims by outcome")
                .tag("tenant", tenantId).tag("outcome", outcome).register(meters).increment();
    }
}
