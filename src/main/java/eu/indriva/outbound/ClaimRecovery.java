package eu.indriva.outbound;

import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimTicket;
import eu.indriva.config.IndrivaProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a crash, a claim may be PENDING without a ticket on the queue (selected, then killed
 * before the send). Re-sending its ticket is safe: the broker drops a ticket whose duplicate id
 * it has already seen, and the registrar ignores one for a claim that moved on.
 */
@Component("claimRecovery")
public class ClaimRecovery {

    private static final Logger log = LoggerFactory.getLogger(ClaimRecovery.class);

    private final ClaimRepository claims;
    private final Duration stale;

    public ClaimRecovery(ClaimRepository claims, IndrivaProperties props) {
        this.claims = claims;
        // a claim waiting for its next attempt is touched at least once per max-delay
        Duration twiceMaxDelay = props.retry().maxDelay().multipliedBy(2);
        this.stale = twiceMaxDelay.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : twiceMaxDelay;
    }

    /**
     * Tickets to send again: PENDING claims untouched for 30 s keep their dispatch key (the broker
     * drops the send if that ticket is still queued); claims untouched for longer than any back-off
     * (their ticket was seen by the broker but is gone) get a new dispatch key, which makes any old
     * ticket stale, so they cannot stay PENDING for ever.
     */
    public List<ClaimTicket> stalePending() {
        Instant now = Instant.now();
        List<ClaimTicket> out = new ArrayList<>();
        for (ClaimTicket t : claims.pendingSince(now.minus(Duration.ofSeconds(30)))) {
            if (claims.untouchedSince(t.tenantId(), t.invoiceId(), now.minus(stale))) {
                claims.rotateDispatch(t.tenantId(), t.invoiceId(), t.dispatchKey(), "no progress for " + stale.toMinutes()
                        + " min; its ticket is sent again").ifPresent(out::add);
                log.warn("tenant={} invoice={} PENDING without progress; ticket sent again", t.tenantId(), t.invoiceId());
            } else {
                out.add(t);
            }
        }
        return out;
    }
}
