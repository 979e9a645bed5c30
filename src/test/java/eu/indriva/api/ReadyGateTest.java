package eu.indriva.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The gate in front of the admin API and the webhooks while Indriva starts or stops. */
class ReadyGateTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final ReadyGate gate = new ReadyGate(availability);
    private final StaticApplicationContext context = new StaticApplicationContext();

    private MockHttpServletResponse call(String path, AtomicInteger passed) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                passed.incrementAndGet();
                res.setStatus(200);
            }
        }));
        return response;
    }

    @Test
    void beforeTheApplicationIsReadyTheApiAndTheWebhooksAnswer503WithRetryAfter() throws Exception {
        AtomicInteger passed = new AtomicInteger();

        for (String path : new String[] {"/webhooks/kravia/acme", "/api/v1/tenants"}) {
            MockHttpServletResponse r = call(path, passed);
            assertThat(r.getStatus()).as(path).isEqualTo(503);
            assertThat(r.getHeader("Retry-After")).isEqualTo("5");
            assertThat(r.getContentAsString()).contains("\"error\":\"not_ready\"").contains("starting or stopping");
        }
        assertThat(passed).hasValue(0);
    }

    @Test
    void whenReadyEverythingPassesAndWhenRefusingAgainTheGateCloses() throws Exception {
        AtomicInteger passed = new AtomicInteger();
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(context, ReadinessState.ACCEPTING_TRAFFIC));

        assertThat(call("/webhooks/kravia/acme", passed).getStatus()).isEqualTo(200);
        assertThat(call("/api/v1/tenants", passed).getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(2);

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(context, ReadinessState.REFUSING_TRAFFIC));
        assertThat(call("/webhooks/kravia/acme", passed).getStatus()).isEqualTo(503);
        assertThat(passed).hasValue(2);
    }

    @Test
    void otherPathsAreNotGated() throws Exception {
        AtomicInteger passed = new AtomicInteger();

        assertThat(call("/hawtio/index.html", passed).getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(1);
    }
}
