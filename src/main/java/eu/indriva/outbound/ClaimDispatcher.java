package eu.indriva.outbound;

import eu.indriva.claim.ClaimTicket;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Puts a ticket on the registration queue through the claim-dispatch route (one place for that). */
@Component
public class ClaimDispatcher {

    private final ProducerTemplate camel;

    public ClaimDispatcher(ProducerTemplate camel) {
        this.camel = camel;
    }

    public void dispatch(ClaimTicket ticket) {
        camel.sendBody("direct:claim-dispatch", List.of(ticket));
    }
}
