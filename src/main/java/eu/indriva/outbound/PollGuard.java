package eu.indriva.outbound;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** At most one overdue poll per tenant at a time in this process. */
@Component
public class PollGuard {

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public boolean tryStart(String tenantId) {
        return running.add(tenantId);
    }

    public void finish(String tenantId) {
        running.remove(tenantId);
    }

    public boolean isRunning(String tenantId) {
        return running.contains(tenantId);
    }
}
