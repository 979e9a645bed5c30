package eu.indriva.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Lists in /actuator/health the tenants that need a person (see {@link TenantAttention}) and those
 * whose poll, payment scan or agency sync has failed for longer than
 * {@code indriva.health.failing-for}, without turning Indriva DOWN: the other tenants are served
 * as usual.
 */
@Component("tenants")
public class TenantsHealth implements HealthIndicator {

    private final TenantAttention attention;
    private final TenantRuns runs;
    private final Duration failingFor;

    public TenantsHealth(TenantAttention attention, TenantRuns runs, @Value("${indriva.health.failing-for:PT1H}") Duration failingFor) {
        this.attention = attention;
        this.runs = runs;
        this.failingFor = failingFor;
    }

    @Override
    public Health health() {
        Map<String, String> failing = new LinkedHashMap<>();
        for (TenantRuns.Failing f : runs.failingSince(Instant.now().minus(failingFor))) {
            failing.merge(f.tenantId(), f.kind() + " failing since " + f.since() + ": " + f.error(), (a, b) -> a + "; " + b);
        }
        return Health.up().withDetail("needsAttention", attention.all()).withDetail("upstreamFailing", failing).build();
    }
}
