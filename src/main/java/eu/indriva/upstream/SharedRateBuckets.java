package eu.indriva.upstream;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Procountor's limit for all instances together (issue 12), with Bucket4j's PostgreSQL token
 * bucket (table rate_bucket, one row per API client, updated under SELECT ... FOR UPDATE): a
 * bucket of one token, refilled at intervals of one second ÷ (limit − 1). Any sliding second then
 * holds at most {@code limit} starts across the cluster: the tokens a window can use were made in
 * a window one interval longer, which holds {@code limit} intervals, not more; and the rate used
 * while there is work is (limit − 1) ÷ limit of it (95 % of 20/s). A caller that would wait longer
 * than its max wait takes nothing and is told when to come back. The instances' clocks must agree
 * (NTP) to well under one interval (53 ms at 20/s).
 */
public final class SharedRateBuckets {

    private final ProxyManager<Long> buckets;
    private final BucketConfiguration configuration;
    private final long intervalNanos;

    public SharedRateBuckets(DataSource dataSource, int requestsPerSecond) {
        if (requestsPerSecond < 2) {
            throw new IllegalArgumentException("a shared limit needs at least 2 requests per second");
        }
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).table("rate_bucket").idColumn("id")
                .stateColumn("state").build();
        // rounded up: never more than requestsPerSecond in any second
        this.intervalNanos = (1_000_000_000L + requestsPerSecond - 2) / (requestsPerSecond - 1);
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillIntervally(1, Duration.ofNanos(intervalNanos)).build())
                .build();
    }

    /** The shared slots of one API client (the key the local limiter uses: base URL and client id). */
    public SharedRate forClient(String clientKey) {
        BucketProxy bucket = buckets.builder().build(id(clientKey), () -> configuration);
        return maxWaitNanos -> {
            boolean taken;
            try {
                taken = bucket.asBlocking().tryConsume(1, Math.max(0, maxWaitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Transient("interrupted while waiting for the shared rate limit");
            }
            if (!taken) {
                long wait = Math.max(intervalNanos, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
                throw new UpstreamException.Busy("the API client's shared rate limit is in use by the cluster",
                        Instant.now().plusNanos(wait));
            }
        };
    }

    /** A stable 64-bit id of the client key (the table's primary key). */
    static long id(String clientKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(clientKey.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = id << 8 | (h[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
