package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import eu.indriva.support.AppProcess;
import eu.indriva.support.ExternalArtemis;
import eu.indriva.support.Postgres;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Indriva instances in their own JVMs on one PostgreSQL and one external Artemis broker
 * (issue 12): polls asked of two instances at once run once per tenant; the instance that ran the
 * polls is killed with SIGKILL while registrations are in flight, and another takes its tenants
 * over once their leases expire; every invoice ends as exactly one claim at the agency, and no
 * tenant's Procountor API client ever sees more than 20 requests in a sliding second from the
 * three together.
 */
@EnabledIf(value = "clusterPartsAvailable", disabledReason = "needs PostgreSQL and the Artemis distribution (see Postgres, ExternalArtemis)")
class ClusterFlowTest {

    static boolean clusterPartsAvailable() {
        return Postgres.available() && ExternalArtemis.available();
    }

    private static final int TENANTS = 6;
    private static final int INVOICES = 40;

    @TempDir
    Path data;

    @Test
    void threeInstancesRegisterEachInvoiceOnceSurviveAKilledPollerAndShareTheLimit() throws Exception {
        List<Upstreams.Slice> slices = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            Upstreams.Slice s = Upstreams.slice();
            int base = 30_000 + 100 * s.n;
            s.standard(IntStream.range(0, INVOICES).mapToObj(i -> Invoice.overdue(Integer.toString(base + i))).toArray(Invoice[]::new));
            // registrations take a while, so that the kill lands while some are in flight
            Upstreams.KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register"))
                    .willReturn(aResponse().withStatus(200).withBody("{}").withUniformRandomDelay(50, 200)));
            slices.add(s);
        }
        Path log = Files.createTempFile("indriva-cluster-", ".log");
        try (ExternalArtemis broker = ExternalArtemis.start()) {
            String schema = Postgres.freshSchema();
            String[] cluster = {"--spring.datasource.url=" + Postgres.jdbcUrl(schema), "--spring.datasource.username=" + Postgres.USER,
                    "--spring.datasource.password=", "--spring.artemis.mode=native", "--spring.artemis.embedded.enabled=false",
                    "--spring.artemis.broker-url=" + broker.url(), "--spring.artemis.user=" + ExternalArtemis.USER,
                    "--spring.artemis.password=" + ExternalArtemis.PASSWORD, "--indriva.cluster.shared-limits=true",
                    "--indriva.cluster.lock-ttl=PT3S", "--indriva.register.consumers=8"};
            try (AppProcess a = AppProcess.start(data.resolve("a"), log, cluster);
                 AppProcess b = AppProcess.start(data.resolve("b"), log, cluster);
                 AppProcess c = AppProcess.start(data.resolve("c"), log, cluster)) {
                for (Upstreams.Slice s : slices) {
                    assertThat(a.call("PUT", "/api/v1/tenants/cluster-" + s.n, s.tenantJson(10, "0", List.of()).toString()).statusCode())
                            .isEqualTo(201);
                }
                // the same polls asked of two instances at once: each tenant's runs once (its lease), selects once (the claim's key)
                for (Upstreams.Slice s : slices) {
                    a.call("POST", "/api/v1/tenants/cluster-" + s.n + "/poll", null);
                    b.call("POST", "/api/v1/tenants/cluster-" + s.n + "/poll", null);
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> slices.stream().mapToInt(Upstreams.Slice::registerRequests).sum() >= 40);
                a.kill();
                java.time.Instant killedAt = java.time.Instant.now();

                // the polls asked again of c run there once a's leases have expired (anything a had not selected is selected now)
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    for (Upstreams.Slice s : slices) {
                        String tenant = "/api/v1/tenants/cluster-" + s.n;
                        if (!polledSince(c, tenant, killedAt)) {
                            c.call("POST", tenant + "/poll", null);
                        }
                    }
                    for (Upstreams.Slice s : slices) {
                        assertThat(polledSince(c, "/api/v1/tenants/cluster-" + s.n, killedAt)).as("tenant %d polled again", s.n).isTrue();
                    }
                });
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    int registered = 0;
                    for (Upstreams.Slice s : slices) {
                        registered += b.json("/api/v1/tenants/cluster-" + s.n + "/claims?status=REGISTERED&size=500").path("total").asInt();
                    }
                    assertThat(registered).as("registered claims of %d; log in %s", TENANTS * INVOICES, log).isEqualTo(TENANTS * INVOICES);
                });
                for (Upstreams.Slice s : slices) {
                    assertThat(s.agencyClaims()).as("claims at the agency for tenant %d", s.n).hasSize(INVOICES);
                    assertThat(s.busiestProcountorSecond()).as("Procountor requests of tenant %d in its busiest sliding second: %s", s.n,
                            busiestWindow(s)).isLessThanOrEqualTo(20);
                }
            }
        }
    }

    /** True when the tenant's last poll finished after {@code since} (on whichever instance ran it). */
    private static boolean polledSince(AppProcess app, String tenant, java.time.Instant since) throws java.io.IOException {
        String at = app.json(tenant).path("lastRuns").path("poll").path("at").asText("");
        return !at.isEmpty() && java.time.Instant.parse(at).isAfter(since);
    }

    /** The requests of the busiest sliding second (ms from its first, and the path), for the failure message. */
    private static String busiestWindow(Upstreams.Slice s) {
        List<ServeEvent> events = new ArrayList<>();
        for (ServeEvent e : Upstreams.PROCOUNTOR.getAllServeEvents()) {
            if (e.getRequest().getUrl().startsWith(s.prefix + "/")) {
                events.add(e);
            }
        }
        events.sort(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        int best = 0;
        int bestFrom = 0;
        for (int i = 0, j = 0; i < events.size(); i++) {
            while (events.get(i).getRequest().getLoggedDate().getTime() - events.get(j).getRequest().getLoggedDate().getTime() >= 1000) {
                j++;
            }
            if (i - j + 1 > best) {
                best = i - j + 1;
                bestFrom = j;
            }
        }
        StringBuilder b = new StringBuilder();
        long t0 = events.isEmpty() ? 0 : events.get(bestFrom).getRequest().getLoggedDate().getTime();
        for (int k = bestFrom; k < bestFrom + best; k++) {
            var r = events.get(k).getRequest();
            b.append(r.getLoggedDate().getTime() - t0).append("ms ").append(r.getMethod()).append(' ').append(r.getUrl()).append("; ");
        }
        return b.toString();
    }
}
