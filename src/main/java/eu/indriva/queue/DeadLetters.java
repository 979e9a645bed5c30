package eu.indriva.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.problem.Problem;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimState;
import eu.indriva.claim.ClaimStatus;
import eu.indriva.claim.ClaimTicket;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.outbound.ClaimDispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages the broker gave up on. A consumer whose processing throws leaves its message to the
 * broker, which redelivers it with back-off and, after {@code indriva.broker.max-delivery-attempts},
 * moves it to DLQ. The dead-letter route parks each DLQ message here (in the database, with why it
 * failed, and its claim FAILED), so an operator can list it and replay it through the admin API
 * once the cause is fixed. The broker does not say why a message failed: the redelivered routes
 * note each failure ({@link #noteFailure}), by JMS message id, which the move to DLQ keeps.
 */
@Component("deadLetters")
public class DeadLetters {

    public static final String REGISTER_QUEUE = "indriva.claims.register";
    public static final String EVENTS_QUEUE = "indriva.agency.events";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int REMEMBERED = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the last failures of a message were, by JMS message id (bounded; lost on restart). */
    private record Failure(Instant first, String last, int count) {}

    /** A parked message, as the admin API shows it (its body stays in the database). */
    public record DeadLetter(long id, String queue, String tenantId, String invoiceId, String agencyClaimId,
                             Instant firstFailedAt, Instant parkedAt, String reason, Instant replayedAt) {}

    /** What a replay did, in words. */
    public record Replay(String status, String message) {}

    private final Map<String, Failure> failures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failure> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ClaimRepository claims;
    private final ClaimDispatcher dispatcher;
    private final ProducerTemplate camel;
    private final MeterRegistry meters;
    private final int maxDeliveries;
    private final Clock clock;

    public DeadLetters(JdbcTemplate jdbc, PlatformTransactionManager transactions, ClaimRepository claims,
                       ClaimDispatcher dispatcher, ProducerTemplate camel, MeterRegistry meters, IndrivaProperties props) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.claims = claims;
        this.dispatcher = dispatcher;
        this.camel = camel;
        this.meters = meters;
        this.maxDeliveries = props.broker().maxDeliveryAttempts();
        this.clock = Clock.systemUTC();
    }

    /** onException of a broker-redelivered route: remember why this delivery failed (DLQ does not say). */
    public void noteFailure(Exchange exchange) {
        String id = exchange.getIn().getHeader("JMSMessageID", String.class);
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (id == null || e == null) {
            return;
        }
        String why = describe(e);
        Instant now = clock.instant();
        int count;
        synchronized (failures) {
            Failure before = failures.get(id);
            Failure noted = before == null ? new Failure(now, why, 1) : new Failure(before.first(), why, before.count() + 1);
            failures.put(id, noted);
            count = noted.count();
        }
        // the exception's class only: its text may quote data; the text is kept for the dead-letter list
        log.warn("message {} in {} failed (delivery {} of {}): {}; {}", id, exchange.getFromRouteId(), count, maxDeliveries,
                rootOf(e).getClass().getSimpleName(), count < maxDeliveries ? "the broker delivers it again" : "the broker moves it to DLQ");
        log.debug("message {} failed", id, e);
    }

    /**
     * Parks one DLQ message: stores it with its reason and marks its claim FAILED, in one database
     * transaction. A DLQ message delivered again (a crash after this commit) is parked once.
     */
    public void park(Exchange exchange) {
        String messageId = exchange.getIn().getHeader("JMSMessageID", String.class);
        String queue = Optional.ofNullable(exchange.getIn().getHeader("_AMQ_ORIG_ADDRESS", String.class)).orElse("unknown");
        String body = Optional.ofNullable(exchange.getIn().getBody(String.class)).orElse("");
        Failure failure;
        synchronized (failures) {
            failure = failures.get(messageId);
        }
        Instant now = clock.instant();
        Instant first = failure == null ? now : failure.first();
        String reason = "processing failed on each of its " + (failure == null ? maxDeliveries : failure.count()) + " deliveries"
                + (failure == null ? " (the cause is in the log)" : "; last error: " + failure.last());
        Origin origin = origin(queue, body);
        Long id = tx.execute(s -> {
            List<Long> known = jdbc.queryForList("SELECT id FROM dead_letter WHERE message_id = ?", Long.class, messageId);
            if (!known.isEmpty()) {
                return null;
            }
            jdbc.update("""
                    INSERT INTO dead_letter (message_id, queue, tenant_id, invoice_id, agency_claim_id, body, reason, first_failed_at, parked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    messageId, queue, origin.tenantId(), origin.invoiceId(), origin.agencyClaimId(), body,
                    truncate(reason), Timestamp.from(first), Timestamp.from(now));
            long parked = jdbc.queryForObject("SELECT id FROM dead_letter WHERE message_id = ?", Long.class, messageId);
            if (origin.ticket() != null) {
                ClaimTicket t = origin.ticket();
                claims.fail(t.tenantId(), t.invoiceId(), t.dispatchKey(), "dead-lettered: " + reason
                        + ". Fix the cause, then replay it: POST /api/v1/dead-letters/" + parked + "/replay");
            }
            return parked;
        });
        if (id != null) {
            meters.counter("indriva.dead.letters", "queue", queue).increment();
            // tenant and ids only: the reason may quote data
            log.warn("dead letter {} parked from {} (tenant={} invoice={} claim={}); list: GET /api/v1/dead-letters",
                    id, queue, origin.tenantId(), origin.invoiceId(), origin.agencyClaimId());
        }
    }

    public List<DeadLetter> list(String tenantId, boolean includeReplayed) {
        String where = (includeReplayed ? "1 = 1" : "replayed_at IS NULL") + (tenantId == null ? "" : " AND tenant_id = ?");
        Object[] args = tenantId == null ? new Object[0] : new Object[] {tenantId};
        return jdbc.query("SELECT id, queue, tenant_id, invoice_id, agency_claim_id, first_failed_at, parked_at, reason, replayed_at"
                        + " FROM dead_letter WHERE " + where + " ORDER BY id LIMIT 1000",
                (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getString(8), instant(rs.getTimestamp(9))),
                args);
    }

    /**
     * Puts one parked message back to work. A claim ticket re-opens its FAILED claim (a new ticket,
     * as a retry does); any other message goes back on its queue as it was.
     */
    public Replay replay(long id) {
        record Row(String queue, String body, Instant replayedAt) {}
        Row row = jdbc.query("SELECT queue, body, replayed_at FROM dead_letter WHERE id = ?",
                        (rs, i) -> new Row(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))), id)
                .stream().findFirst().orElseThrow(() -> Problem.notFound("no dead letter " + id));
        if (row.replayedAt() != null) {
            throw Problem.conflict("dead letter " + id + " was replayed at " + row.replayedAt());
        }
        String queue = row.queue();
        String body = row.body();
        Origin origin = origin(queue, body);
        Replay result;
        if (origin.ticket() != null) {
            ClaimTicket t = origin.ticket();
            Optional<ClaimTicket> fresh = claims.requeue(t.tenantId(), t.invoiceId(), "dead letter " + id + " replayed by an admin");
            if (fresh.isPresent()) {
                dispatcher.dispatch(fresh.get());
                result = new Replay("replayed", "the claim is PENDING again and its ticket is on " + queue);
            } else {
                String status = claims.state(t.tenantId(), t.invoiceId()).map(ClaimState::status).map(ClaimStatus::name).orElse("gone");
                result = new Replay("closed", "the claim is " + status + " now; nothing was sent");
            }
        } else if (queue.startsWith("indriva.")) {
            camel.sendBody("jms:queue:" + queue + "?deliveryPersistent=true", body);
            result = new Replay("replayed", "the message is back on " + queue);
        } else {
            throw Problem.conflict("dead letter " + id + " came from " + queue + ", which is not one of Indriva's queues");
        }
        jdbc.update("UPDATE dead_letter SET replayed_at = ? WHERE id = ?", Timestamp.from(clock.instant()), id);
        log.info("dead letter {} replayed: {}", id, result.status());
        return result;
    }

    public int open() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL", Integer.class);
    }

    /** What a parked body is about; fields stay null when the body is not what its queue carries. */
    private record Origin(String tenantId, String invoiceId, String agencyClaimId, ClaimTicket ticket) {}

    private static Origin origin(String queue, String body) {
        try {
            if (REGISTER_QUEUE.equals(queue)) {
                ClaimTicket t = JSON.readValue(body, ClaimTicket.class);
                return new Origin(t.tenantId(), t.invoiceId(), null, t.tenantId() == null || t.invoiceId() == null ? null : t);
            }
            if (EVENTS_QUEUE.equals(queue)) {
                JsonNode e = JSON.readTree(body);
                return new Origin(e.path("tenantId").asText(null), null, e.path("agencyClaimId").asText(null), null);
            }
        } catch (Exception unreadable) {
            // kept as it is: the reason and the body say what arrived
        }
        return new Origin(null, null, null, null);
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable e) {
        Throwable root = rootOf(e);
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 1997) + "..." : s;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
