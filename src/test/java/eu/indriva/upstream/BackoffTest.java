package eu.indriva.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void doublesFromTheInitialDelay() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void isCappedAtTheMaximum() {
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(31)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void neverOverflowsForLargeAttempts() {
        for (int attempt : new int[] {32, 33, 63, 64, 65, 100, 1_000, Integer.MAX_VALUE}) {
            assertThat(backoff.delayAfter(attempt)).as("attempt %d", attempt).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void neverOverflowsWithALargeInitialDelayEither() {
        Backoff slow = new Backoff(Duration.ofDays(1), Duration.ofDays(7));

        assertThat(slow.delayAfter(2)).isEqualTo(Duration.ofDays(2));
        assertThat(slow.delayAfter(30)).isEqualTo(Duration.ofDays(7));
        assertThat(slow.delayAfter(100)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void isMonotonicAndNeverNegative() {
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 200; attempt++) {
            Duration d = backoff.delayAfter(attempt);
            assertThat(d).isGreaterThanOrEqualTo(previous).isPositive();
            previous = d;
        }
    }

    @Test
    void attemptZeroOrBelowIsTheInitialDelay() {
        assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(-3)).isEqualTo(Duration.ofSeconds(5));
    }
}
