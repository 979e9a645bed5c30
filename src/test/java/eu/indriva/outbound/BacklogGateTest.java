package eu.indriva.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BacklogGateTest {

    /** A clock that moves only when the gate sleeps. */
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private int sleeps;
    private final BacklogGate gate = new BacklogGate(100, Duration.ofSeconds(2), new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }, d -> {
        sleeps++;
        now = now.plus(d);
    });

    private static java.util.function.IntSupplier backlog(Integer... values) {
        Deque<Integer> left = new ArrayDeque<>(List.of(values));
        return () -> left.size() > 1 ? left.poll() : left.peek();
    }

    @Test
    void aBacklogWithinTheLimitDoesNotWait() {
        assertThat(gate.await(backlog(100))).isTrue();
        assertThat(sleeps).isZero();
    }

    @Test
    void waitsUntilRegistrationHasCaughtUp() {
        assertThat(gate.await(backlog(250, 240, 240, 180, 101, 100))).isTrue();
        assertThat(sleeps).isEqualTo(5);
    }

    @Test
    void keepsWaitingAsLongAsTheBacklogShrinks() {
        // 100 checks (25 s, more than ten times the stall timeout), each one smaller than the last
        Integer[] toLimit = IntStream.rangeClosed(0, 100).map(i -> 200 - i).boxed().toArray(Integer[]::new);
        assertThat(gate.await(backlog(toLimit))).isTrue();
        assertThat(sleeps).isEqualTo(100);
    }

    @Test
    void givesUpWhenRegistrationMakesNoProgressForTheStallTimeout() {
        assertThat(gate.await(backlog(150, 140, 140))).isFalse();
        // 1 check with progress, then 2 s (8 checks of 250 ms) without
        assertThat(sleeps).isEqualTo(9);
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new BacklogGate(0, Duration.ofSeconds(1), Clock.systemUTC(), d -> { }))
                .hasMessageContaining("indriva.poll.max-backlog");
    }
}
