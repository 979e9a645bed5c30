package eu.indriva.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class SpreadTest {

    private static final Duration TICK = Duration.ofSeconds(10);

    @Test
    void aQuarterMoreThanTheIntervalsAskForAndAtLeastOne() {
        // 5,000 tenants every 15 minutes: 5.56 polls/s, 55.6 per 10-second tick, 69.4 with the quarter
        assertThat(Spread.perTick(5000 / 900.0, TICK)).isEqualTo(71);
        assertThat(Spread.perTick(0, TICK)).isEqualTo(1);
        assertThat(Spread.perTick(1 / 3600.0, TICK)).isEqualTo(2);
    }

    @Test
    void fiveThousandTenantsDueAtOnceArePolledOverTheirIntervalAndStaySpread() {
        int tenants = 5000;
        long interval = 900;
        int budget = Spread.perTick(tenants / (double) interval, TICK);
        // next-due times (s) and tenant numbers, all due at 0: a first start
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 0; i < tenants; i++) {
            due.add(new long[] {0, i});
        }
        int[] perTick = new int[(int) (3 * interval / 10)];
        long lastOfFirstRound = 0;
        int polled = 0;
        for (int tick = 0; tick < perTick.length; tick++) {
            long now = tick * 10L;
            for (int n = 0; n < budget && !due.isEmpty() && due.peek()[0] <= now; n++) {
                long[] t = due.poll();
                perTick[tick]++;
                if (polled++ < tenants) {
                    lastOfFirstRound = now;
                }
                due.add(new long[] {now + interval, t[1]});
            }
        }
        // the first round ends within the interval, and no tick starts more than the budget
        assertThat(lastOfFirstRound).isLessThan(interval);
        assertThat(java.util.Arrays.stream(perTick).max().orElse(0)).isLessThanOrEqualTo(budget);
        // later rounds keep the spread: every tenant polled once in the third interval, never a burst
        int thirdRound = 0;
        for (int tick = 180; tick < 270; tick++) {
            thirdRound += perTick[tick];
        }
        assertThat(thirdRound).isEqualTo(tenants);
    }
}
