package eu.indriva.sandbox;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import eu.indriva.tenant.TenantRequest;
import eu.indriva.tenant.TenantService;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox (profile "sandbox", i.e. ./mvnw spring-boot:run): WireMock serves mappings/ as
 * Procountor and Kravia, and a demo tenant points at them. Never active in the plain jar.
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
                .usingFilesUnderDirectory(root(mappings, "procountor")).containerThreads(20));
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

    @Bean
    ApplicationRunner demoTenant(TenantService tenants, WireMockServer procountorSandbox, WireMockServer kraviaSandbox) {
        return args -> {
            if (tenants.find("demo").isPresent()) {
                return;
            }
            tenants.put("demo", new TenantRequest("Demo Bygg AB (sandbox)", true, "SE", "Europe/Stockholm",
                    new TenantRequest.AccountingIn("procountor", procountorSandbox.baseUrl(), "sandbox-client",
                            "sandbox-client-secret", "sandbox-api-key", null),
                    java.util.Map.of("system", "kravia", "baseUrl", kraviaSandbox.baseUrl(), "token", "sandbox-agency-token",
                            "creditorId", 10759L),
                    new TenantRequest.PolicyIn(true, 10L, new BigDecimal("100.00"), List.of("SEK", "EUR"), null, "COLLECTION",
                            List.of("C-999"), "PT30S", false),
                    null));
            log.info("sandbox: demo tenant 'demo' created against Procountor {} and Kravia {}",
                    procountorSandbox.baseUrl(), kraviaSandbox.baseUrl());
        };
    }

    private static String root(Path mappings, String vendor) {
        Path root = mappings.resolve(vendor);
        if (!Files.isDirectory(root.resolve("mappings"))) {
            throw new IllegalStateException("sandbox stubs not found at " + root.toAbsolutePath()
                    + ": run from the project root or set indriva.sandbox.mappings-dir");
        }
        return root.toString();
    }
}
