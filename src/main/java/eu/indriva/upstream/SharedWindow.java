package eu.indriva.upstream;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An accounting API's limit for all instances together (issue 12; Procountor's 20 per second): the sliding window each instance
 * keeps in memory ({@link SlidingWindowRateLimiter}), kept in PostgreSQL for all of them. A
 * request takes a place (a row of rate_request) while fewer than {@code limit} requests of its API
 * client are in flight or were answered less than a window ago, and marks it answered when its
 * answer arrives. The places of one API client are counted under a row lock of rate_client
 * (SELECT ... FOR UPDATE), so two instances never both take the last place. Times are the
 * database's (clock_timestamp()), so the instances' own clocks do not matter.
 *
 * <p>Counted from the answer, the limit holds at the upstream whatever delays a request on its way
 * (a GC pause, a busy machine): take the request of a sliding second at the upstream that was sent
 * last; every other request of that second was in flight or answered within a second when it took
 * its place, so there were at most {@code limit} of them. A token bucket counted from the send saw
 * 21 in a second on a busy 2-core machine (ClusterFlowTest), which is why this is not one.
 *
 * <p>A place whose answer never comes (its instance died) stops counting after {@code staleAfter}.
 */
public final class SharedWindow {

    private static final Logger log = LoggerFactory.getLogger(SharedWindow.class);
    /** How often a full window of requests still in flight is looked at again. */
    private static final long IN_FLIGHT_POLL_NANOS = 20_000_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long windowMillis;
    private final long staleAfterMillis;

    public SharedWindow(DataSource dataSource, Duration window, Duration staleAfter) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.windowMillis = window.toMillis();
        this.staleAfterMillis = staleAfter.toMillis();
    }

    /**
     * The shared places of one API client.
     *
     * @param clientKey the key the local limiter uses (the system and its API client)
     * @param limit the requests per window the system allows the client
     */
    public SharedRate forClient(String clientKey, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a shared limit needs at least 1 request per window");
        }
        String client = clientKey.length() > 200 ? clientKey.substring(0, 200) : clientKey;
        jdbc.update("INSERT INTO rate_client (id) VALUES (?) ON CONFLICT (id) DO NOTHING", client);
        return maxWaitNanos -> take(client, limit, maxWaitNanos);
    }

    private record Attempt(Long place, long waitNanos) {}

    private SharedRate.Place take(String client, int limit, long maxWaitNanos) {
        long deadline = System.nanoTime() + Math.max(0, maxWaitNanos);
        while (true) {
            Attempt a = tx.execute(s -> attempt(client, limit));
            if (a.place() != null) {
                long id = a.place();
                return () -> answered(id);
            }
            if (System.nanoTime() + a.waitNanos() - deadline > 0) {
                throw new UpstreamException.Busy("the API client's shared rate limit of " + limit + " per "
                        + windowMillis + " ms is in use by the cluster", Instant.now().plusNanos(Math.max(a.waitNanos(), IN_FLIGHT_POLL_NANOS)));
            }
            LockSupport.parkNanos(a.waitNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Transient("interrupted while waiting for the shared rate limit");
            }
        }
    }

    /** In one transaction, under the client's row lock: a place now, or how long until one may free up. */
    private Attempt attempt(String client, int limit) {
        jdbc.queryForObject("SELECT id FROM rate_client WHERE id = ? FOR UPDATE", String.class, client);
        jdbc.update("""
                DELETE FROM rate_request WHERE client_id = ?
                AND (answered_at < clock_timestamp() - make_interval(secs => ?)
                     OR answered_at IS NULL AND started_at < clock_timestamp() - make_interval(secs => ?))""",
                client, windowMillis / 1000.0, staleAfterMillis / 1000.0);
        List<Object[]> counted = jdbc.query("""
                SELECT COUNT(*), MIN(answered_at), clock_timestamp() FROM rate_request WHERE client_id = ?""",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getTimestamp(2), rs.getTimestamp(3)}, client);
        long places = (Long) counted.get(0)[0];
        if (places < limit) {
            Long id = jdbc.queryForObject("INSERT INTO rate_request (client_id, started_at) VALUES (?, clock_timestamp()) RETURNING id",
                    Long.class, client);
            return new Attempt(id, 0);
        }
        Timestamp oldestAnswer = (Timestamp) counted.get(0)[1];
        Timestamp now = (Timestamp) counted.get(0)[2];
        long wait = oldestAnswer == null ? IN_FLIGHT_POLL_NANOS
                : Math.max(IN_FLIGHT_POLL_NANOS, Duration.between(now.toInstant(), oldestAnswer.toInstant().plusMillis(windowMillis)).toNanos());
        return new Attempt(null, wait);
    }

    private void answered(long place) {
        try {
            jdbc.update("UPDATE rate_request SET answered_at = clock_timestamp() WHERE id = ? AND answered_at IS NULL", place);
        } catch (RuntimeException e) {
            // not marked: the place counts as in flight until it is stale, which only slows the client down
            log.warn("could not mark a shared rate place answered: {}", e.getClass().getSimpleName());
        }
    }
}
