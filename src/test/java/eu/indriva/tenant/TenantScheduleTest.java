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
                new Tenant.Accounting("procountor", "https://api.example/" + id, "c-" + id, null),
                new Tenant.Agency("kravia", "https://agency.example", 1),
                new Tenant.Policy(automatic, 0, BigDecimal.ZERO, List.of("SEK"), "CollectionCase", List.of(), interval, false),
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
