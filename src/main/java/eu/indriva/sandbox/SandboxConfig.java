package eu.indriva.sandbox;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import eu.indriva.tenant.TenantRequest;
import eu.indriva.tenant.TenantService;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox (profile "sandbox", i.e. ./mvnw spring-boot:run): WireMock serves mappings/ as
 * Procountor and Kravia, an SFTP server and {@link PromentorSandbox} play Promentor, and two demo
 * tenants point at them ("demo" on Kravia, "demo-promentor" on Promentor). Never active in the
 * plain jar.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "indriva.sandbox.enabled", havingValue = "true")
public class SandboxConfig {

    private static final Logger log = LoggerFactory.getLogger(SandboxConfig.class);

    @Bean
    KraviaSandboxRegistry kraviaSandboxRegistry() {
        return new KraviaSandboxRegistry();
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    WireMockServer procountorSandbox(@Value("${indriva.sandbox.procountor-port}") int port,
                                     @Value("${indriva.sandbox.mappings-dir}") Path mappings) {
        return new WireMockServer(options().port(port).bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(root(mappings, "procountor")).extensions(new ProcountorSandboxLedger()).containerThreads(20));
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    WireMockServer kraviaSandbox(@Value("${indriva.sandbox.kravia-port}") int port,
                                 @Value("${indriva.sandbox.mappings-dir}") Path mappings, KraviaSandboxRegistry registry) {
        return new WireMockServer(options().port(port).bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(root(mappings, "kravia")).extensions(registry).containerThreads(20)
                .withPermittedSystemKeys(CALLBACK_PROPERTY));
    }

    static final String CALLBACK_PROPERTY = "indriva.sandbox.callback-base";

    /**
     * The sandbox Kravia calls Indriva back (WireMock webhooks in mappings/kravia); it learns where
     * from this system property once the HTTP port is known (it may be random in tests).
     */
    @Bean
    org.springframework.context.ApplicationListener<org.springframework.boot.web.context.WebServerInitializedEvent> sandboxCallbackBase() {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() == null) {
                System.setProperty(CALLBACK_PROPERTY, "http://127.0.0.1:" + event.getWebServer().getPort());
            }
        };
    }

    /** A demo tenant's accounting block: the sandbox Procountor and one of its API clients. */
    private static java.util.Map<String, Object> procountor(WireMockServer procountorSandbox, String clientId, String clientSecret,
                                                            String apiKey) {
        return java.util.Map.of("system", "procountor", "baseUrl", procountorSandbox.baseUrl(), "clientId", clientId,
                "clientSecret", clientSecret, "apiKey", apiKey);
    }

    @Bean
    SandboxUsers sandboxUsers(eu.indriva.user.UserService users, @Value("${indriva.data-dir}") Path dataDir,
                              @Value("${indriva.sandbox.web-password:}") String password) {
        return new SandboxUsers(users, dataDir, password);
    }

    @Bean
    ApplicationRunner sandboxSignIn(SandboxUsers users, org.springframework.core.env.Environment env) {
        return args -> log.info("sandbox: the client web is at http://localhost:{}/login; sign in as '{}' (platform admin), 'demo' or '{}' "
                + "(creditor users of those tenants); the password is in {}", env.getProperty("local.server.port", "8080"),
                SandboxUsers.ADMIN, PROMENTOR_TENANT, users.passwordFile().toAbsolutePath());
    }

    @Bean
    ApplicationRunner demoTenant(TenantService tenants, WireMockServer procountorSandbox, WireMockServer kraviaSandbox,
                                 SandboxUsers users) {
        return args -> {
            users.ensure(SandboxUsers.ADMIN, eu.indriva.user.UserRole.PLATFORM_ADMIN, null);
            if (tenants.find("demo").isPresent()) {
                users.ensure("demo", eu.indriva.user.UserRole.CREDITOR, "demo");
                return;
            }
            tenants.put("demo", new TenantRequest("Demo Bygg AB (sandbox)", true, "SE", "Europe/Stockholm",
                    procountor(procountorSandbox, "sandbox-client", "sandbox-client-secret", "sandbox-api-key"),
                    java.util.Map.of("system", "kravia", "baseUrl", kraviaSandbox.baseUrl(), "token", "sandbox-agency-token",
                            "creditorId", 10759L),
                    new TenantRequest.PolicyIn(true, 10L, new BigDecimal("100.00"), List.of("SEK", "EUR"), null, "COLLECTION",
                            List.of("C-999"), "PT30S", false),
                    null));
            log.info("sandbox: demo tenant 'demo' created against Procountor {} and Kravia {}",
                    procountorSandbox.baseUrl(), kraviaSandbox.baseUrl());
            users.ensure("demo", eu.indriva.user.UserRole.CREDITOR, "demo");
        };
    }

