package eu.indriva.agency.kravia;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyService;
import eu.indriva.connectors.AgencyConnector;
import eu.indriva.connectors.WebhookReader;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantSecrets;
import eu.indriva.upstream.UpstreamHttp;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.SettingsBlock;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Kravia as an agency system. Its claimType carries the service: {@code CollectionCase} is
 * collection, {@code Invoice} ("an invoice Kravia distributes and follows up", handed over when it
 * is overdue) is the reminder service. Kravia is not handed invoices before they are overdue, so the
 * invoice service is not offered.
 */
@Component
public class KraviaPlugin implements AgencyConnector {

    @Override
    public String system() {
        return KraviaAdapter.SYSTEM;
    }

    @Override
    public String name() {
        return "Kravia";
    }

    @Override
    public Set<AgencyService> services() {
        return Set.of(AgencyService.COLLECTION, AgencyService.REMINDER);
    }

    /** Kravia's CaseUpdate callbacks ({@link KraviaWebhooks}). */
    private static final WebhookReader WEBHOOKS = body -> {
        KraviaWebhooks.CaseUpdate u;
        try {
            u = KraviaWebhooks.parse(body);
        } catch (KraviaWebhooks.BadWebhook e) {
            throw new WebhookReader.Malformed(e.field(), e.getMessage());
        }
        return new WebhookReader.Event(u.eventType(), "CaseUpdate".equals(u.eventType()), Long.toString(u.claimId()), u.timestamp(),
                u.signature() != null, secret -> KraviaWebhooks.signatureValid(u, secret));
    };

    @Override
    public java.util.Optional<WebhookReader> webhooks() {
        return java.util.Optional.of(WEBHOOKS);
    }

    /** The API token (required) and the secret its webhooks are signed with (optional: unsigned webhooks are then taken). */
    static final String TOKEN = "token";

    @Override
    public void readSettings(SettingsBlock block) {
        block.url("baseUrl");
        Long creditorId = block.number("creditorId", false);
        if (creditorId == null || creditorId <= 0) {
            throw Problem.badField(block.field("creditorId"), "is required: the positive creditor id the agency gave at onboarding");
        }
    }

    @Override
    public java.util.List<FormField> formFields() {
        return java.util.List.of(FormField.text("baseUrl", true), FormField.number("creditorId", true),
                FormField.secret(TOKEN, true), FormField.secret(WebhookReader.SECRET, false));
    }

    @Override
    public Set<String> secretFields() {
        return Set.of(TOKEN, WebhookReader.SECRET);
    }

    @Override
    public void checkSecrets(Map<String, String> secrets, String whyRequired) {
        if (secrets.get(TOKEN) == null) {
            throw Problem.badField("agency." + TOKEN, whyRequired);
        }
    }

    @Override
    public String account(Map<String, Object> settings) {
        return "creditor " + settings.get("creditorId");
    }

    @Override
    public Endpoint endpoint(Map<String, Object> settings) {
        return new Endpoint(URI.create((String) settings.get("baseUrl")), "agency.baseUrl");
    }

    @Override
    public Agency create(Tenant tenant, TenantSecrets secrets, UpstreamHttp http, ObjectMapper json) {
        Tenant.Connection g = tenant.agency();
        return new KraviaAdapter(g.text("baseUrl"), secrets.agency(TOKEN), g.number("creditorId"), http, json);
    }
}
