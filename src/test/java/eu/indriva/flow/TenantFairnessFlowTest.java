package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Tenants are independent: a big tenant's backlog, queued first, does not delay a small tenant
 * polled after it. Each tenant is its own Procountor company (its own API client and limit).
 * With 10 requests per second per client, a tenant registers about 1.8 claims per second.
 */
@TestPropertySource(properties = {"indriva.procountor.requests-per-second=10", "indriva.register.consumers=4"})
// the big tenant's remaining claims would go on registering beside the next test classes
@DirtiesContext
class TenantFairnessFlowTest extends AppTestBase {

    private static final int BIG = 150;
    private static final int SMALL = 6;

    @Test
    void aSmallTenantsClaimsAreRegisteredWhileABigTenantStillHasHundredsQueued() {
        var big = Upstreams.slice();
        List<Invoice> bigInvoices = IntStream.rangeClosed(1, BIG).mapToObj(i -> Invoice.overdue(Integer.toString(20_000 + i))).toList();
        big.standard(bigInvoices.toArray(Invoice[]::new));
        String bigTenant = createTenant(big);
        var small = Upstreams.slice();
        List<Invoice> smallInvoices = IntStream.rangeClosed(1, SMALL).mapToObj(i -> Invoice.overdue(Integer.toString(30_000 + i))).toList();
        small.standard(smallInvoices.toArray(Invoice[]::new));
        String smallTenant = createTenant(small);

        poll(bigTenant);
        // the big tenant's tickets are queued and registration is under way
        await().atMost(Duration.ofSeconds(20)).until(() -> count(bigTenant, "REGISTERED") >= 2);
        assertThat(count(bigTenant, "PENDING")).isGreaterThan(BIG - 20);

        Instant polled = Instant.now();
        poll(smallTenant);
        smallInvoices.forEach(inv -> awaitStatus(smallTenant, inv.id(), "REGISTERED"));
        Duration took = Duration.between(polled, Instant.now());

        // 6 claims at the small tenant's own pace (~1.8/s) take about 3 s; behind the big tenant's
        // backlog (~80 s of its pace) they would take over a minute
        assertThat(took).as("small tenant's poll to its last claim registered").isLessThan(Duration.ofSeconds(15));
        assertThat(count(bigTenant, "PENDING")).as("the big tenant's claims still queued").isGreaterThan(BIG / 2);
        assertThat(small.registerRequests()).isEqualTo(SMALL);
        // each tenant's own limit held: never more than 10 requests to its Procountor in any second
        assertThat(big.busiestProcountorSecond()).isLessThanOrEqualTo(10);
        assertThat(small.busiestProcountorSecond()).isLessThanOrEqualTo(10);
    }

    private int count(String tenant, String status) {
        JsonNode page = api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/claims?status=" + status + "&size=1", null).getBody();
        return page.path("total").asInt();
    }
}
