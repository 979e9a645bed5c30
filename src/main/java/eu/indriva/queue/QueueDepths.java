package eu.indriva.queue;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How many messages wait on Indriva's queues, read from the embedded broker; 0 with an external
 * broker (where the broker's own max-size-bytes / address-full-policy bounds the queue, and its
 * own metrics show the depth).
 */
@Component
public class QueueDepths {

    private final ObjectProvider<EmbeddedActiveMQ> broker;

    public QueueDepths(ObjectProvider<EmbeddedActiveMQ> broker) {
        this.broker = broker;
    }

    /** Whether the depths are read here (the embedded broker); with an external broker its own console shows them. */
    public boolean embedded() {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        return embedded != null && embedded.getActiveMQServer() != null;
    }

    public long events() {
        return depth("indriva.agency.events");
    }

    /** Messages on one of the embedded broker's queues (scheduled ones included); 0 when unknown. */
    public long depth(String queueName) {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        if (embedded == null || embedded.getActiveMQServer() == null) {
            return 0;
        }
        Queue queue = embedded.getActiveMQServer().locateQueue(SimpleString.of(queueName));
        return queue == null ? 0 : queue.getMessageCount();
    }
}
