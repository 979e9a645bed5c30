package eu.indriva.queue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** At most one run of a kind per tenant at a time in this process (keys like "poll:demo", "sync:demo"). */
@Component
public class RunGuard {

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public boolean tryStart(String key) {
        return running.add(key);
    }

    public void finish(String key) {
        running.remove(key);
    }

    public boolean isRunning(String key) {
        return running.contains(key);
    }
}