    /** Promentor's SFTP server in the sandbox: one account (the demo creditor's), a key pair and host key kept in the data directory. */
    /** The demo creditor's key pair, generated into the data directory at first start. */
    @Bean
    SftpFolderServer.ClientKey promentorSandboxKey(@Value("${indriva.data-dir}") Path dataDir) {
        return SftpFolderServer.clientKeyIn(dataDir.resolve("sandbox-promentor"), PROMENTOR_USER);
    }

    @Bean(destroyMethod = "stop")
    SftpFolderServer promentorSftpSandbox(@Value("${indriva.sandbox.promentor-port}") int port,
                                          @Value("${indriva.data-dir}") Path dataDir, SftpFolderServer.ClientKey promentorSandboxKey) {
        Path home = dataDir.resolve("sandbox-promentor");
        return SftpFolderServer.start("127.0.0.1", port, home.resolve("sftp"), home.resolve("hostkey.ser"),
                new SftpFolderServer.Account(PROMENTOR_USER, null, promentorSandboxKey.publicKey()), null);
    }

    static final String PROMENTOR_USER = "creditor-4716";
    static final String PROMENTOR_CREDITOR = "4716";

    @Bean
    PromentorSandbox promentorSandbox(SftpFolderServer promentorSftpSandbox, @Value("${indriva.data-dir}") Path dataDir,
                                      @Value("${indriva.sandbox.promentor.stage-after:PT1M}") Duration stageAfter,
                                      @Value("${indriva.sandbox.promentor.report-every:PT2M}") Duration reportEvery) {
        return new PromentorSandbox(promentorSftpSandbox.root(), dataDir.resolve("sandbox-promentor").resolve("promentor-state.jsonl"),
                PROMENTOR_CREDITOR, stageAfter, reportEvery, Clock.systemUTC());
    }

    /** The sandbox Promentor's own schedule: it reads /in and answers every tick. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService promentorSandboxDesk(PromentorSandbox promentorSandbox,
                                                  @Value("${indriva.sandbox.promentor.tick:PT5S}") Duration tick) {
        ScheduledExecutorService desk = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sandbox-promentor"));
        desk.scheduleWithFixedDelay(promentorSandbox::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return desk;
    }

    @Bean
    ApplicationRunner promentorDemoTenant(TenantService tenants, WireMockServer procountorSandbox, SftpFolderServer promentorSftpSandbox,
                                          SftpFolderServer.ClientKey promentorSandboxKey, SandboxUsers users) {
        return args -> {
            if (tenants.find(PROMENTOR_TENANT).isPresent()) {
                users.ensure(PROMENTOR_TENANT, eu.indriva.user.UserRole.CREDITOR, PROMENTOR_TENANT);
                return;
            }
            Map<String, Object> agency = new LinkedHashMap<>();
            agency.put("system", "promentor");
            agency.put("host", "127.0.0.1");
            agency.put("port", (long) promentorSftpSandbox.port());
            agency.put("user", PROMENTOR_USER);
            agency.put("hostKeyFingerprint", promentorSftpSandbox.fingerprint());
            agency.put("creditorNo", PROMENTOR_CREDITOR);
            agency.put("privateKey", promentorSandboxKey.privatePem());
            tenants.put(PROMENTOR_TENANT, new TenantRequest("Demo Finans AB (sandbox, Promentor)", true, "SE", "Europe/Stockholm",
                    procountor(procountorSandbox, "sandbox-client-2", "sandbox-client-secret-2", "sandbox-api-key-2"),
                    agency,
                    new TenantRequest.PolicyIn(true, 10L, new BigDecimal("100.00"), List.of("SEK", "EUR"), null, "REMINDER",
                            List.of("C-999"), "PT30S", false),
                    null));
            log.info("sandbox: demo tenant '{}' created against Procountor {} and the sandbox Promentor at sftp://127.0.0.1:{}",
                    PROMENTOR_TENANT, procountorSandbox.baseUrl(), promentorSftpSandbox.port());
            users.ensure(PROMENTOR_TENANT, eu.indriva.user.UserRole.CREDITOR, PROMENTOR_TENANT);
        };
    }

    static final String PROMENTOR_TENANT = "demo-promentor";

    private static String root(Path mappings, String vendor) {
        Path root = mappings.resolve(vendor);
        if (!Files.isDirectory(root.resolve("mappings"))) {
            throw new IllegalStateException("sandbox stubs not found at " + root.toAbsolutePath()
                    + ": run from the project root or set indriva.sandbox.mappings-dir");
        }
        return root.toString();
    }
}
