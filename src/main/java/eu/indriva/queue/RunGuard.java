package eu.indriva.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * At most one run of a kind per tenant at a time, across every Indriva instance on the same
 * database (keys like "poll:demo", "payments:demo", "sync:demo"). A run holds a lease in the
 * database through Spring Integration's {@link JdbcLockRegistry}; this instance renews its leases
 * every third of their time to live, so when it dies another instance may take the run over once
 * the lease is older than that ({@code indriva.cluster.lock-ttl}, 30 s).
 *
 * <p>A run starts on one thread and may finish on another (a poll waiting for registration goes
 * back to its queue), while the registry's locks belong to the thread that took them: every lock
 * operation therefore runs on one keeper thread of this guard.
 */
public class RunGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunGuard.class);

    private final JdbcLockRegistry registry;
    private final Map<String, Lock> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "indriva-run-locks");
        t.setDaemon(true);
        return t;
    });

    public RunGuard(JdbcLockRegistry registry, Duration ttl) {
        this.registry = registry;
        long every = Math.max(100, ttl.toMillis() / 3);
        keeper.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** True when this instance may start the run now (and holds it until {@link #finish}). */
    public boolean tryStart(String key) {
        if (held.containsKey(key)) {
            return false;
        }
        return onKeeper(() -> {
            if (held.containsKey(key)) {
                return false;
            }
            Lock lock = registry.obtain(key);
            if (!lock.tryLock()) {
                return false;
            }
            held.put(key, lock);
            return true;
        }, false);
    }

    public void finish(String key) {
        Lock lock = held.remove(key);
        if (lock != null) {
            onKeeper(() -> {
                lock.unlock();
                return null;
            }, null);
        }
    }

    /** True while this instance runs it (another instance's run is not known here). */
    public boolean isRunning(String key) {
        return held.containsKey(key);
    }

    private void renewAll() {
        for (String key : held.keySet()) {
            try {
                registry.renewLock(key);
            } catch (RuntimeException e) {
                // the database may be down: the run goes on; past the lease's time another instance may start one too
                log.warn("could not renew the lease of run {}: {}", key, e.getClass().getSimpleName());
            }
        }
    }

    private <T> T onKeeper(Callable<T> work, T onFailure) {
        try {
            return keeper.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            log.warn("run lock operation failed ({}); the run is not started", e.getCause().getClass().getSimpleName());
            log.debug("run lock operation failed", e.getCause());
            return onFailure;
        } catch (TimeoutException e) {
            log.warn("run lock operation took longer than 30 s; the run is not started");
            return onFailure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return onFailure;
        }
    }

    /** Stops renewing and releases what this instance holds (a clean shutdown; a crash just stops renewing). */
    @Override
    public void close() {
        for (String key : held.keySet()) {
            finish(key);
        }
        keeper.shutdownNow();
    }

    /** For tests: what a crashed instance does, which is nothing: its leases are neither renewed nor released. */
    void abandon() {
        held.clear();
        keeper.shutdownNow();
    }
}
