package eu.indriva.config;

import eu.indriva.queue.QueueDepths;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an operator watches besides the counters: gauges read from the database and the broker
 * every {@link #REFRESH_SECONDS} s (one query each, not one per scrape): claims by status and the
 * needs-attention count per tenant, the queue depths, the open dead letters, and the age of each
 * tenant's last successful poll. Also the HELP text of every indriva metric (Prometheus shows the
 * description), in one place.
 */
@Configuration
public class OperationsMetrics {

    static final int REFRESH_SECONDS = 15;
    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    /** HELP text of every indriva metric by name; a counter registered without one gets it here. */
    static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("indriva.invoices.examined", "Overdue-search hits examined by the polls (an invoice listed by several polls counts each time)"),
            Map.entry("indriva.claims", "Claims by outcome: selected, registered, adopted, rejected, failed, retried, skipped, set_aside"),
            Map.entry("indriva.registrations.deferred", "Registrations re-scheduled without an attempt: pace, upstream_busy, tenant_needs_attention"),
            Map.entry("indriva.upstream.requests", "Latency of calls to accounting systems and agencies, by operation and outcome"),
            Map.entry("indriva.webhooks", "Agency webhooks by outcome: accepted, ignored_*, bad_signature, throttled, tenant_needs_attention"),
            Map.entry("indriva.agency.events", "Agency events processed (the claim re-read at the agency)"),
            Map.entry("indriva.settlements", "Agency settlements by outcome: booked, needs_attention"),
            Map.entry("indriva.payment.events", "Payment events on transferred invoices, by classification"),
            Map.entry("indriva.broker.duplicates.dropped", "Messages the broker dropped as duplicates (a ticket or event already queued): by design"),
            Map.entry("indriva.dead.letters", "Messages the broker gave up on, parked for GET /api/v1/dead-letters, by queue"),
            Map.entry("indriva.database.unavailable.deferred", "Queued work sent back for later because the database could not be reached"),
            Map.entry("indriva.claims.by.status", "Claims per tenant and status now"),
            Map.entry("indriva.claims.by.stage", "Claims per tenant, agency and stage now (the same stages for every agency; "
                    + "claims whose agency has not named a stage yet are not counted)"),
            Map.entry("indriva.claims.needs.attention", "Claims per tenant that a person should look at now"),
            Map.entry("indriva.queue.depth", "Messages waiting on Indriva's queues (embedded broker): registration, agency events, DLQ"),
            Map.entry("indriva.dead.letters.open", "Dead letters not replayed yet"),
            Map.entry("indriva.reconciliation.differences", "Differences the newest finished reconciliation of each tenant found (ledger, Indriva, agency)"),
            Map.entry("indriva.poll.last.success.age", "Seconds since each tenant's last poll that ended OK (since its first failure when the last one failed)"));

    @Bean
    MeterRegistryCustomizer<MeterRegistry> indrivaHelpText() {
        return registry -> registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String help = HELP.get(id.getName());
                if (help == null || id.getDescription() != null && !id.getDescription().isBlank()) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
            }
        });
    }

    @Bean
    Gauges indrivaGauges(MeterRegistry meters, JdbcTemplate jdbc, QueueDepths queues,
                         eu.indriva.reconcile.ReconciliationRepository reconciliations) {
        return new Gauges(meters, jdbc, queues, reconciliations);
    }

    /** The gauges and their refresh. */
    public static final class Gauges {
        private final JdbcTemplate jdbc;
        private final QueueDepths queues;
        private final MultiGauge byStatus;
        private final MultiGauge byStage;
        private final MultiGauge attention;
        private final MultiGauge pollAge;
        private final MultiGauge depth;
        private final MultiGauge differences;
        private final eu.indriva.reconcile.ReconciliationRepository reconciliations;
        private volatile long openDeadLetters;
        private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "indriva-gauges");
            t.setDaemon(true);
            return t;
        });
        private final Clock clock = Clock.systemUTC();

        Gauges(MeterRegistry meters, JdbcTemplate jdbc, QueueDepths queues, eu.indriva.reconcile.ReconciliationRepository reconciliations) {
            this.reconciliations = reconciliations;
            this.jdbc = jdbc;
            this.queues = queues;
            this.byStatus = MultiGauge.builder("indriva.claims.by.status").description(HELP.get("indriva.claims.by.status")).register(meters);
            this.byStage = MultiGauge.builder("indriva.claims.by.stage").description(HELP.get("indriva.claims.by.stage")).register(meters);
            this.attention = MultiGauge.builder("indriva.claims.needs.attention").description(HELP.get("indriva.claims.needs.attention")).register(meters);
            this.pollAge = MultiGauge.builder("indriva.poll.last.success.age").baseUnit("seconds")
                    .description(HELP.get("indriva.poll.last.success.age")).register(meters);
            this.differences = MultiGauge.builder("indriva.reconciliation.differences")
                    .description(HELP.get("indriva.reconciliation.differences")).register(meters);
            this.depth = MultiGauge.builder("indriva.queue.depth").description(HELP.get("indriva.queue.depth")).register(meters);
            Gauge.builder("indriva.dead.letters.open", this, g -> g.openDeadLetters).description(HELP.get("indriva.dead.letters.open"))
                    .register(meters);
        }

        @PostConstruct
        void start() {
            refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
        }

        @PreDestroy
        void stop() {
            refresher.shutdownNow();
        }

        private void refreshQuietly() {
            try {
                refresh();
            } catch (RuntimeException e) {
                // the database may be down: the gauges keep their last values, the health shows why
                log.debug("gauges not refreshed: {}", e.toString());
            }
        }

        /** Reads everything once; public so a test need not wait for the schedule. */
        public void refresh() {
            List<MultiGauge.Row<?>> status = new ArrayList<>();
            jdbc.query("SELECT tenant_id, status, COUNT(*) FROM claim GROUP BY tenant_id, status", rs -> {
                status.add(MultiGauge.Row.of(Tags.of("tenant", rs.getString(1), "status", rs.getString(2)), rs.getLong(3)));
            });
            byStatus.register(status, true);
            List<MultiGauge.Row<?>> stage = new ArrayList<>();
            jdbc.query("SELECT tenant_id, agency, stage, COUNT(*) FROM claim WHERE stage IS NOT NULL GROUP BY tenant_id, agency, stage", rs -> {
                stage.add(MultiGauge.Row.of(Tags.of("tenant", rs.getString(1), "agency", String.valueOf(rs.getString(2)),
                        "stage", rs.getString(3)), rs.getLong(4)));
            });
            byStage.register(stage, true);
            List<MultiGauge.Row<?>> needs = new ArrayList<>();
            jdbc.query("SELECT tenant_id, COUNT(*) FROM claim WHERE needs_attention IS NOT NULL OR status IN ('REJECTED', 'FAILED') GROUP BY tenant_id",
                    rs -> {
                        needs.add(MultiGauge.Row.of(Tags.of("tenant", rs.getString(1)), rs.getLong(2)));
                    });
            attention.register(needs, true);
            long now = clock.millis();
            List<MultiGauge.Row<?>> ages = new ArrayList<>();
            jdbc.query("SELECT tenant_id, outcome, finished_at, failing_since FROM tenant_run WHERE kind = 'poll'", rs -> {
                Timestamp ok = "OK".equals(rs.getString(2)) ? rs.getTimestamp(3) : rs.getTimestamp(4);
                if (ok != null) {
                    ages.add(MultiGauge.Row.of(Tags.of("tenant", rs.getString(1)), Math.max(0, now - ok.getTime()) / 1000.0));
                }
            });
            pollAge.register(ages, true);
            List<MultiGauge.Row<?>> open = new ArrayList<>();
            reconciliations.openDifferences()
                    .forEach((tenant, n) -> open.add(MultiGauge.Row.of(Tags.of("tenant", tenant), n)));
            differences.register(open, true);
            depth.register(List.of(
                    MultiGauge.Row.of(Tags.of("queue", "indriva.claims.register"), queues.depth("indriva.claims.register")),
                    MultiGauge.Row.of(Tags.of("queue", "indriva.agency.events"), queues.depth("indriva.agency.events")),
                    MultiGauge.Row.of(Tags.of("queue", "DLQ"), queues.depth("DLQ"))), true);
            Long letters = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL", Long.class);
            openDeadLetters = letters == null ? 0 : letters;
        }
    }
}
