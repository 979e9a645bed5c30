package eu.indriva.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntakeLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final IntakeLimiter limiter = new IntakeLimiter(10, 20, 1000, nanos::get);

    @Test
    void aBurstIsTakenThenTheRateHoldsAndTheWaitIsSaid() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.take("big")).as("burst %d", i).isZero();
        }
        assertThat(limiter.take("big")).isEqualTo(1);
        nanos.addAndGet(100_000_000L); // 0.1 s: one token back at 10/s
        assertThat(limiter.take("big")).isZero();
        assertThat(limiter.take("big")).isPositive();
        // over 10 s at most the burst plus 10/s is taken
        int taken = 0;
        for (int tick = 0; tick < 1000; tick++) {
            nanos.addAndGet(10_000_000L);
            for (int i = 0; i < 5; i++) {
                if (limiter.take("big") == 0) {
                    taken++;
                }
            }
        }
        assertThat(taken).isBetween(99, 101);
    }

    @Test
    void oneKeysFloodLeavesTheOthersTheirShare() {
        for (int i = 0; i < 500; i++) {
            limiter.take("big");
        }
        assertThat(limiter.take("small")).isZero();
        assertThat(limiter.take("unknown-tenants")).isZero();
    }

    @Test
    void theBucketsAreBounded() {
        IntakeLimiter few = new IntakeLimiter(1, 1, 2, nanos::get);
        assertThat(few.take("a")).isZero();
        assertThat(few.take("a")).isPositive();
        few.take("b");
        few.take("c");
        // "a" was the least recently seen and was dropped: it comes back with a full bucket
        assertThat(few.take("a")).isZero();
    }
}
