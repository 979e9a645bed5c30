package eu.indriva.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every {@code indriva.*} setting, with its default. The README's configuration table mirrors this. */
@ConfigurationProperties("indriva")
public record IndrivaProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Admin admin,
        @DefaultValue Secrets secrets,
        @DefaultValue Http http,
        @DefaultValue Retry retry,
        @DefaultValue Poll poll,
        @DefaultValue Register register,
        @DefaultValue Procountor procountor,
        @DefaultValue Circuit circuit) {

    public record Admin(String token) {}

    public record Secrets(String key) {}

    public record Http(@DefaultValue("PT5S") Duration connectTimeout, @DefaultValue("PT30S") Duration readTimeout) {}

    public record Retry(
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("PT5S") Duration initialDelay,
            @DefaultValue("PT10M") Duration maxDelay) {}

    /**
     * @param maxBacklog the most claims the poll keeps selected ahead of registration (queued, not yet tried);
     *                   it reads the next page when registration has caught up
     * @param stallTimeout how long the poll waits for registration to make progress before it stops (the next
     *                     poll goes on where it stopped)
     */
    public record Poll(@DefaultValue("PT10S") Duration tick, @DefaultValue("1000") int maxBacklog,
                       @DefaultValue("PT2M") Duration stallTimeout) {}

    public record Register(@DefaultValue("4") int consumers) {}

    public record Procountor(@DefaultValue("20") int requestsPerSecond) {}

    public record Circuit(@DefaultValue("5") int failureThreshold, @DefaultValue("PT30S") Duration openFor) {}
}
