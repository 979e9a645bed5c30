package eu.indriva.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlidingWindowRateLimiterTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final Duration WINDOW = Duration.ofSeconds(1);

    /** A nano clock that only moves when told to, and a sleeper that moves it. */
    private static final class FakeTime {
        final AtomicLong now;
        final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

        FakeTime(long start) {
            now = new AtomicLong(start);
        }

        long nanoTime() {
            return now.get();
        }

        void sleep(long nanos) {
            assertThat(nanos).as("the limiter never asks to sleep a non-positive time").isPositive();
            sleeps.add(nanos);
            now.addAndGet(nanos);
        }

        void advance(long nanos) {
            now.addAndGet(nanos);
        }

        SlidingWindowRateLimiter limiter(int permits) {
            return new SlidingWindowRateLimiter(permits, WINDOW, this::nanoTime, this::sleep);
        }
    }

    /** Largest number of grants inside any half-open window [t, t + window), times compared by difference. */
    private static int busiestWindow(List<Long> grants, long windowNanos) {
        int worst = 0;
        int j = 0;
        for (int i = 0; i < grants.size(); i++) {
            if (j < i) {
                j = i;
            }
            while (j + 1 < grants.size() && grants.get(j + 1) - grants.get(i) < windowNanos) {
                j++;
            }
            worst = Math.max(worst, j - i + 1);
        }
        return worst;
    }

    @Test
    void refusesANonPositivePermitCount() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SlidingWindowRateLimiter(0, WINDOW));
    }

    @Test
    void theFirstPermitsDoNotWait() {
        FakeTime t = new FakeTime(0);
        SlidingWindowRateLimiter limiter = t.limiter(20);

        for (int i = 0; i < 20; i++) {
            limiter.acquire();
        }

        assertThat(t.sleeps).isEmpty();
        assertThat(t.nanoTime()).isZero();
    }

    @Test
    void theNextOneWaitsUntilTheOldestGrantLeavesTheWindow() {
        FakeTime t = new FakeTime(5 * SECOND);
        SlidingWindowRateLimiter limiter = t.limiter(5);
        long first = t.nanoTime();
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
            t.advance(100 * MS);
        }
        assertThat(t.sleeps).isEmpty();

        limiter.acquire();

        long granted = t.nanoTime();
        assertThat(granted - first).as("not before the first grant is a full window old").isGreaterThanOrEqualTo(SECOND);
        assertThat(granted - first).as("but not much later either").isLessThanOrEqualTo(SECOND + 5 * MS);
        assertThat(t.sleeps).hasSize(1);
    }

    @Test
    void aCallerThatWouldWaitLongerThanItsMaxWaitIsToldWhenToComeBackInsteadOfWaiting() {
        FakeTime t = new FakeTime(5 * SECOND);
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(5, WINDOW, Duration.ofMillis(300), t::nanoTime, t::sleep);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
            t.advance(100 * MS);
        }
        // the oldest grant leaves the window 500 ms from now: more than the 300 ms a caller may wait
        java.time.Instant before = java.time.Instant.now();
        assertThatThrownBy(limiter::acquire).isInstanceOfSatisfying(UpstreamException.Busy.class, busy ->
                assertThat(Duration.between(before, busy.until()).toMillis()).isBetween(450L, 1_000L));
        assertThat(t.sleeps).as("it did not wait").isEmpty();
        // 250 ms later the wait is 250 ms, within the bound: it waits and is granted
        t.advance(250 * MS);
        limiter.acquire();
        assertThat(t.sleeps).hasSize(1);
    }

    @Test
    void aPauseLongerThanTheMaxWaitIsBusyUntilThePauseEnds() {
        FakeTime t = new FakeTime(0);
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(20, WINDOW, Duration.ofMillis(500), t::nanoTime, t::sleep);
        limiter.pause(Duration.ofSeconds(30));
        java.time.Instant before = java.time.Instant.now();
        assertThatThrownBy(limiter::acquire).isInstanceOfSatisfying(UpstreamException.Busy.class, busy -> {
            assertThat(Duration.between(before, busy.until()).toSeconds()).isBetween(29L, 31L);
            assertThat(busy).hasMessageContaining("pause");
        });
        assertThat(t.sleeps).isEmpty();
    }

    @Test
    void afterTheWindowHasPassedTheFullBudgetIsBack() {
        FakeTime t = new FakeTime(0);
        SlidingWindowRateLimiter limiter = t.limiter(3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        t.advance(SECOND);

        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }

        assertThat(t.sleeps).isEmpty();
    }

    @Test
    void noSlidingWindowEverHoldsMoreThanThePermitsOverAThousandAcquires() {
        FakeTime t = new FakeTime(123_456_789L);
        SlidingWindowRateLimiter limiter = t.limiter(20);
        Random random = new Random(42);
        List<Long> grants = new ArrayList<>();

        for (int i = 0; i < 1000; i++) {
            if (random.nextInt(4) == 0) {
                t.advance(random.nextInt(120) * MS);
            }
            limiter.acquire();
            grants.add(t.nanoTime());
        }

        assertThat(busiestWindow(grants, SECOND)).isLessThanOrEqualTo(20);
        // and it is not needlessly slow: 1000 grants at 20/s need about 50 windows
        long elapsed = grants.get(grants.size() - 1) - grants.get(0);
        assertThat(elapsed).isBetween(49 * SECOND, 60 * SECOND);
    }

    @Test
    void pauseBlocksTheNextAcquireForThePause() {
        FakeTime t = new FakeTime(0);
        SlidingWindowRateLimiter limiter = t.limiter(20);
        limiter.acquire();
        long pausedAt = t.nanoTime();

        limiter.pause(Duration.ofSeconds(3));
        limiter.acquire();

        assertThat(t.nanoTime() - pausedAt).isGreaterThanOrEqualTo(3 * SECOND).isLessThan(3 * SECOND + 10 * MS);
    }

    @Test
    void aShorterPauseDoesNotCutALongerOneShort() {
        FakeTime t = new FakeTime(0);
        SlidingWindowRateLimiter limiter = t.limiter(20);

        limiter.pause(Duration.ofSeconds(5));
        t.advance(SECOND);
        limiter.pause(Duration.ofSeconds(1));
        limiter.acquire();

        assertThat(t.nanoTime()).isGreaterThanOrEqualTo(5 * SECOND);
    }

    @Test
    void aPauseThatIsOverDoesNotDelayAnything() {
        FakeTime t = new FakeTime(0);
        SlidingWindowRateLimiter limiter = t.limiter(20);
        limiter.pause(Duration.ofSeconds(1));
        t.advance(2 * SECOND);

        limiter.acquire();

        assertThat(t.sleeps).isEmpty();
    }

    @Test
    void pauseHoldsBackEveryThreadSharingTheLimiter() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(20, WINDOW);
        long pauseStart = System.nanoTime();
        limiter.pause(Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> grants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                grants.add(pool.submit(() -> {
                    limiter.acquire();
                    return System.nanoTime();
                }));
            }
            for (Future<Long> g : grants) {
                assertThat(g.get(5, TimeUnit.SECONDS) - pauseStart).isGreaterThanOrEqualTo(300 * MS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "nanoTime starting at {0}")
    @ValueSource(longs = {Long.MIN_VALUE, -7_000_000_000L, -1L, Long.MAX_VALUE - 1_500 * 1_000_000L, Long.MAX_VALUE})
    void worksWhereverNanoTimeStartsIncludingAcrossOverflow(long start) {
        FakeTime t = new FakeTime(start);
        SlidingWindowRateLimiter limiter = t.limiter(5);
        List<Long> grants = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 40; i++) {
                limiter.acquire();
                grants.add(t.nanoTime());
                t.advance(50 * MS);
            }
        });

        assertThat(t.sleeps).allSatisfy(s -> assertThat(s).isBetween(1L, SECOND + 5 * MS));
        assertThat(busiestWindow(grants, SECOND)).isLessThanOrEqualTo(5);
        // 40 grants at 5/s: about 7 windows after the first, not more
        assertThat(grants.get(39) - grants.get(0)).isBetween(7 * SECOND, 8 * SECOND);
    }

    @ParameterizedTest(name = "nanoTime starting at {0}")
    @ValueSource(longs = {Long.MIN_VALUE, -1L, Long.MAX_VALUE - 500 * 1_000_000L})
    void aPauseAcrossOverflowEndsOnTime(long start) {
        FakeTime t = new FakeTime(start);
        SlidingWindowRateLimiter limiter = t.limiter(5);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            limiter.pause(Duration.ofSeconds(2));
            limiter.acquire();
        });

        assertThat(t.nanoTime() - start).isBetween(2 * SECOND, 2 * SECOND + 10 * MS);
    }

    @Test
    void concurrentCallersWithTheRealClockNeverExceedTheLimitInAnyOneSecondWindow() throws Exception {
        // the limiter reads the clock once per grant, inside its lock: remember per thread what it read last
        ThreadLocal<Long> lastRead = new ThreadLocal<>();
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(20, WINDOW, () -> {
            long now = System.nanoTime();
            lastRead.set(now);
            return now;
        }, nanos -> java.util.concurrent.locks.LockSupport.parkNanos(nanos));
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 15; i++) {
                        limiter.acquire();
                        grants.add(lastRead.get());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : workers) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> sorted = new ArrayList<>(grants);
        sorted.sort((a, b) -> Long.compare(a - b, 0));
        assertThat(sorted).hasSize(120);
        assertThat(busiestWindow(sorted, SECOND)).isLessThanOrEqualTo(20);
        assertThat(sorted.get(119) - sorted.get(0)).as("120 grants at 20/s span at least 5 s").isGreaterThanOrEqualTo(5 * SECOND);
    }

    @Test
    void aSlotCountsUntilOneWindowAfterItsAnswerNotItsSend() {
        FakeTime time = new FakeTime(0);
        SlidingWindowRateLimiter limiter = time.limiter(1);
        SlidingWindowRateLimiter.Slot slow = limiter.begin();
        time.advance(800 * MS);
        slow.close(); // answered 800 ms after it was sent

        time.advance(300 * MS); // 1.1 s after the send, 0.3 s after the answer
        limiter.begin().close();

        assertThat(time.sleeps).as("the next request waited until one window after the slow one's answer").hasSize(1);
        assertThat(time.now.get()).isGreaterThanOrEqualTo(1_800 * MS);
    }

    @Test
    void slotsStillInFlightHoldTheWindowFull() {
        FakeTime time = new FakeTime(-5 * SECOND);
        SlidingWindowRateLimiter limiter = time.limiter(1);
        SlidingWindowRateLimiter.Slot first = limiter.begin();
        time.advance(3 * SECOND);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // nobody may start while the only slot is in flight, however long ago it was sent
            Future<?> second = other.submit(() -> limiter.begin().close());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                while (time.sleeps.isEmpty()) {
                    Thread.onSpinWait();
                }
            });
            assertThat(second.isDone()).isFalse();
            first.close();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> second.get());
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * What the upstream sees: requests arrive after a random delay, and a slot is closed when the
     * answer comes back. However the delays fall, no window of arrivals holds more than the limit.
     */
    @Test
    void theUpstreamNeverSeesMoreThanTheLimitWhateverTheDelays() {
        FakeTime time = new FakeTime(0);
        SlidingWindowRateLimiter limiter = time.limiter(20);
        Random random = new Random(42);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            SlidingWindowRateLimiter.Slot slot = limiter.begin();
            long delay = random.nextInt(10) == 0 ? 400 * MS : random.nextInt(20) * MS;
            arrivals.add(time.now.get() + delay);
            time.advance(delay + random.nextInt(5) * MS);
            slot.close();
        }
        Collections.sort(arrivals);
        assertThat(busiestWindow(arrivals, SECOND)).isLessThanOrEqualTo(20);
    }
}
