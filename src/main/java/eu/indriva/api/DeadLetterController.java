package eu.indriva.api;

import eu.indriva.problem.Problem;
import eu.indriva.queue.DeadLetters;
import eu.indriva.tenant.TenantRequests;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Messages the broker gave up on (claim tickets, agency events): listed, and replayed one by one. */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

    private static final Set<String> PARAMETERS = Set.of("tenantId", "includeReplayed");

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The open ones, oldest first (at most 1000); {@code includeReplayed=true} adds those already replayed. */
    @GetMapping
    public List<DeadLetters.DeadLetter> list(@RequestParam(required = false) String tenantId,
                                             @RequestParam(defaultValue = "false") boolean includeReplayed,
                                             @RequestParam Map<String, String> all) {
        for (String name : all.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw Problem.badField(name, "is not a filter of this list; use " + new TreeSet<>(PARAMETERS));
            }
        }
        if (tenantId != null && !TenantRequests.TENANT_ID.matcher(tenantId).matches()) {
            throw Problem.badField("tenantId", "is not a tenant id");
        }
        return deadLetters.list(tenantId, includeReplayed);
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<DeadLetters.Replay> replay(@PathVariable long id) {
        return ResponseEntity.accepted().body(deadLetters.replay(id));
    }
}
