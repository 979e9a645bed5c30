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
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Artemis logs every message it drops as a duplicate at WARN with the whole message (AMQ222059).
 * Dropping duplicates is how Indriva queues each ticket and webhook event once, so the drop is
 * counted ({@code indriva_broker_duplicates_dropped_total}) instead of logged: the WARN level stays
 * for what needs a person.
 */
@Component
public class DuplicateDropCounter extends TurboFilter {

    static final String CODE = "AMQ222059";
    private static final String BROKER_LOGGERS = "org.apache.activemq.artemis";

    private final Counter dropped;

    public DuplicateDropCounter(MeterRegistry meters) {
        this.dropped = Counter.builder("indriva.broker.duplicates.dropped")
                .description("Messages the broker dropped as duplicates (a ticket or event already queued): by design, not an error")
                .register(meters);
    }

    @PostConstruct
    void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setName("indriva-duplicate-drops");
            context.addTurboFilter(this);
            start();
        }
    }

    @PreDestroy
    void uninstall() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format != null && level == Level.WARN && format.startsWith(CODE) && logger.getName().startsWith(BROKER_LOGGERS)) {
            dropped.increment();
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
