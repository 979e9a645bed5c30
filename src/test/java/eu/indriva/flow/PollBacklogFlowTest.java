package eu.indriva.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static eu.indriva.support.Upstreams.KRAVIA;
import static eu.indriva.support.Upstreams.PROCOUNTOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The poll stays at most indriva.poll.max-backlog claims ahead of registration. */
@TestPropertySource(properties = "indriva.poll.max-backlog=2")
class PollBacklogFlowTest extends AppTestBase {

    @Test
    void thePollReadsTheNextPageOnlyWhenRegistrationHasCaughtUp() {
        var s = Upstreams.slice();
        List<Invoice> all = IntStream.rangeClosed(1, 6).mapToObj(i -> Invoice.overdue(Integer.toString(9100 + i))).toList();
        s.token();
        s.kravia();
        // the agency takes 800 ms per registration
        KRAVIA.stubFor(post(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")).willReturn(okJson("{}").withFixedDelay(800)));
        s.searchPages(2, List.of(all.subList(0, 2), all.subList(2, 4), all.subList(4, 6)));
        all.forEach(s::invoice);
        String tenant = createTenant(s);

        poll(tenant);

        all.forEach(inv -> awaitStatus(tenant, inv.id(), "REGISTERED"));
        assertThat(s.registerRequests()).isEqualTo(6);
        // pages 0 and 1 make a backlog of 4 > 2: page 2 is read only after a registration has been answered
        List<LoggedRequest> searches = PROCOUNTOR.findAll(getRequestedFor(urlPathEqualTo(s.prefix + "/invoices")));
        LoggedRequest lastPage = searches.stream().filter(r -> "2".equals(r.queryParameter("page").firstValue())).findFirst()
                .orElseThrow();
        LoggedRequest firstRegister = KRAVIA.findAll(postRequestedFor(urlPathEqualTo(s.prefix + "/api/v2/invoice/register")))
                .stream().min(Comparator.comparing(LoggedRequest::getLoggedDate)).orElseThrow();
        assertThat(lastPage.getLoggedDate().getTime() - firstRegister.getLoggedDate().getTime())
                .as("ms between the first registration request and the read of the last page")
                .isGreaterThanOrEqualTo(800);
    }
}
