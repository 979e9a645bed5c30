package eu.indriva.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.outbound.BacklogGate.Verdict;
import eu.indriva.support.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BacklogGateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final BacklogGate gate = new BacklogGate(100, Duration.ofSeconds(2), clock);
    private final BacklogGate.Watch watch = new BacklogGate.Watch();

    /** The verdict for this backlog, then the clock moves on by one check. */
    private Verdict check(int waiting) {
        Verdict v = gate.check(waiting, watch);
        clock.advance(BacklogGate.CHECK_EVERY);
        return v;
    }

    @Test
    void aBacklogWithinTheLimitGoesOn() {
        assertThat(check(100)).isEqualTo(Verdict.GO);
        assertThat(check(0)).isEqualTo(Verdict.GO);
    }

    @Test
    void aBacklogOverTheLimitWaitsUntilRegistrationHasCaughtUp() {
        assertThat(check(250)).isEqualTo(Verdict.WAIT);
        assertThat(check(240)).isEqualTo(Verdict.WAIT);
        assertThat(check(240)).isEqualTo(Verdict.WAIT);
        assertThat(check(101)).isEqualTo(Verdict.WAIT);
        assertThat(check(100)).isEqualTo(Verdict.GO);
    }

    @Test
    void keepsWaitingAsLongAsTheBacklogShrinks() {
        // 100 checks (50 s, 25 times the stall timeout), each one smaller than the last
        for (int i = 0; i < 100; i++) {
            assertThat(check(300 - i)).as("check %d", i).isEqualTo(Verdict.WAIT);
        }
    }

    @Test
    void stallsWhenRegistrationMakesNoProgressForTheStallTimeout() {
        assertThat(check(150)).isEqualTo(Verdict.WAIT);
        assertThat(check(140)).isEqualTo(Verdict.WAIT);
        // from the last progress, 2 s = 4 checks of 500 ms without a smaller backlog
        assertThat(check(140)).isEqualTo(Verdict.WAIT);
        assertThat(check(140)).isEqualTo(Verdict.WAIT);
        assertThat(check(141)).isEqualTo(Verdict.WAIT);
        assertThat(check(140)).isEqualTo(Verdict.STALLED);
    }

    @Test
    void aGoStartsTheNextWaitAfresh() {
        assertThat(check(150)).isEqualTo(Verdict.WAIT);
        clock.advance(Duration.ofSeconds(1));
        assertThat(check(90)).isEqualTo(Verdict.GO);
        clock.advance(Duration.ofSeconds(10));
        // a new wait, long after the last progress: not a stall
        assertThat(check(200)).isEqualTo(Verdict.WAIT);
        assertThat(check(200)).isEqualTo(Verdict.WAIT);
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new BacklogGate(0, Duration.ofSeconds(1), Clock.systemUTC()))
                .hasMessageContaining("indriva.poll.max-backlog");
    }
}
