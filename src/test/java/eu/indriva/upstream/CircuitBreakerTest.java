package eu.indriva.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import eu.indriva.support.MutableClock;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker("procountor https://api.example", 3, Duration.ofSeconds(60), clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.acquire();
            breaker.failure();
        }
    }

    @Test
    void aRefusalSaysWhenTheNextTrialIsDueSoQueuedWorkWaitsForItInsteadOfSpendingAttempts() {
        fail(3);
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(breaker::acquire).isInstanceOfSatisfying(UpstreamException.Busy.class,
                busy -> assertThat(busy.until()).isEqualTo(Instant.parse("2025-06-15T10:01:00Z")));
        // when the trial is due, one caller gets it; the others are told to ask again a second later
        clock.advance(Duration.ofSeconds(40));
        breaker.acquire();
        assertThatThrownBy(breaker::acquire).isInstanceOfSatisfying(UpstreamException.Busy.class,
                busy -> assertThat(busy.until()).isEqualTo(clock.instant().plus(CircuitBreaker.TRIAL_WAIT)));
    }

    @Test
    void aNewBreakerIsClosed() {
        assertThat(breaker.isOpen()).isFalse();
        assertThatCode(breaker::acquire).doesNotThrowAnyException();
        assertThat(breaker.name()).isEqualTo("procountor https://api.example");
    }

    @Test
    void staysClosedBelowTheThreshold() {
        fail(2);

        assertThat(breaker.isOpen()).isFalse();
        assertThatCode(breaker::acquire).doesNotThrowAnyException();
    }

    @Test
    void opensAfterThresholdConsecutiveFailuresAndRefusesWithATransientError() {
        fail(3);

        assertThat(breaker.isOpen()).isTrue();
        assertThatThrownBy(breaker::acquire).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("circuit open for procountor https://api.example")
                .hasMessageContaining("3 consecutive failures");
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(breaker::acquire).isInstanceOf(UpstreamException.Transient.class);
    }

    @Test
    void aSuccessResetsTheCount() {
        fail(2);
        breaker.acquire();
        breaker.success();
        fail(2);

        assertThat(breaker.isOpen()).isFalse();
        assertThatCode(breaker::acquire).doesNotThrowAnyException();
    }

    @Test
    void afterOpenForOneTrialGoesThroughAndOthersAreRefusedMeanwhile() {
        fail(3);
        clock.advance(Duration.ofSeconds(60));

        assertThat(breaker.isOpen()).isFalse();
        assertThatCode(breaker::acquire).as("the trial").doesNotThrowAnyException();
        assertThatThrownBy(breaker::acquire).as("a second caller while the trial runs")
                .isInstanceOf(UpstreamException.Transient.class);
    }

    @Test
    void aSuccessfulTrialClosesTheCircuit() {
        fail(3);
        clock.advance(Duration.ofSeconds(61));
        breaker.acquire();

        breaker.success();

        assertThat(breaker.isOpen()).isFalse();
        for (int i = 0; i < 5; i++) {
            assertThatCode(breaker::acquire).doesNotThrowAnyException();
        }
        // the count starts from zero again: it takes the full threshold to open it
        fail(2);
        assertThatCode(breaker::acquire).doesNotThrowAnyException();
    }

    @Test
    void aFailedTrialOpensTheCircuitAgainForOpenFor() {
        fail(3);
        clock.advance(Duration.ofSeconds(61));
        breaker.acquire();

        breaker.failure();

        assertThat(breaker.isOpen()).isTrue();
        assertThatThrownBy(breaker::acquire).isInstanceOf(UpstreamException.Transient.class);
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(breaker::acquire).isInstanceOf(UpstreamException.Transient.class);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(breaker::acquire).as("the next trial").doesNotThrowAnyException();
    }

    @Test
    void abandoningATrialLetsTheNextCallerTryWithoutCountingAFailure() {
        fail(3);
        clock.advance(Duration.ofSeconds(60));
        breaker.acquire();

        breaker.abandon();

        assertThat(breaker.isOpen()).isFalse();
        assertThatCode(breaker::acquire).as("a new trial").doesNotThrowAnyException();
        breaker.success();
        assertThatCode(breaker::acquire).doesNotThrowAnyException();
    }

    @Test
    void abandoningWhileClosedChangesNothing() {
        fail(2);
        breaker.acquire();

        breaker.abandon();

        assertThatCode(breaker::acquire).doesNotThrowAnyException();
        breaker.failure();
        assertThat(breaker.isOpen()).as("the third failure still opens it").isTrue();
    }
}
