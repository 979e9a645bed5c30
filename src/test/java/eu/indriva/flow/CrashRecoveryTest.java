package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static eu.indriva.support.Upstreams.KRAVIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppProcess;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across crashes: Indriva runs in its own JVM and is killed with SIGKILL while
 * registrations are in flight, then started again on the same H2 file and Artemis journal.
 */
class CrashRecoveryTest {

    @TempDir
    Path data;

    /** Extra start-up arguments (the PostgreSQL variant points the datasource elsewhere). */
    protected String[] args() {
        return new String[0];
    }

    @Test
    void killedMidFlightTwiceThenRestartedEveryInvoiceBecomesExactlyOneClaim() throws Exception {
        var s = Upstreams.slice();
        List<Invoice> invoices = IntStream.rangeClosed(1, 40).mapToObj(i -> Invoice.overdue(Integer.toString(20_000 + i))).toList();
        s.standard(invoices.toArray(Invoice[]::new));
        // slow registrations, so that kills land while requests are in flight
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register"))
                .willReturn(aResponse().withStatus(200).withBody("{}").withUniformRandomDelay(100, 400)));
        Path log = Files.createTempFile("indriva-crash-", ".log");

        try (AppProcess first = AppProcess.start(data, log, args())) {
            assertThat(first.call("PUT", "/api/v1/tenants/crash", s.tenantJson(10, "0", List.of()).toString()).statusCode()).isEqualTo(201);
            first.call("POST", "/api/v1/tenants/crash/poll", null);
            await().atMost(Duration.ofSeconds(60)).until(() -> s.registerRequests() >= 6);
            first.kill();
        }
        int afterFirstKill = s.registerRequests();

        try (AppProcess second = AppProcess.start(data, log, args())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> s.registerRequests() >= afterFirstKill + 8);
            second.kill();
        }

        try (AppProcess third = AppProcess.start(data, log, args())) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode page = third.json("/api/v1/tenants/crash/claims?status=REGISTERED&size=500");
                assertThat(page.path("total").asInt()).as("registered claims; log in %s", log).isEqualTo(40);
            });
            Map<String, Long> atAgency = s.agencyClaims();
            assertThat(atAgency).hasSize(40);
            for (Invoice inv : invoices) {
                JsonNode claim = third.json("/api/v1/tenants/crash/claims/" + inv.id());
                assertThat(claim.path("agencyClaimId").asText()).as("claim of %s", inv.id())
                        .isEqualTo(atAgency.get(inv.id()).toString());
            }
            // each invoice was sent at most once per life of the process that was killed while sending it
            Map<String, Integer> perInvoice = new HashMap<>();
            for (String body : s.registerBodies()) {
                perInvoice.merge(Upstreams.JSON.readTree(body).path("accountingInvoiceId").asText(), 1, Integer::sum);
            }
            assertThat(perInvoice.values()).allMatch(n -> n <= 3);
            assertThat(perInvoice.values().stream().mapToInt(Integer::intValue).sum() - 40)
                    .as("repeats (each answered 409 and adopted)").isLessThanOrEqualTo(2 * 4);
        }
    }

    @Test
    void claimsLeftPendingWhileTheAgencyWasDownCompleteOnceAfterARestart() throws Exception {
        var s = Upstreams.slice();
        List<Invoice> invoices = IntStream.rangeClosed(1, 10).mapToObj(i -> Invoice.overdue(Integer.toString(30_000 + i))).toList();
        s.standard(invoices.toArray(Invoice[]::new));
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).willReturn(Upstreams.status(503)));
        Path log = Files.createTempFile("indriva-restart-", ".log");

        try (AppProcess first = AppProcess.start(data, log, args())) {
            first.call("PUT", "/api/v1/tenants/restart", s.tenantJson(10, "0", List.of()).toString());
            first.call("POST", "/api/v1/tenants/restart/poll", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> s.registerRequests() >= 20);
            JsonNode pending = first.json("/api/v1/tenants/restart/claims?status=PENDING&size=500");
            assertThat(pending.path("total").asInt()).isEqualTo(10);
            first.stop();
        }
        s.kravia();

        try (AppProcess second = AppProcess.start(data, log, args())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(second.json("/api/v1/tenants/restart/claims?status=REGISTERED&size=500").path("total").asInt()).isEqualTo(10));
            assertThat(s.agencyClaims()).hasSize(10);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> s.agencyClaims().size() == 10);
        }
    }
}
