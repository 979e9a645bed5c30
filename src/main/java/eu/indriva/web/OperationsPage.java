package eu.indriva.web;

import eu.indriva.connectors.Connectors;
import eu.indriva.queue.DeadLetters;
import eu.indriva.queue.QueueDepths;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRuns;
import eu.indriva.tenant.TenantService;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What an operator watches, for platform admins: each upstream's circuit, the queues' depths
 * (registration, agency events, dead letters), and every tenant's last poll, payment scan and
 * agency sync with their outcome (failing ones first), with the link to Hawtio for the rest.
 */
@Controller
public class OperationsPage {

    /** More tenants than this are summed up, not listed (failing ones are listed first). */
    static final int TENANTS_LISTED = 500;

    private final Connectors connectors;
    private final QueueDepths queues;
    private final DeadLetters deadLetters;
    private final TenantService tenants;
    private final TenantRuns runs;
    private final String hawtio;

    public OperationsPage(Connectors connectors, QueueDepths queues, DeadLetters deadLetters, TenantService tenants, TenantRuns runs,
                          @Value("${indriva.ui.hawtio-url:http://localhost:8081/actuator/hawtio}") String hawtio) {
        this.connectors = connectors;
        this.queues = queues;
        this.deadLetters = deadLetters;
        this.tenants = tenants;
        this.runs = runs;
        this.hawtio = hawtio;
    }

    public record Circuit(String name, boolean open) {}

    public record Queue(String name, long depth) {}

    /** A run as the page shows it: when (in the tenant's zone), how it ended, why it failed. */
    public record RunView(LocalDateTime at, String outcome, String error, LocalDateTime failingSince) {

        static RunView of(TenantRuns.Run r, ZoneId zone) {
            return r == null ? null : new RunView(LocalDateTime.ofInstant(r.at(), zone), r.outcome(), r.error(),
                    r.failingSince() == null ? null : LocalDateTime.ofInstant(r.failingSince(), zone));
        }

        public boolean failing() {
            return failingSince != null || outcome != null && !outcome.equals("OK");
        }
    }

    public record TenantRow(Tenant tenant, RunView poll, RunView paymentScan, RunView agencySync) {

        public boolean failing() {
            return poll != null && poll.failing() || paymentScan != null && paymentScan.failing()
                    || agencySync != null && agencySync.failing();
        }
    }

    @GetMapping("/operations")
    public String operations(Model model) {
        List<Circuit> circuits = new ArrayList<>();
        new TreeMap<>(connectors.breakers()).forEach((name, b) -> circuits.add(new Circuit(name, b.isOpen())));
        Map<String, Map<String, TenantRuns.Run>> last = runs.all();
        List<TenantRow> rows = new ArrayList<>();
        for (Tenant t : tenants.all()) {
            Map<String, TenantRuns.Run> r = last.getOrDefault(t.id(), Map.of());
            rows.add(new TenantRow(t, RunView.of(r.get(TenantRuns.POLL), t.timeZone()),
                    RunView.of(r.get(TenantRuns.PAYMENT_SCAN), t.timeZone()), RunView.of(r.get(TenantRuns.AGENCY_SYNC), t.timeZone())));
        }
        rows.sort(Comparator.comparing((TenantRow r) -> !r.failing()).thenComparing(r -> r.tenant().id()));
        model.addAttribute("circuits", circuits);
        model.addAttribute("queuesEmbedded", queues.embedded());
        model.addAttribute("queues", List.of(new Queue("indriva.claims.register", queues.depth("indriva.claims.register")),
                new Queue("indriva.agency.events", queues.depth("indriva.agency.events")), new Queue("DLQ", queues.depth("DLQ"))));
        model.addAttribute("openDeadLetters", deadLetters.open());
        model.addAttribute("failingTenants", rows.stream().filter(TenantRow::failing).count());
        model.addAttribute("tenantCount", rows.size());
        model.addAttribute("rows", rows.size() > TENANTS_LISTED ? rows.subList(0, TENANTS_LISTED) : rows);
        model.addAttribute("hawtio", hawtio);
        return "operations";
    }
}
