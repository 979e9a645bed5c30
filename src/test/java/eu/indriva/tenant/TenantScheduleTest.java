package eu.indriva.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.indriva.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The schedulers' view of the tenants: who is due, in which order, and tenants saved before the schedule columns. */
class TenantScheduleTest {

    @TempDir
    Path dir;

    private JdbcTemplate jdbc;
    private TenantRepository tenants;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private void open(String database) {
        DriverManagerDataSource ds = TestDatabase.migrated(database, dir);
        jdbc = new JdbcTemplate(ds);
        tenants = new TenantRepository(jdbc, json, new SecretCipher(new byte[32]));
    }

    private static Tenant tenant(String id, boolean enabled, boolean automatic, Duration interval) {
        return new Tenant(id, id, enabled, "SE", ZoneId.of("Europe/Stockholm"),
                new Tenant.Connection("procountor", java.util.Map.of("baseUrl", "https://api.example/" + id, "clientId", "c-" + id)),
                new Tenant.Connection("kravia", java.util.Map.of("baseUrl", "https://agency.example", "creditorId", 1L)),
                new Tenant.Policy(automatic, 0, BigDecimal.ZERO, List.of("SEK"), eu.indriva.agency.AgencyService.COLLECTION, List.of(), interval, false),
                new Tenant.Ledger("1930", "6570", "2640"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void newTenantsAreDueAtOnceLongestOverdueFirstAndOnlyEnabledAutomaticOnes(String database) {
        open(database);
        tenants.save(tenant("a", true, true, Duration.ofMinutes(15)), TenantSecrets.NONE);
        tenants.save(tenant("b", true, true, Duration.ofMinutes(5)), TenantSecrets.NONE);
        tenants.save(tenant("off", false, true, Duration.ofMinutes(15)), TenantSecrets.NONE);
        tenants.save(tenant("manual", true, false, Duration.ofMinutes(15)), TenantSecrets.NONE);
        Instant now = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        assertThat(tenants.duePolls(now, 10)).containsExactly("a", "b");
        assertThat(tenants.duePolls(now, 1)).hasSize(1);
        // 1/900 + 1/300 polls per second
        assertThat(tenants.pollsPerSecond()).isCloseTo(1.0 / 900 + 1.0 / 300, org.assertj.core.data.Offset.offset(1e-9));
        // every enabled tenant is synced with its agency, automatic or not
        assertThat(tenants.dueAgencySyncs(now, 10)).containsExactlyInAnyOrder("a", "b", "manual");

        // a polled tenant is due again one interval after its poll; the others stay due, oldest first
        tenants.pollStarted("a", now, now.plus(Duration.ofMinutes(15)));
        assertThat(tenants.duePolls(now, 10)).containsExactly("b");
        assertThat(tenants.duePolls(now.plus(Duration.ofMinutes(15)), 10)).containsExactly("b", "a");
        tenants.agencySyncStarted("b", now, now.plus(Duration.ofMinutes(15)));
        assertThat(tenants.dueAgencySyncs(now, 10)).containsExactly("a", "manual");

        // a replaced tenant keeps its place in the schedule, with its new settings
        tenants.save(tenant("a", true, false, Duration.ofMinutes(15)), TenantSecrets.NONE);
        assertThat(tenants.duePolls(now.plus(Duration.ofMinutes(15)), 10)).containsExactly("b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRunThatStartedAndNeverEndedIsOfferedAgainFromItsTakeoverTimeWhateverItsKind(String database) {
        open(database);
        TenantRuns runs = new TenantRuns(jdbc);
        tenants.save(tenant("died", true, true, Duration.ofMinutes(15)), TenantSecrets.NONE);
        tenants.save(tenant("ended", true, true, Duration.ofMinutes(15)), TenantSecrets.NONE);
        tenants.save(tenant("manual", true, false, Duration.ofMinutes(15)), TenantSecrets.NONE);
        Instant now = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant takeover = now.plusSeconds(20);
        for (String id : List.of("died", "ended", "manual")) {
            tenants.pollStarted(id, now, now.plus(Duration.ofMinutes(15)));
            runs.started(id, TenantRuns.POLL, takeover);
        }
        runs.ended("ended", TenantRuns.POLL);
        runs.started("died", TenantRuns.AGENCY_SYNC, takeover);

        // while the holder may still be alive, nothing is offered; no poll is due by the schedule either
        assertThat(runs.interrupted(TenantRuns.POLL, takeover.minusMillis(1))).isEmpty();
        assertThat(tenants.duePolls(takeover, 10)).isEmpty();
        // from its takeover time on, a run that never ended is offered, a manual tenant's poll too (an admin asked for it)
        assertThat(runs.interrupted(TenantRuns.POLL, takeover)).containsExactly("died", "manual");
        assertThat(runs.interrupted(TenantRuns.AGENCY_SYNC, takeover)).containsExactly("died");
        assertThat(runs.interrupted(TenantRuns.PAYMENT_SCAN, takeover)).isEmpty();
        // a run still going pushes its takeover time on (a poll waiting for registration to catch up)
        runs.started("manual", TenantRuns.POLL, takeover.plusSeconds(60));
        assertThat(runs.interrupted(TenantRuns.POLL, takeover)).containsExactly("died");
        // the run that takes over ends it
        runs.started("died", TenantRuns.POLL, takeover.plusSeconds(20));
        runs.ended("died", TenantRuns.POLL);
        assertThat(runs.interrupted(TenantRuns.POLL, takeover.plus(Duration.ofHours(1)))).containsExactly("manual");
        // a disabled tenant is not offered
        tenants.save(tenant("manual", false, false, Duration.ofMinutes(15)), TenantSecrets.NONE);
        assertThat(runs.interrupted(TenantRuns.POLL, takeover.plus(Duration.ofHours(1)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void settingsStoredBeforeTheServiceAreReadWithTheServiceTheirClaimTypeStandsFor(String database) {
        open(database);
        tenants.save(tenant("old", true, true, Duration.ofMinutes(15)), TenantSecrets.NONE);
        String stored = jdbc.queryForObject("SELECT settings FROM tenant WHERE id = 'old'", String.class);
        assertThat(stored).contains("\"service\":\"COLLECTION\"");
        jdbc.update("UPDATE tenant SET settings = ? WHERE id = 'old'",
                stored.replace("\"service\":\"COLLECTION\"", "\"claimType\":\"Invoice\"").replace(",\"claimType\":\"CollectionCase\"", ""));

        assertThat(tenants.find("old").orElseThrow().policy().service()).isEqualTo(eu.indriva.agency.AgencyService.REMINDER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void tenantsSavedBeforeTheScheduleColumnsAreGivenTheirSchedule(String database) {
        open(database);
        Instant lastPoll = Instant.parse("2026-12-01T10:00:00Z");
        for (String id : List.of("old", "never")) {
            jdbc.update("INSERT INTO tenant (id, name, enabled, settings, created_at, updated_at, last_poll_at) VALUES (?, ?, TRUE, ?, ?, ?, ?)",
                    id, id, write(tenant(id, true, true, Duration.ofMinutes(30))), Timestamp.from(lastPoll), Timestamp.from(lastPoll),
                    id.equals("old") ? Timestamp.from(lastPoll) : null);
        }
        Instant now = Instant.parse("2026-12-01T10:10:00Z");

        assertThat(tenants.fillSchedules(now, Duration.ofMinutes(15))).isEqualTo(2);
        assertThat(tenants.fillSchedules(now, Duration.ofMinutes(15))).as("once only").isZero();

        // never polled: due now; polled at 10:00 with a 30-minute interval: due at 10:30
        assertThat(tenants.duePolls(now, 10)).containsExactly("never");
        assertThat(tenants.duePolls(Instant.parse("2026-12-01T10:30:00Z"), 10)).containsExactly("never", "old");
        assertThat(tenants.pollsPerSecond()).isCloseTo(2.0 / 1800, org.assertj.core.data.Offset.offset(1e-9));
    }

    private String write(Tenant t) {
        try {
            return json.writeValueAsString(t);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
