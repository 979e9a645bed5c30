package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import eu.indriva.support.AppProcess;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.ExternalArtemis;
import eu.indriva.support.Postgres;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Indriva instances in their own JVMs on one PostgreSQL and one external Artemis broker
 * (issue 12), at the scale: 2,000 invoices over 20 tenants.
 * <ol>
 *   <li>Polls asked of two instances run once per tenant; one instance is killed with SIGKILL in the
 *   middle of its polls, and the others' schedulers take those polls over once their leases expire
 *   (within 30 s with the production tick and lease), without anyone asking again; every invoice
 *   ends as exactly one claim at the agency, and no tenant's Procountor API client sees more than
 *   20 requests in a sliding second from the three together.</li>
 *   <li>All three are restarted one after the other (SIGTERM, then a new JVM) while webhooks keep
 *   arriving at whichever instance is up, as a load balancer sends them: a webhook answered
 *   anything but "accepted" is sent again to the next instance; every accepted webhook is
 *   processed, and each claim's change is recorded once.</li>
 * </ol>
 */
@EnabledIf(value = "clusterPartsAvailable", disabledReason = "needs PostgreSQL and the Artemis distribution (see Postgres, ExternalArtemis)")
class ClusterFlowTest {

    static boolean clusterPartsAvailable() {
        return Postgres.available() && ExternalArtemis.available();
    }

    private static final int TENANTS = 20;
    private static final int INVOICES = 100;

    @TempDir
    Path data;

