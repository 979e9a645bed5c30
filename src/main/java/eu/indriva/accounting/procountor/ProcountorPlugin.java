package eu.indriva.accounting.procountor;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.connectors.AccountingConnector;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.SettingsBlock;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantSecrets;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Procountor as an accounting system: its REST API (baseUrl), the API client a tenant's company
 * authorised (clientId, clientSecret, apiKey; redirectUri when the client was registered with one),
 * and its limit of 20 requests per second per API client ({@code indriva.procountor.*}).
 */
@Component
public class ProcountorPlugin implements AccountingConnector {

    static final String SYSTEM = "procountor";
    static final String CLIENT_SECRET = "clientSecret";
    static final String API_KEY = "apiKey";

    private final RateLimit rateLimit;

    @org.springframework.beans.factory.annotation.Autowired
    public ProcountorPlugin(IndrivaProperties props) {
        this(new RateLimit(props.procountor().requestsPerSecond(), props.procountor().maxWait()));
    }

    /** With a limit of its own (tests). */
    public ProcountorPlugin(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String name() {
        return "Procountor";
    }

    @Override
    public void readSettings(SettingsBlock block) {
        block.url("baseUrl");
        block.text("clientId", true);
        block.text("redirectUri", false);
    }

    @Override
    public java.util.List<FormField> formFields() {
        return java.util.List.of(FormField.text("baseUrl", true), FormField.text("clientId", true), FormField.text("redirectUri", false),
                FormField.secret(CLIENT_SECRET, true), FormField.secret(API_KEY, true));
    }

    @Override
    public Set<String> secretFields() {
        return Set.of(CLIENT_SECRET, API_KEY);
    }

    @Override
    public void checkSecrets(Map<String, String> secrets, String whyRequired) {
        for (String f : new String[] {CLIENT_SECRET, API_KEY}) {
            if (secrets.get(f) == null) {
                throw Problem.badField("accounting." + f, whyRequired);
            }
        }
    }

    @Override
    public Endpoint endpoint(Map<String, Object> settings) {
        return new Endpoint(URI.create((String) settings.get("baseUrl")), "accounting.baseUrl");
    }

    @Override
    public String rateClient(Map<String, Object> settings) {
        return settings.get("baseUrl") + "|" + settings.get("clientId");
    }

    @Override
    public RateLimit rateLimit() {
        return rateLimit;
    }

    @Override
    public AccountingSystem create(Tenant tenant, TenantSecrets secrets, UpstreamHttp http, SlidingWindowRateLimiter limiter,
                                   ObjectMapper json) {
        Tenant.Connection a = tenant.accounting();
        return ProcountorAdapter.create(a.text("baseUrl"), a.text("clientId"), secrets.accounting(CLIENT_SECRET), secrets.accounting(API_KEY),
                a.text("redirectUri"), http, limiter, json, Clock.systemUTC());
    }
}
