package eu.indriva.connectors;

import eu.indriva.upstream.CircuitBreaker;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Shows each upstream's circuit in /actuator/health without turning Indriva DOWN: an agency or
 * accounting system being down is their outage, and Indriva keeps its work queued meanwhile.
 */
@Component("upstreams")
public class UpstreamsHealth implements HealthIndicator {

    private final Connectors connectors;

    public UpstreamsHealth(Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public Health health() {
        Map<String, String> circuits = new TreeMap<>();
        for (Map.Entry<String, CircuitBreaker> e : connectors.breakers().entrySet()) {
            circuits.put(e.getKey(), e.getValue().isOpen() ? "OPEN (calls paused; work stays queued)" : "closed");
        }
        return Health.up().withDetail("circuits", circuits).build();
    }
}
