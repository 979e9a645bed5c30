package eu.indriva.inbound;

import eu.indriva.connectors.AgencyConnector;
import eu.indriva.connectors.WebhookReader;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.queue.QueueDepths;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRepository;
import eu.indriva.tenant.TenantRequests;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An agency's webhook, at /webhooks/{system}/{tenantId} (indriva-api.yaml: /webhooks/kravia/{tenantId}).
 * The agency system's bean reads and checks the body ({@link WebhookReader}); a system that sends
 * no webhooks, or a tenant on another agency, is 404. Checks, in this order: size (413), intake
 * limit (429 with Retry-After), tenant (404), shape (400), signature when the tenant has a secret (401).
 * An event that is not a CaseUpdate, or names a claim Indriva does not know, is 200 and ignored:
 * the sender cannot filter and would retry a 4xx. An accepted event is on the persistent queue
 * before the 200. No call to Kravia or Procountor happens here.
 */
@RestController
public class AgencyWebhookController {

    static final int MAX_BODY = 64 * 1024;

    private final TenantRepository tenants;
    private final ClaimRepository claims;
    private final ProducerTemplate camel;
    private final MeterRegistry meters;

    /** The key under which webhooks for tenants Indriva does not know share one allowance. */
    static final String UNKNOWN_TENANTS = " unknown";

    private final IntakeLimiter intake;
    private final java.util.function.LongSupplier queued;
    private final int maxQueued;

    /** The webhook readers of the agency systems that send webhooks, by system id. */
    private final Map<String, WebhookReader> readers = new java.util.HashMap<>();

    public AgencyWebhookController(TenantRepository tenants, ClaimRepository claims, ProducerTemplate camel, MeterRegistry meters,
                                   eu.indriva.config.IndrivaProperties props, QueueDepths depth, java.util.List<AgencyConnector> agencies) {
        agencies.forEach(a -> a.webhooks().ifPresent(r -> readers.put(a.system(), r)));
        this.intake = new IntakeLimiter(props.webhooks().perTenantPerSecond(), props.webhooks().burst(), 100_000, System::nanoTime);
        this.queued = depth::events;
        this.maxQueued = props.webhooks().maxQueued();
        this.tenants = tenants;
        this.claims = claims;
        this.camel = camel;
        this.meters = meters;
    }

    @PostMapping("/webhooks/{system}/{tenantId}")
    public ResponseEntity<Map<String, Object>> caseUpdate(@PathVariable String system, @PathVariable String tenantId,
                                                          HttpServletRequest request) throws IOException {
        WebhookReader reader = readers.get(system);
        if (reader == null) {
            return answer(404, "not_found", "no webhooks for agency system " + (system.matches("[a-z0-9-]{1,32}") ? system : "(unknown)"));
        }
        byte[] body = readAtMost(request, MAX_BODY);
        if (body == null) {
            return answer(413, "too_large", "the body is over 64 KiB");
        }
        // a tenant on another agency is not this system's to call back
        Optional<Tenant> tenant = TenantRequests.TENANT_ID.matcher(tenantId).matches()
                ? tenants.find(tenantId).filter(t -> t.agency().system().equals(system)) : Optional.empty();
        // a flood for one tenant (or for tenants nobody knows) neither grows the broker nor takes the others' share
        long wait = intake.take(tenant.isPresent() ? tenantId : UNKNOWN_TENANTS);
        if (wait == 0 && queued.getAsLong() >= maxQueued) {
            wait = 30;
        }
        if (wait > 0) {
            count(tenant.isPresent() ? tenantId : "unknown", "throttled");
            ResponseEntity<Map<String, Object>> slow = answer(429, "too_many_requests",
                    "too many webhooks for this tenant just now; send it again in " + wait + " s");
            return ResponseEntity.status(429).header("Retry-After", Long.toString(wait)).body(slow.getBody());
        }
        if (tenant.isEmpty()) {
            return answer(404, "not_found", "no tenant " + tenantId);
        }
        WebhookReader.Event update;
        try {
            update = reader.read(body);
        } catch (WebhookReader.Malformed e) {
            return answer(400, "invalid_webhook", e.getMessage(), e.field());
        }
        String secret;
        try {
            secret = tenants.secrets(tenantId).agency(WebhookReader.SECRET);
        } catch (eu.indriva.tenant.TenantSecretsUnreadable e) {
            // not stored: the agency retries, and the event is taken once the secrets are entered again
            count(tenantId, "tenant_needs_attention");
            return answer(503, "tenant_needs_attention", "tenant " + tenantId + " cannot check webhooks now; try again later");
        }
        if (secret != null && !update.signatureMatches().test(secret)) {
            count(tenantId, "bad_signature");
            return answer(401, "bad_signature", update.signed() ? "the signature does not match" : "the signature is missing");
        }
        if (!update.claimChanged() || update.agencyClaimId() == null) {
            count(tenantId, "ignored_event_type");
            return answer(200, "ignored", "event type " + update.eventType() + " is not handled");
        }
        String claimId = update.agencyClaimId();
        if (claims.byAgencyClaim(tenantId, claimId).isEmpty()) {
            count(tenantId, "ignored_unknown_claim");
            return answer(200, "ignored", "claim " + claimId + " is not one of this tenant's");
        }
        camel.sendBody("direct:agency-event-intake", new AgencyEvent(tenantId, claimId, update.timestamp(), 0));
        count(tenantId, "accepted");
        return answer(200, "accepted", "stored; it will be processed");
    }

    /**
     * Answers 200 and does nothing else: lets an agency (or a load test) check that the webhook
     * endpoint is reachable, and is the baseline the webhook benchmark compares against.
     */
    @PostMapping("/webhooks/ping")
    public ResponseEntity<Map<String, Object>> ping() {
        return answer(200, "pong", "the webhook endpoint is reachable");
    }

    private void count(String tenantId, String outcome) {
        meters.counter("indriva.webhooks", "tenant", tenantId, "outcome", outcome).increment();
    }

    /** The body, or null when it is longer than {@code max}. */
    private static byte[] readAtMost(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        }
    }

    private static ResponseEntity<Map<String, Object>> answer(int status, String code, String message) {
        return answer(status, code, message, null);
    }

    /** @param field the body's field a 400 is about, or null */
    private static ResponseEntity<Map<String, Object>> answer(int status, String code, String message, String field) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(status == 200 ? "status" : "error", code);
        b.put("message", message);
        if (field != null) {
            b.put("field", field);
        }
        return ResponseEntity.status(status).body(b);
    }
}
