package eu.indriva.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Artemis logs every message it drops as a duplicate at WARN with the whole message (AMQ222059).
 * Dropping duplicates is how Indriva queues each ticket and webhook event once, so the drop is
 * counted ({@code indriva_broker_duplicates_dropped_total}) instead of logged: the WARN level stays
 * for what needs a person. The move of a message to the dead-letter queue (AMQ222149, with the
 * whole message too) is dropped from the log as well: the dead-letter route logs that, without the
 * body, and counts it ({@code indriva_dead_letters_total}).
 */
@Component
public class DuplicateDropCounter {

    static final String CODE = "AMQ222059";
    static final String DEAD_LETTERED = "AMQ222149";
    private static final String BROKER_LOGGERS = "org.apache.activemq.artemis";

    /**
     * Logging is one per JVM, application contexts may be several (tests): one filter counts each drop
     * into the counter of every live context, instead of the first-installed context's filter
     * denying the line before a later context's could count it.
     */
    private static final List<Counter> LIVE = new CopyOnWriteArrayList<>();
    private static final TurboFilter FILTER = new TurboFilter() {
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            if (format == null || level != Level.WARN || !logger.getName().startsWith(BROKER_LOGGERS)) {
                return FilterReply.NEUTRAL;
            }
            if (format.startsWith(CODE)) {
                LIVE.forEach(Counter::increment);
                return FilterReply.DENY;
            }
            return format.startsWith(DEAD_LETTERED) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    };

    private final Counter dropped;

    public DuplicateDropCounter(MeterRegistry meters) {
        this.dropped = Counter.builder("indriva.broker.duplicates.dropped")
                .description("Messages the broker dropped as duplicates (a ticket or event already queued): by design, not an error")
                .register(meters);
    }

    @PostConstruct
    void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            synchronized (LIVE) {
                LIVE.add(dropped);
                if (!context.getTurboFilterList().contains(FILTER)) {
                    FILTER.setName("indriva-duplicate-drops");
                    context.addTurboFilter(FILTER);
                    FILTER.start();
                }
            }
        }
    }

    @PreDestroy
    void uninstall() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            synchronized (LIVE) {
                LIVE.remove(dropped);
                if (LIVE.isEmpty()) {
                    context.getTurboFilterList().remove(FILTER);
                }
            }
        }
    }
}
