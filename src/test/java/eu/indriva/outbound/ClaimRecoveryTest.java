package eu.indriva.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimTicket;
import eu.indriva.claim.InvoiceFacts;
import eu.indriva.config.IndrivaProperties;
import eu.indriva.support.MutableClock;
import eu.indriva.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What claim-recovery re-sends after a restart, on a real H2 file database. */
class ClaimRecoveryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().plusSeconds(1));

    @Test
    void aClaimUntouchedSinceTheRestartGetsANewTicketAMinuteAfterStartUpOnce() {
        DriverManagerDataSource ds = TestDatabase.migrated("h2", dir);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.update("INSERT INTO tenant (id, name, enabled, settings, created_at, updated_at) VALUES ('t1', 't1', TRUE, '{}', ?, ?)",
                Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        ClaimRepository claims = new ClaimRepository(jdbc, new DataSourceTransactionManager((DataSource) ds));
        String oldKey = claims.select("t1", new InvoiceFacts("5001", "N5001", "C-1", new BigDecimal("100.00"), "SEK",
                LocalDate.now().minusDays(30)), false).state().dispatchKey();
        ClaimRecovery recovery = new ClaimRecovery(claims, properties(), clock);

        // at start-up: the ticket again, with its dispatch key (the broker drops it if it is still queued)
        assertThat(recovery.stalePending()).extracting(ClaimTicket::dispatchKey).containsExactly(oldKey);
        clock.advance(Duration.ofSeconds(30));
        assertThat(recovery.stalePending()).isEmpty();
        // a minute after start-up, still untouched: a new dispatch key and ticket (any old ticket is now stale)
        clock.advance(Duration.ofSeconds(31));
        List<ClaimTicket> again = recovery.stalePending();
        assertThat(again).hasSize(1);
        String newKey = again.get(0).dispatchKey();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(claims.state("t1", "5001").orElseThrow().dispatchKey()).isEqualTo(newKey);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_history WHERE event = 'REDISPATCHED'", Integer.class)).isEqualTo(1);
        // once only: later runs leave it to the stale check (20 min with the default back-off)
        clock.advance(Duration.ofMinutes(5));
        assertThat(recovery.stalePending()).isEmpty();
    }

    /** Every default, as the application binds them (no constructor to keep in step with each new setting). */
    private static IndrivaProperties properties() {
        return new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
                .bindOrCreate("indriva", IndrivaProperties.class);
    }

}
