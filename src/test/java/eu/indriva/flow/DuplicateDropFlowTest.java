package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.indriva.claim.ClaimTicket;
import eu.indriva.outbound.RegistrationQueue;
import eu.indriva.support.AppTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The broker drops a ticket queued twice (issue 10, operations): that is the design, so it is
 * counted in a metric instead of a WARN with the whole message dumped.
 */
@ExtendWith(OutputCaptureExtension.class)
class DuplicateDropFlowTest extends AppTestBase {

    @Autowired
    RegistrationQueue queue;

    @Autowired
    MeterRegistry meters;

    @Test
    void aDuplicateTheBrokerDropsIsCountedNotLogged(CapturedOutput output) {
        double before = dropped();
        ClaimTicket ticket = new ClaimTicket("no-such-tenant", UUID.randomUUID().toString(), "k1", 0);

        queue.send(List.of(ticket));
        queue.send(List.of(ticket));
        queue.send(List.of(ticket));

        await().atMost(Duration.ofSeconds(5)).until(() -> dropped() - before >= 2);
        assertThat(dropped() - before).isEqualTo(2);
        assertThat(output.getAll()).doesNotContain("AMQ222059");
    }

    private double dropped() {
        var c = meters.find("indriva.broker.duplicates.dropped").counter();
        return c == null ? 0 : c.count();
    }
}
