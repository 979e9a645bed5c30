package eu.indriva.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The nightly reconciliation starts in the four hours from its hour, in the tenant's zone. */
class NightTest {

    @Test
    void theNightIsFourHoursFromTheHourAcrossMidnightToo() {
        LocalTime two = LocalTime.of(2, 0);
        assertThat(Reconciler.isNight(LocalTime.of(1, 59), two)).isFalse();
        assertThat(Reconciler.isNight(LocalTime.of(2, 0), two)).isTrue();
        assertThat(Reconciler.isNight(LocalTime.of(5, 59), two)).isTrue();
        assertThat(Reconciler.isNight(LocalTime.of(6, 0), two)).isFalse();
        LocalTime late = LocalTime.of(23, 0);
        assertThat(Reconciler.isNight(LocalTime.of(0, 30), late)).isTrue();
        assertThat(Reconciler.isNight(LocalTime.of(22, 59), late)).isFalse();
        assertThat(Reconciler.isNight(LocalTime.of(3, 0), late)).isFalse();
    }
}
