package eu.indriva.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.indriva.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Two Indriva instances on one database (H2 file and PostgreSQL), each with its own guard: a run
 * started by one is refused to the other until it finishes, from whatever thread; a crashed
 * holder's run is taken over once its lease is older than the time to live.
 */
class RunGuardTest {

    @TempDir
    Path dir;

    private static RunGuard instance(DataSource ds, Duration ttl) {
        DefaultLockRepository repository = new DefaultLockRepository(ds);
        repository.setRegion("indriva-runs");
        repository.setTimeToLive((int) ttl.toMillis());
        repository.setTransactionManager(new DataSourceTransactionManager(ds));
        repository.afterPropertiesSet();
        repository.afterSingletonsInstantiated();
        return new RunGuard(new JdbcLockRegistry(repository), ttl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void oneRunPerKeyAcrossInstancesAndACrashedHoldersRunIsTakenOver(String database) throws Exception {
        DataSource ds = TestDatabase.migrated(database, dir);
        RunGuard a = instance(ds, Duration.ofSeconds(2));
        RunGuard b = instance(ds, Duration.ofSeconds(2));
        try {
            assertThat(a.tryStart("poll:acme")).isTrue();
            assertThat(a.tryStart("poll:acme")).as("not twice on the same instance either").isFalse();
            assertThat(b.tryStart("poll:acme")).as("the other instance").isFalse();
            assertThat(b.tryStart("poll:other")).isTrue();

            // held longer than the time to live: renewed, so refused to the other instance all along
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(b.tryStart("poll:acme")).isFalse());

            // finished on another thread than the one that started it (a poll resumed from its queue)
            CompletableFuture.runAsync(() -> a.finish("poll:acme")).get();
            assertThat(b.tryStart("poll:acme")).isTrue();
            b.finish("poll:acme");

            // the holder crashes: nothing renews its lease, and after the time to live another instance runs it
            assertThat(a.tryStart("sync:acme")).isTrue();
            a.abandon();
            assertThat(b.tryStart("sync:acme")).isFalse();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> b.tryStart("sync:acme"));
        } finally {
            a.close();
            b.close();
        }
    }
}
