package eu.indriva.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.claim.ClaimTicket;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The registration queue's batches against a real (embedded, persistent) Artemis broker. */
class RegistrationQueueTest {

    private static final int IN_VM_ID = 4711;

    @TempDir
    Path dir;

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;
    private RegistrationQueue queue;

    @BeforeAll
    static void quietBroker() {
        // the broker's audit log writes a line per message; the app sets it to WARN as well
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.activemq")).setLevel(Level.WARN);
    }

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        // an in-VM id of its own: the application contexts of other tests in this JVM run brokers on vm://0
        config.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                Map.of(TransportConstants.SERVER_ID_PROP_NAME, IN_VM_ID)));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://" + IN_VM_ID);
        queue = new RegistrationQueue(factory);
    }

    @AfterEach
    void stop() throws Exception {
        factory.close();
        broker.stop();
    }

    @Test
    void aPageOfTicketsIsQueuedWhole() throws Exception {
        List<ClaimTicket> page = tickets(0, 450);

        queue.send(page);

        assertThat(drain()).containsExactlyElementsOf(page);
        assertThat(queue.fallbacks()).as("each batch went in one transaction").isZero();
    }

    @Test
    void aBatchHoldingTicketsAlreadyQueuedQueuesTheNewOnesOnce() throws Exception {
        queue.send(tickets(0, 3));
        // a second poll (or recovery) sends the same three again, with two new ones in between
        List<ClaimTicket> again = new ArrayList<>(tickets(0, 3));
        again.add(1, ticket(10));
        again.add(ticket(11));

        queue.send(again);

        assertThat(drain()).containsExactlyInAnyOrder(ticket(0), ticket(1), ticket(2), ticket(10), ticket(11));
        assertThat(queue.fallbacks()).as("the first batch went in one transaction, the second fell back").isEqualTo(1);
    }

    @Test
    void aSingleTicketSentTwiceIsQueuedOnce() throws Exception {
        queue.send(List.of(ticket(7)));
        queue.send(List.of(ticket(7)));
        // a new dispatch of the same claim is a new ticket
        queue.send(List.of(new ClaimTicket("t1", "7", "key-7b", 0)));

        assertThat(drain()).containsExactly(ticket(7), new ClaimTicket("t1", "7", "key-7b", 0));
    }

    private static List<ClaimTicket> tickets(int from, int to) {
        return IntStream.range(from, to).mapToObj(RegistrationQueueTest::ticket).toList();
    }

    private static ClaimTicket ticket(int i) {
        return new ClaimTicket("t1", String.valueOf(i), "key-" + i, 0);
    }

    private List<ClaimTicket> drain() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<ClaimTicket> got = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(RegistrationQueue.QUEUE));
            for (Message m = consumer.receive(2000); m != null; m = consumer.receiveNoWait()) {
                assertThat(m.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
                got.add(json.readValue(((TextMessage) m).getText(), ClaimTicket.class));
            }
        }
        return got;
    }
}
