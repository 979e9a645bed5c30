package eu.indriva.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private long now = 1_000_000;
    /** 250 ms apart, at most 3 in flight. */
    private final Pacer pacer = new Pacer(Duration.ofMillis(250), 3, () -> now);

    @Test
    void theFirstItemStartsAtOnceAndTheNextAreBookedOneSpacingApart() {
        assertThat(pacer.admit(0)).isZero();
        assertThat(pacer.admit(0)).isEqualTo(now + 250);
        assertThat(pacer.admit(0)).isEqualTo(now + 500);
        assertThat(pacer.admit(0)).isEqualTo(now + 750);
        assertThat(pacer.inFlight()).isEqualTo(1);
    }

    @Test
    void anItemDeliveredOnItsSlotStartsWithoutQueueingAgain() {
        assertThat(pacer.admit(0)).isZero();
        long slot1 = pacer.admit(0);
        long slot2 = pacer.admit(0);
        pacer.done();
        now = slot1;
        // a newcomer at this moment queues behind the booked ones ...
        assertThat(pacer.admit(0)).isEqualTo(slot2 + 250);
        // ... while the booked item is let in on its slot
        assertThat(pacer.admit(slot1)).isZero();
        now = slot2 - Pacer.TOLERANCE_MS;
        assertThat(pacer.admit(slot2)).isZero();
    }

    @Test
    void aBacklogIsSpreadOverSlotsAtThePaceAndEachItemIsRescheduledOnce() {
        // 40 items arrive at once; each comes back on its slot, starts, and takes 100 ms
        List<long[]> queue = new ArrayList<>();
        int reschedules = 0;
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long slot = pacer.admit(0);
            if (slot == 0) {
                starts.add(now);
                pacer.done();
            } else {
                reschedules++;
                queue.add(new long[] {slot});
            }
        }
        queue.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] item : queue) {
            now = item[0];
            assertThat(pacer.admit(item[0])).as("item booked for %d", item[0]).isZero();
            starts.add(now);
            pacer.done();
        }
        assertThat(reschedules).isEqualTo(39);
        assertThat(starts).hasSize(40);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isEqualTo(250);
        }
    }

    @Test
    void itemsBookedAsTheyAreQueuedStartOnTheirSlotsAndNewcomersQueueBehindThem() {
        long first = pacer.book();
        long second = pacer.book();
        assertThat(first).isEqualTo(now);
        assertThat(second).isEqualTo(now + 250);
        assertThat(pacer.admit(first)).isZero();
        // an unbooked item now waits behind both bookings
        assertThat(pacer.admit(0)).isEqualTo(now + 500);
        now = second;
        assertThat(pacer.admit(second)).isZero();
        assertThat(pacer.inFlight()).isEqualTo(2);
    }

    @Test
    void atItsInFlightCapATenantGetsALaterSlotEvenWhenThePaceAllows() {
        Pacer wide = new Pacer(Duration.ZERO, 2, () -> now);
        assertThat(wide.admit(0)).isZero();
        assertThat(wide.admit(0)).isZero();
        long slot = wide.admit(0);
        assertThat(slot).isGreaterThan(now);
        // a booked item too waits while the cap is reached
        assertThat(wide.admit(now)).isGreaterThan(now);
        wide.done();
        assertThat(wide.admit(0)).isZero();
        assertThat(wide.inFlight()).isEqualTo(2);
    }

    @Test
    void thePaceOfALimitLeavesHeadroomAndAtMostOneSecondOfItemsInFlight() {
        // 20 requests/s, 5 per item, 10 % for other work: 3.6 items/s
        Pacer p = Pacer.forLimit(20, 5, 0.1, () -> now);
        assertThat(p.spacing().toMillis()).isEqualTo(277);
        assertThat(p.maxInFlight()).isEqualTo(4);
        // limits lifted (bench): no practical cap
        Pacer lifted = Pacer.forLimit(100_000, 5, 0.1, () -> now);
        assertThat(lifted.maxInFlight()).isEqualTo(18_000);
    }

    @Test
    void doneNeverGoesBelowZero() {
        pacer.done();
        assertThat(pacer.inFlight()).isZero();
        assertThat(pacer.admit(0)).isZero();
    }

    @Test
    void aNegativeSpacingOrNoRoomInFlightIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pacer(Duration.ofMillis(-1), 1, () -> now));
        assertThatIllegalArgumentException().isThrownBy(() -> new Pacer(Duration.ofMillis(1), 0, () -> now));
    }
}