    @Test
    void threeInstancesRegisterEachInvoiceOnceSurviveAKilledPollerAndARollingRestartUnderWebhooks() throws Exception {
        List<Upstreams.Slice> slices = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            Upstreams.Slice s = Upstreams.slice();
            int base = 30_000 + 100 * s.n;
            List<Invoice> all = IntStream.range(0, INVOICES).mapToObj(i -> Invoice.overdue(Integer.toString(base + i))).toList();
            // four pages of 25, each answered after a second: a poll takes some 4 s, so the kill lands in the middle of some
            s.token();
            s.searchPages(25, List.of(all.subList(0, 25), all.subList(25, 50), all.subList(50, 75), all.subList(75, 100)), 1000);
            all.forEach(s::invoice);
            s.kravia();
            // registrations take a while, so that the kill lands while some are in flight
            Upstreams.KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register"))
                    .willReturn(aResponse().withStatus(200).withBody("{}").withUniformRandomDelay(50, 200)));
            // what a webhook makes the instances re-read: every claim of the slice is now in the reminder stage
            Upstreams.KRAVIA.stubFor(get(urlPathMatching(s.prefix + "/api/v2/invoice/[0-9]+/details"))
                    .willReturn(okJson(s.detailsJson("1", "0", "Reminder", null, "2026-11-20T08:00:00", "1250.00"))));
            slices.add(s);
        }
        Path log = Files.createTempFile("indriva-cluster-", ".log");
        try (ExternalArtemis broker = ExternalArtemis.start()) {
            String schema = Postgres.freshSchema();
            String[] cluster = {"--spring.datasource.url=" + Postgres.jdbcUrl(schema), "--spring.datasource.username=" + Postgres.USER,
                    "--spring.datasource.password=", "--spring.artemis.mode=native", "--spring.artemis.embedded.enabled=false",
                    "--spring.artemis.broker-url=" + broker.url(), "--spring.artemis.user=" + ExternalArtemis.USER,
                    "--spring.artemis.password=" + ExternalArtemis.PASSWORD, "--indriva.cluster.shared-limits=true",
                    // the production schedule and lease (10 s tick, 20 s lease): a dead instance's polls are taken over within 30 s
                    "--indriva.poll.tick=PT10S", "--indriva.register.consumers=8"};
            AppProcess a = AppProcess.start(data.resolve("a"), log, cluster);
            AppProcess b = AppProcess.start(data.resolve("b"), log, cluster);
            AppProcess c = AppProcess.start(data.resolve("c"), log, cluster);
            AtomicReferenceArray<AppProcess> live = new AtomicReferenceArray<>(new AppProcess[] {a, b, c});
            try {
                for (Upstreams.Slice s : slices) {
                    ObjectNode tenant = s.tenantJson(10, "0", List.of());
                    ((ObjectNode) tenant.get("agency")).put("webhookSecret", AppTestBase.WEBHOOK_SECRET);
                    assertThat(a.call("PUT", "/api/v1/tenants/cluster-" + s.n, tenant.toString()).statusCode()).isEqualTo(201);
                }
                killThePollerMidFlight(slices, a, b, c, log);
                rollingRestartUnderWebhooks(slices, live, cluster, log);
                // last: before the kill it would give the schedulers time to finish the polls the kill must interrupt
                signedInOnOneInstanceSignedInOnAll(slices.get(0), live.get(0), live.get(1), live.get(2));
            } finally {
                for (int i = 0; i < live.length(); i++) {
                    live.get(i).close();
                }
                a.close();
            }
        }
    }

    /** The client web's sessions are in the database: a user signed in on one instance is signed in on each, and out on each. */
    private void signedInOnOneInstanceSignedInOnAll(Upstreams.Slice slice, AppProcess a, AppProcess b, AppProcess c) throws IOException {
        String tenant = "cluster-" + slice.n;
        String password = "cluster user password";
        assertThat(a.call("PUT", "/api/v1/users/cluster-user",
                "{\"role\":\"CREDITOR\",\"tenantId\":\"" + tenant + "\",\"password\":\"" + password + "\"}").statusCode()).isEqualTo(201);
        eu.indriva.support.WebSession web = new eu.indriva.support.WebSession(a.port());
        assertThat(eu.indriva.support.WebSession.location(web.signIn("cluster-user", password))).doesNotContain("error");
        assertThat(web.onPort(b.port()).get("/tenants/" + tenant + "/claims").statusCode()).isEqualTo(200);
        assertThat(web.onPort(c.port()).get("/tenants/" + tenant + "/overview").statusCode()).isEqualTo(200);
        // signed out on c (with the token of a page c served): signed out on a too
        eu.indriva.support.WebSession onC = web.onPort(c.port());
        onC.get("/tenants/" + tenant + "/claims");
        assertThat(eu.indriva.support.WebSession.location(onC.post("/logout", Map.of(), true))).endsWith("/login?signedOut");
        assertThat(web.get("/tenants/" + tenant + "/claims").statusCode()).isEqualTo(302);
    }

    /**
     * Part 1: polls asked twice, the instance holding some of them killed in their middle, and
     * nobody asks again: the others' schedulers take the interrupted polls over once their leases
     * expire. 2,000 invoices, 2,000 claims, the limit held.
     */
    private void killThePollerMidFlight(List<Upstreams.Slice> slices, AppProcess a, AppProcess b, AppProcess c, Path log) throws Exception {
        long started = System.nanoTime();
        // the same polls asked of two instances: each tenant's runs once (its lease), selects once (the claim's key)
        for (Upstreams.Slice s : slices) {
            a.call("POST", "/api/v1/tenants/cluster-" + s.n + "/poll", null);
        }
        for (Upstreams.Slice s : slices) {
            b.call("POST", "/api/v1/tenants/cluster-" + s.n + "/poll", null);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> slices.stream().mapToInt(Upstreams.Slice::registerRequests).sum() >= 60);
        a.kill();
        Instant killedAt = Instant.now();
        int selectedAtKill = 0;
        List<Upstreams.Slice> unfinished = new ArrayList<>();
        for (Upstreams.Slice s : slices) {
            selectedAtKill += b.json("/api/v1/tenants/cluster-" + s.n + "/claims?size=1").path("total").asInt();
            if (!polledSince(b, "/api/v1/tenants/cluster-" + s.n, Instant.EPOCH)) {
                unfinished.add(s);
            }
        }
        assertThat(selectedAtKill).as("invoices selected when the poller was killed: some polls were in their middle").isLessThan(2000);

        // no one asks again: the polls a never finished are offered by b's and c's schedulers once their takeover time has
        // passed, and run where the lease (free once a stopped renewing it) is taken
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Upstreams.Slice s : unfinished) {
                assertThat(polledSince(b, "/api/v1/tenants/cluster-" + s.n, killedAt)).as("tenant %d polled to its end", s.n).isTrue();
            }
        });
        long takenOver = Duration.between(killedAt, Instant.now()).toSeconds();
        System.out.printf("ClusterFlowTest: %d of %d invoices selected at the kill; the %d unfinished polls all ended %d s after it%n",
                selectedAtKill, TENANTS * INVOICES, unfinished.size(), takenOver);
        // 20 s of lease, a 10 s tick, and the poll itself (4 pages of a second each)
        assertThat(takenOver).as("seconds from the kill until every unfinished poll had ended elsewhere").isLessThanOrEqualTo(40);
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            int registered = 0;
            for (Upstreams.Slice s : slices) {
                registered += b.json("/api/v1/tenants/cluster-" + s.n + "/claims?status=REGISTERED&size=1").path("total").asInt();
            }
            assertThat(registered).as("registered claims of %d; log in %s", TENANTS * INVOICES, log).isEqualTo(TENANTS * INVOICES);
        });
        System.out.printf("ClusterFlowTest: %d invoices over %d tenants registered in %d s, one instance killed on the way%n",
                TENANTS * INVOICES, TENANTS, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        for (Upstreams.Slice s : slices) {
            assertThat(s.agencyClaims()).as("claims at the agency for tenant %d", s.n).hasSize(INVOICES);
            assertThat(s.busiestProcountorSecond()).as("Procountor requests of tenant %d in its busiest sliding second: %s", s.n,
                    busiestWindow(s)).isLessThanOrEqualTo(20);
        }
    }

    /**
     * Part 2: a webhook for each claim, sent to the instances in turn, while each instance in turn
     * is stopped with SIGTERM and replaced by a new JVM. The killed instance of part 1 is replaced
     * first, so that three are up when it starts.
     */
    private void rollingRestartUnderWebhooks(List<Upstreams.Slice> slices, AtomicReferenceArray<AppProcess> live, String[] cluster,
                                             Path log) throws Exception {
        live.set(0, AppProcess.start(data.resolve("a2"), log, cluster));
        List<String[]> targets = new ArrayList<>();
        for (Upstreams.Slice s : slices) {
            s.agencyClaims().values().forEach(id -> targets.add(new String[] {"cluster-" + s.n, id.toString()}));
        }
        Collections.shuffle(targets, new java.util.Random(12));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger acceptedCount = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        AtomicBoolean restarting = new AtomicBoolean(true);
        // one webhook every 40 ms (about 25 a second), on a schedule of its own
        java.util.concurrent.atomic.AtomicInteger nextTarget = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger nextInstance = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService sender = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        sender.scheduleAtFixedRate(() -> {
            int k = nextTarget.getAndIncrement();
            if (!restarting.get()) {
                return;
            }
            // round after round while the restarts last (a slow start must not run out of webhooks); each is a new event
            String[] t = targets.get(k % targets.size());
            String body = AppTestBase.signed(1_800_000_000L + k, "CaseUpdate", t[1]);
            // like a load balancer (or the agency's retry): anything but "accepted" goes to the next instance
            boolean taken = false;
            for (int attempt = 0; attempt < 200 && !taken; attempt++) {
                AppProcess app = live.get(nextInstance.getAndIncrement() % live.length());
                try {
                    HttpResponse<String> r = app.webhook(t[0], body);
                    if (r.statusCode() == 200 && r.body().contains("\"accepted\"")) {
                        accepted.add(t[0] + "/" + t[1]);
                        acceptedCount.incrementAndGet();
                        taken = true;
                    } else {
                        refused.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
                    }
                } catch (IOException e) {
                    refused.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                }
            }
        }, 0, 40, java.util.concurrent.TimeUnit.MILLISECONDS);
        List<Integer> acceptedBeforeEachStop = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> acceptedCount.get() >= 50);
            for (int i = 0; i < 3; i++) {
                acceptedBeforeEachStop.add(acceptedCount.get());
                AppProcess old = live.get(i);
                old.stop();
                live.set(i, AppProcess.start(data.resolve("r" + i), log, cluster));
                int before = acceptedCount.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> acceptedCount.get() >= before + 50);
            }
        } finally {
            restarting.set(false);
            sender.shutdown();
            sender.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        System.out.printf("ClusterFlowTest: %d webhooks accepted during the rolling restart, for %d claims (accepted before each "
                + "stop: %s); answered otherwise and sent again: %s%n", acceptedCount.get(), accepted.size(), acceptedBeforeEachStop, refused);
        assertThat(acceptedCount.get()).as("webhooks accepted").isGreaterThanOrEqualTo(200);
        // an instance starting or stopping refuses the connection (or closes a kept-alive one before reading the request) or
        // answers 503 "not_ready": never an HTTP error of another kind
        assertThat(refused.keySet().stream().filter(k -> k.chars().allMatch(Character::isDigit)))
                .as("HTTP answers other than accepted; log in %s", log).isSubsetOf("503");

        // every accepted webhook was processed by one of the instances now up
        AppProcess reader = live.get(1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> notApplied = new ArrayList<>();
            for (Upstreams.Slice s : slices) {
                for (JsonNode claim : reader.json("/api/v1/tenants/cluster-" + s.n + "/claims?size=500").path("items")) {
                    String key = "cluster-" + s.n + "/" + claim.path("agencyClaimId").asText();
                    if (accepted.contains(key) && !"Reminder".equals(claim.path("agencyStatus").asText())) {
                        notApplied.add(key);
                    }
                }
            }
            assertThat(notApplied).as("accepted webhooks not processed; log in %s", log).isEmpty();
        });
        // the change is recorded once per claim, whichever instance (or instances) re-read it
        for (Upstreams.Slice s : slices) {
            for (JsonNode item : reader.json("/api/v1/tenants/cluster-" + s.n + "/claims?size=500").path("items")) {
                if (accepted.contains("cluster-" + s.n + "/" + item.path("agencyClaimId").asText())) {
                    JsonNode claim = reader.json("/api/v1/tenants/cluster-" + s.n + "/claims/" + item.path("invoiceId").asText());
                    long changes = 0;
                    for (JsonNode h : claim.path("history")) {
                        if (h.path("event").asText().equals("AGENCY_STATUS")) {
                            changes++;
                        }
                    }
                    assertThat(changes).as("status changes recorded for %s", claim.path("invoiceId").asText()).isEqualTo(1);
                }
            }
        }
    }

    /** True when the tenant's last poll finished after {@code since} (on whichever instance ran it). */
    private static boolean polledSince(AppProcess app, String tenant, Instant since) throws IOException {
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
