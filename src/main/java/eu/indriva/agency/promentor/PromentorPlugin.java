package eu.indriva.agency.promentor;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyService;
import eu.indriva.connectors.AgencyConnector;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.SettingsBlock;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantSecrets;
import eu.indriva.upstream.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Promentor Finans as an agency system: an SFTP account per tenant (host, port, user, the server's
 * pinned host-key fingerprint, creditorNo; a private key or a password), and all three services.
 * Offered unless {@code indriva.promentor.enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "indriva.promentor.enabled", havingValue = "true", matchIfMissing = true)
public class PromentorPlugin implements AgencyConnector {

    static final String SYSTEM = "promentor";
    static final String NAME = "Promentor";
    static final String PRIVATE_KEY = "privateKey";
    static final String PASSWORD = "password";

    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");
    /** As {@code ssh-keygen -lf} prints it: SHA256 and 43 base64 characters without padding. */
    private static final Pattern FINGERPRINT = Pattern.compile("^SHA256:[A-Za-z0-9+/]{43}$");

    private final CamelContext camel;
    private final PromentorStore store;
    private final PromentorAdapter.Tuning tuning;
    private final Duration pollInterval;
    private final Duration timeout;

    private final eu.indriva.tenant.TenantAttention attention;
    private final eu.indriva.queue.RunGuard guard;

    public PromentorPlugin(CamelContext camel, JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                           eu.indriva.tenant.TenantAttention attention, eu.indriva.queue.RunGuard guard,
                           @Value("${indriva.promentor.batch-size:500}") int batchSize,
                           @Value("${indriva.promentor.receipt-timeout:PT24H}") Duration receiptTimeout,
                           @Value("${indriva.promentor.poll-interval:PT5M}") Duration pollInterval,
                           @Value("${indriva.promentor.timeout:PT30S}") Duration timeout) {
        this.camel = camel;
        this.attention = attention;
        this.guard = guard;
        this.store = new PromentorStore(jdbc, new TransactionTemplate(transactions), json);
        this.tuning = new PromentorAdapter.Tuning(batchSize, receiptTimeout);
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<AgencyService> services() {
        return Set.of(AgencyService.INVOICE, AgencyService.REMINDER, AgencyService.COLLECTION);
    }

    @Override
    public void readSettings(SettingsBlock block) {
        String host = block.text("host", true);
        if (!HOST.matcher(host).matches()) {
            throw Problem.badField(block.field("host"), "must be a host name or address such as sftp.promentor.se (no scheme, no path)");
        }
        Long port = block.number("port", false);
        if (port != null && (port < 1 || port > 65535)) {
            throw Problem.badField(block.field("port"), port + " is not a TCP port (1-65535)");
        }
        block.keep("port", port == null ? 22L : port);
        block.text("user", true);
        String pin = block.text("hostKeyFingerprint", true);
        if (!FINGERPRINT.matcher(pin).matches()) {
            throw Problem.badField(block.field("hostKeyFingerprint"), "must be the server's SHA-256 host key fingerprint as "
                    + "ssh-keygen -lf prints it (SHA256: and 43 characters); ask Promentor for it, never take it from the connection");
        }
        block.digits("creditorNo", true);
    }

    @Override
    public java.util.List<FormField> formFields() {
        return java.util.List.of(FormField.text("host", true), FormField.number("port", false), FormField.text("user", true),
                FormField.text("hostKeyFingerprint", true), FormField.text("creditorNo", true),
                new FormField(PRIVATE_KEY, FormField.Kind.SECRET_MULTILINE, false), FormField.secret(PASSWORD, false));
    }

    @Override
    public Set<String> secretFields() {
        return Set.of(PRIVATE_KEY, PASSWORD);
    }

    @Override
    public void checkSecrets(Map<String, String> secrets, String whyRequired) {
        String key = secrets.get(PRIVATE_KEY);
        if (key == null && secrets.get(PASSWORD) == null) {
            throw Problem.badField("agency." + PRIVATE_KEY, whyRequired + " (or agency." + PASSWORD + ")");
        }
        if (key != null && !key.trim().startsWith("-----BEGIN ")) {
            throw Problem.badField("agency." + PRIVATE_KEY, "must be a private key in OpenSSH or PEM format (-----BEGIN ...)");
        }
    }

    @Override
    public String account(Map<String, Object> settings) {
        return "creditor " + settings.get("creditorNo");
    }

    @Override
    public Endpoint endpoint(Map<String, Object> settings) {
        return new Endpoint(URI.create("sftp://" + settings.get("host") + ":" + settings.get("port")), "agency.host");
    }

    @Override
    public Optional<Duration> syncInterval() {
        return Optional.of(pollInterval);
    }

    @Override
    public Agency create(Tenant tenant, TenantSecrets secrets, UpstreamHttp http, ObjectMapper json) {
        Tenant.Connection g = tenant.agency();
        SftpAccount sftp = new SftpAccount(camel, new SftpAccount.Login(g.text("host"), g.number("port").intValue(), g.text("user"),
                g.text("hostKeyFingerprint"), secrets.agency(PRIVATE_KEY), secrets.agency(PASSWORD)), timeout, http.breaker(),
                why -> attention.flag(tenant.id(), why));
        String sending = "promentor-send:" + tenant.id();
        return new PromentorAdapter(tenant.id(), g.text("creditorNo"), sftp, store, tuning, Clock.systemUTC(), work -> {
            if (!guard.tryStart(sending)) {
                return false;
            }
            try {
                work.run();
            } finally {
                guard.finish(sending);
            }
            return true;
        });
    }

    /** The store, for the operations API's list of lines that need a person. */
    public PromentorStore store() {
        return store;
    }
}
