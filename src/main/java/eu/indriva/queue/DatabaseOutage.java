package eu.indriva.queue;

import eu.indriva.claim.ClaimTicket;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.inbound.AgencyEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A queued work item (claim ticket, agency event) whose processing could not reach the database:
 * not the item's fault, so it is neither an attempt nor a broker redelivery (six of those in half a
 * minute would dead-letter every item in flight during a restart of PostgreSQL). The item goes back
 * to its queue for {@code indriva.broker.database-retry} later, unchanged.
 */
@Component("databaseOutage")
public class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final long LOG_EVERY_MS = 60_000;

    private final MeterRegistry meters;
    private final long retryMs;
    private final AtomicLong lastLogged = new AtomicLong();
    private final Clock clock = Clock.systemUTC();

    public DatabaseOutage(MeterRegistry meters, IndrivaProperties props) {
        this.meters = meters;
        this.retryMs = props.broker().databaseRetry().toMillis();
    }

    /** onException of the queue consumers: the same item, for later. */
    public QueueOutcome defer(Exchange exchange) {
        Object item = exchange.getIn().getBody();
        long now = clock.millis();
        String tenant = item instanceof ClaimTicket t ? t.tenantId() : item instanceof AgencyEvent e ? e.tenantId() : "unknown";
        String what = item instanceof AgencyEvent ? "event" : "registration";
        meters.counter("indriva.database.unavailable.deferred", "tenant", tenant, "item", what).increment();
        logAtMostEveryMinute(exchange, "queued work waits " + retryMs / 1000 + " s and is tried again");
        return QueueOutcome.retry(item, now + retryMs);
    }

    /** onException of a scheduler or the dead-letter route: this run is skipped (or rolled back), the next one tries again. */
    public void skipped(Exchange exchange) {
        logAtMostEveryMinute(exchange, exchange.getFromRouteId() + " skipped this run");
    }

    private void logAtMostEveryMinute(Exchange exchange, String what) {
        long now = clock.millis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MS && lastLogged.compareAndSet(last, now)) {
            Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            log.warn("the database cannot be reached ({}); {} (logged once a minute while it lasts)",
                    e == null ? "?" : e.getClass().getSimpleName(), what);
        }
    }
}
