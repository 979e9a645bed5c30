package eu.indriva.tenant;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tenants that need a person before Indriva can work for them (today: secrets that cannot be
 * decrypted). Each problem is logged once when it is first seen, not on every poll; it is shown on
 * the tenant resource and in health, and cleared when the tenant is saved again.
 */
@Component
public class TenantAttention {

    private static final Logger log = LoggerFactory.getLogger(TenantAttention.class);

    /** How long queued work of a tenant that needs attention waits before it looks again. */
    public static final java.time.Duration RECHECK_AFTER = java.time.Duration.ofMinutes(1);

    private final Map<String, String> problems = new ConcurrentHashMap<>();

    public void flag(String tenantId, String problem) {
        if (!problem.equals(problems.put(tenantId, problem))) {
            log.error("tenant={} needs attention: {}", tenantId, problem);
        }
    }

    public void clear(String tenantId) {
        if (problems.remove(tenantId) != null) {
            log.info("tenant={} no longer needs attention", tenantId);
        }
    }

    /** The problem, or null. */
    public String of(String tenantId) {
        return problems.get(tenantId);
    }

    public Map<String, String> all() {
        return new TreeMap<>(problems);
    }
}
