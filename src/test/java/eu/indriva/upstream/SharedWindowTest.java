package eu.indriva.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.indriva.support.Postgres;
import eu.indriva.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Three instances on one API client (issue 12), each with its own limiter, its own connections and
 * six busy threads, sharing only PostgreSQL: the requests of all of them together never exceed 20
 * in any sliding second, even when each request takes a while to be answered, and the cluster keeps
 * using the limit.
 */
class SharedWindowTest {

    @TempDir
    Path dir;

    @Test
    void threeInstancesTogetherStayWithinTheLimitInEverySlidingSecond() throws Exception {
        assumeTrue(Postgres.available(), "PostgreSQL is not running at " + Postgres.URL);
        DriverManagerDataSource migrated = TestDatabase.migrated("postgresql", dir);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(18);
        // each instance its own connection pool, as the application has
        List<com.zaxxer.hikari.HikariDataSource> pools = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (int instance = 0; instance < 3; instance++) {
            com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
            ds.setJdbcUrl(migrated.getUrl());
            ds.setUsername(migrated.getUsername());
            ds.setPassword(migrated.getPassword());
            ds.setMaximumPoolSize(10);
            pools.add(ds);
            SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(20, Duration.ofSeconds(1), Duration.ofMillis(500),
                    new SharedWindow(ds, Duration.ofSeconds(1), Duration.ofSeconds(60)).forClient("https://api.procountor.com|client-1", 20));
            for (int t = 0; t < 6; t++) {
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        try (var slot = limiter.begin()) {
                            starts.add(System.nanoTime());
                            sleep(ThreadLocalRandom.current().nextInt(1, 60)); // the request on its way and its answer
                        } catch (UpstreamException.Busy busy) {
                            // as the registrar does: come back later, nothing sent
                            sleep(20);
                        }
                    }
                });
            }
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        pools.forEach(com.zaxxer.hikari.HikariDataSource::close);

        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        int most = eu.indriva.support.Upstreams.mostWithin(sorted, 1_000_000_000L);
        // the rate over the run (5 s), not between the first and the last request (which leaves the edges out)
        System.out.printf("shared window: %d requests in 5 s (%.1f/s), at most %d in any sliding second%n",
                sorted.size(), sorted.size() / 5.0, most);
        assertThat(most).as("starts in the busiest sliding second, across the three").isLessThanOrEqualTo(20);
        assertThat(sorted.size()).as("the cluster keeps sending while there is work").isGreaterThan(50);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
