package eu.indriva.outbound;

import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * After a crash, a claim may be PENDING without a ticket on the queue (selected, then killed
 * before the send). Re-sending its ticket is safe: the broker drops a ticket whose duplicate id
 * it has already seen, and the registrar ignores one for a claim that moved on.
 */
@Component("claimRecovery")
public class ClaimRecovery {

    private final ClaimRepository claims;

    public ClaimRecovery(ClaimRepository claims) {
        this.claims = claims;
    }

    public List<ClaimTicket> stalePending() {
        return claims.pendingSince(Instant.now().minus(Duration.ofSeconds(30)));
    }
}
