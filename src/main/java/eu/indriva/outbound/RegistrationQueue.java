package eu.indriva.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.claim.ClaimTicket;
import eu.indriva.upstream.Pacer;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts claim tickets on the persistent registration queue (used by the claim-dispatch route).
 * Each ticket carries the broker's duplicate id of its dispatch, so a ticket sent twice (by
 * claim-recovery after a crash, or by a manual transfer of a claim still PENDING) is queued once.
 *
 * <p>A batch (one page of the poll) goes in one local JMS transaction: one durable write for the
 * page instead of one per ticket. The broker rolls back a whole transaction that holds a
 * duplicate, so when the commit fails the batch is sent again ticket by ticket, outside a
 * transaction, where the broker drops just the duplicates. Nothing is lost either way: the
 * claims are PENDING in the database before their tickets are sent, and claim recovery re-sends
 * the PENDING ones after a restart.
 */
@Component("registrationQueue")
public class RegistrationQueue {

    public static final String QUEUE = "indriva.claims.register";
    /** Artemis's duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** Artemis's scheduled-delivery property (epoch ms). */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    /** At most this many tickets per JMS transaction (a poll page is 200). */
    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(RegistrationQueue.class);

    /** Sessions for single sends: each send returns once the broker has the message. */
    private final JmsTemplate single;
    /** Transacted sessions for batches: the commit returns once the broker has all of them. */
    private final JmsTemplate batches;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong fallbacks = new AtomicLong();

    public RegistrationQueue(ConnectionFactory connectionFactory) {
        this.single = new JmsTemplate(connectionFactory);
        this.batches = new JmsTemplate(connectionFactory);
        this.batches.setSessionTransacted(true);
    }

    /** @return how many tickets were handed to the broker (duplicates included; the broker drops those) */
    public int send(List<ClaimTicket> tickets) {
        for (int from = 0; from < tickets.size(); from += BATCH) {
            sendBatch(tickets.subList(from, Math.min(tickets.size(), from + BATCH)));
        }
        return tickets.size();
    }

    private void sendBatch(List<ClaimTicket> tickets) {
        if (tickets.size() > 1) {
            try {
                batches.execute(session -> sendAll(session, tickets, true), true);
                return;
            } catch (JmsException rolledBack) {
                fallbacks.incrementAndGet();
                log.debug("batch of {} tickets rolled back ({}); sending them one by one", tickets.size(), rolledBack.getMessage());
            }
        }
        single.execute(session -> sendAll(session, tickets, false), true);
    }

    /** How many batches were rolled back and sent ticket by ticket (a batch holding a ticket already queued). */
    long fallbacks() {
        return fallbacks.get();
    }

    private Void sendAll(Session session, List<ClaimTicket> tickets, boolean transacted) throws JMSException {
        if (session.getTransacted() != transacted) {
            throw new IllegalStateException("expected a " + (transacted ? "transacted" : "non-transacted") + " session");
        }
        try (MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (ClaimTicket ticket : tickets) {
                TextMessage message = session.createTextMessage(toJson(ticket));
                message.setStringProperty(DUPLICATE_ID, ticket.duplicateId());
                if (ticket.bookedAt() > System.currentTimeMillis() + Pacer.TOLERANCE_MS) {
                    // booked by its tenant's pacer: delivered on its slot, not before (a slot within the
                    // pacer's tolerance goes at once: the broker's scheduled path costs more than it saves)
                    message.setLongProperty(SCHEDULED_DELIVERY, ticket.bookedAt());
                }
                producer.send(message);
            }
            if (transacted) {
                session.commit();
            }
        } catch (JMSException | RuntimeException e) {
            if (transacted) {
                try {
                    session.rollback();
                } catch (JMSException ignored) {
                    // the broker has already rolled it back
                }
            }
            throw e;
        }
        return null;
    }

    private String toJson(ClaimTicket ticket) {
        try {
            return json.writeValueAsString(ticket);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a claim ticket cannot be written as JSON", e);
        }
    }
}
