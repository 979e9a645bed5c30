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

    private volatile boolean started;

    /**
     * Tickets to send again. The first run after start-up re-sends every PENDING claim's ticket with
     * its dispatch key: the broker drops it if that ticket is still queued, and delivers it if the
     * crash came between selection and send. Later runs only touch claims without progress for
     * longer than any back-off (their ticket was seen by the broker but is gone): they get a new
     * dispatch key, which makes any old ticket stale, so no claim can stay PENDING for ever. A
     * backlog of fresh PENDING claims costs the periodic run nothing.
     */
    public List<ClaimTicket> stalePending() {
        Instant now = Instant.now();
        if (!started) {
            started = true;
            return claims.pendingSince(now);
        }
        List<ClaimTicket> out = new ArrayList<>();
        for (ClaimTicket t : claims.pendingSince(now.minus(stale))) {
            claims.rotateDispatch(t.tenantId(), t.invoiceId(), t.dispatchKey(), "no progress for " + stale.toMinutes()
                    + " min; its ticket is sent again").ifPresent(out::add);
            log.warn("tenant={} invoice={} PENDING without progress for {} min; ticket sent again", t.tenantId(), t.invoiceId(),
                    stale.toMinutes());
        }
        return out;
    }
}
