package eu.indriva.config;

import java.time.Duration;
import eu.indriva.tenant.SecretCipher;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndrivaProperties.class)
public class IndrivaConfig {

    /** Fails start-up, with a how-to, when the key is missing or malformed. */
    @Bean
    SecretCipher secretCipher(IndrivaProperties props) {
        return new SecretCipher(StartupChecks.secretsKey(props.secrets().key()));
    }

    @Bean
    AdminToken adminToken(IndrivaProperties props) {
        return new AdminToken(StartupChecks.adminToken(props.admin().token()));
    }

    /**
     * The "jms" component of the routes. The transaction manager is the component's own, not a
     * bean, so Spring's JDBC transaction manager stays the application's default; a transacted
     * route's sends join the consumer's local JMS transaction because both use this factory.
     */
    /** The leases of RunGuard (table INT_LOCK, migration V9); each instance is a client of its own. */
    @Bean
    org.springframework.integration.jdbc.lock.DefaultLockRepository runLockRepository(javax.sql.DataSource dataSource,
                                                                                       IndrivaProperties props) {
        var repository = new org.springframework.integration.jdbc.lock.DefaultLockRepository(dataSource);
        repository.setRegion("indriva-runs");
        repository.setTimeToLive((int) props.cluster().lockTtl().toMillis());
        return repository;
    }

    @Bean(destroyMethod = "close")
    eu.indriva.queue.RunGuard runGuard(org.springframework.integration.jdbc.lock.DefaultLockRepository runLockRepository,
                                        IndrivaProperties props) {
        return new eu.indriva.queue.RunGuard(new org.springframework.integration.jdbc.lock.JdbcLockRegistry(runLockRepository),
                props.cluster().lockTtl());
    }

    /** The accounting systems' limits for all instances together: only when several instances share a PostgreSQL database. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "indriva.cluster.shared-limits", havingValue = "true")
    eu.indriva.upstream.SharedWindow sharedWindow(javax.sql.DataSource dataSource, IndrivaProperties props) {
        // a request whose instance died stops counting after twice the read timeout
        return new eu.indriva.upstream.SharedWindow(dataSource, Duration.ofSeconds(1),
                props.http().readTimeout().multipliedBy(2));
    }

    @Bean
    eu.indriva.upstream.UrlRules urlRules(IndrivaProperties props) {
        return new eu.indriva.upstream.UrlRules(props.security().allowInsecureUrls(),
                props.accounting().allowedHosts(), props.agency().allowedHosts());
    }

    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponentTransacted(connectionFactory, new JmsTransactionManager(connectionFactory));
        jms.setTransacted(false);
        return jms;
    }

    /**
     * The embedded broker's safety net below the application's own retry policy: a ticket whose
     * processing throws (a bug, the database down) is redelivered with back-off, then parked on DLQ.
     */
    @Bean
    ArtemisConfigurationCustomizer brokerTuning(IndrivaProperties props) {
        return config -> {
            config.setIDCacheSize(200_000);
            config.setPersistIDCache(true);
            // what `artemis create` measures for a disk; the default 3.3 ms is the floor of every durable send
            config.setJournalBufferTimeout_NIO(500_000);
            config.setJournalDatasync(true);
            config.getAddressSettings().computeIfAbsent("#", k -> new AddressSettings())
                    .setRedeliveryDelay(props.broker().redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000)
                    .setMaxDeliveryAttempts(props.broker().maxDeliveryAttempts());
            // the dead-letter route parks each DLQ message in the database; while it cannot (the
            // database is down) the message stays on DLQ and is tried again, never dropped
            config.getAddressSettings().put("DLQ", new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(5_000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000));
        };
    }
}
