package eu.indriva.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.indriva.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The poll's page-at-a-time selection and the registration's record of its progress, on an H2
 * file database and on PostgreSQL.
 */
class ClaimRepositoryTest {

    @TempDir
    Path dir;

    private JdbcTemplate jdbc;
    private ClaimRepository claims;

    private void open(String database) {
        DriverManagerDataSource ds = TestDatabase.migrated(database, dir);
        jdbc = new JdbcTemplate(ds);
        for (String tenant : List.of("t1", "t2")) {
            jdbc.update("INSERT INTO tenant (id, name, enabled, settings, created_at, updated_at) VALUES (?, ?, TRUE, '{}', ?, ?)",
                    tenant, tenant, java.sql.Timestamp.from(java.time.Instant.now()), java.sql.Timestamp.from(java.time.Instant.now()));
        }
        claims = new ClaimRepository(jdbc, new DataSourceTransactionManager((DataSource) ds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPageBecomesPendingClaimsWithTheirHistoryInOneGo(String database) {
        open(database);

        List<ClaimRepository.Selection> page = claims.selectAll("t1", facts(1, 201));

        assertThat(page).hasSize(200).allMatch(ClaimRepository.Selection::created);
        assertThat(page).extracting(s -> s.state().invoiceId()).containsExactlyElementsOf(ids(1, 201));
        assertThat(page).allMatch(s -> s.state().status() == ClaimStatus.PENDING && s.state().attempts() == 0);
        // what the page returns is what the database holds
        for (ClaimRepository.Selection s : List.of(page.get(0), page.get(199))) {
            assertThat(claims.state("t1", s.state().invoiceId())).contains(s.state());
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_history WHERE tenant_id = 't1' AND event = 'SELECTED'",
                Integer.class)).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT amount FROM claim WHERE tenant_id = 't1' AND invoice_id = '7'", BigDecimal.class))
                .isEqualByComparingTo("1250.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void knownInvoicesAreNotSelectedAgainAndKeepTheirState(String database) {
        open(database);
        ClaimState manual = claims.select("t1", fact(3), true).state();
        claims.selectAll("t1", facts(1, 3));
        assertThat(claims.reject("t1", "2", claims.state("t1", "2").orElseThrow().dispatchKey(), "bad address")).isTrue();

        // the next poll: 1..3 known (one PENDING manual, one PENDING, one REJECTED), 4 and 5 new, 5 listed twice
        List<ClaimRepository.Selection> page = claims.selectAll("t1", List.of(fact(1), fact(2), fact(3), fact(4), fact(5), fact(5)));

        assertThat(page).extracting(s -> s.state().invoiceId()).containsExactly("1", "2", "3", "4", "5");
        assertThat(page).extracting(ClaimRepository.Selection::created).containsExactly(false, false, false, true, true);
        assertThat(page.get(1).state().status()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(page.get(2).state()).isEqualTo(manual);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE tenant_id = 't1'", Integer.class)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_history WHERE tenant_id = 't1' AND event = 'SELECTED'",
                Integer.class)).isEqualTo(5);
        // another tenant's invoice with the same id is its own claim
        assertThat(claims.selectAll("t2", List.of(fact(1)))).allMatch(ClaimRepository.Selection::created);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void thePollsBacklogIsTheTenantsClaimsSelectedButNotYetTried(String database) {
        open(database);
        claims.selectAll("t1", facts(1, 6));
        claims.selectAll("t2", facts(1, 4));
        claims.attemptFailed("t1", "1", 1, "kravia register answered 503");
        claims.reject("t1", "2", claims.state("t1", "2").orElseThrow().dispatchKey(), "bad address");

        assertThat(claims.waitingForRegistration("t1")).isEqualTo(3);
        assertThat(claims.waitingForRegistration("t2")).isEqualTo(3);
        assertThat(claims.waitingForRegistration("t3")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anEmptyPageSelectsNothing(String database) {
        open(database);
        assertThat(claims.selectAll("t1", List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDeliveryRecordsEverythingItAchievedInOneGo(String database) {
        open(database);
        ClaimState found = claims.selectAll("t1", facts(1, 2)).get(0).state();
        InvoiceFacts fresh = new InvoiceFacts("1", "INV-1", "C1", new BigDecimal("1000.50"), "SEK", LocalDate.of(2026, 10, 1));

        boolean registered = claims.record("t1", "1", everything(fresh));

        assertThat(registered).isTrue();
        assertThat(claims.state("t1", "1")).contains(new ClaimState("t1", "1", ClaimStatus.REGISTERED, false, found.dispatchKey(), 0,
                "K-1", true, true));
        assertThat(jdbc.queryForObject("SELECT amount FROM claim WHERE tenant_id = 't1' AND invoice_id = '1'", BigDecimal.class))
                .isEqualByComparingTo("1000.50");
        // the claim records the agency that holds it; its status and stage come from the agency's first answer
        Claim claim = claims.find("t1", "1").orElseThrow();
        assertThat(claim.agency()).isEqualTo("kravia");
        assertThat(claim.agencyStatus()).isNull();
        assertThat(claim.stage()).isNull();
        assertThat(claims.history("t1", "1")).extracting(Claim.HistoryEntry::event)
                .containsExactly("SELECTED", "REGISTERED", "NOTE_WRITTEN", "ATTACHMENT_SENT");
        assertThat(claims.history("t1", "1").get(1).detail()).isEqualTo("registered at Kravia as claim K-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDeliveryThatFindsTheClaimMovedRecordsOnlyWhatIsStillMissing(String database) {
        open(database);
        claims.selectAll("t1", facts(1, 2));
        // another delivery of the same claim registered it and wrote the note meanwhile
        assertThat(claims.record("t1", "1", registeredWithNote(false, "transfer note written on the invoice"))).isTrue();

        boolean registered = claims.record("t1", "1", everything(fact(1)));

        assertThat(registered).isFalse();
        assertThat(claims.state("t1", "1").orElseThrow()).extracting(ClaimState::status, ClaimState::noteDone, ClaimState::attachmentDone)
                .containsExactly(ClaimStatus.REGISTERED, true, true);
        assertThat(claims.history("t1", "1")).extracting(Claim.HistoryEntry::event)
                .containsExactly("SELECTED", "REGISTERED", "NOTE_WRITTEN", "ATTACHMENT_SENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aResumedDeliveryRecordsTheFollowUpItFinished(String database) {
        open(database);
        claims.selectAll("t1", facts(1, 2));
        claims.record("t1", "1", registeredWithNote(true, "transfer note was already on the invoice"));
        ClaimRepository.Progress rest = new ClaimRepository.Progress();
        rest.attachment("invoice copy invoice-1.png sent to Kravia");

        assertThat(claims.record("t1", "1", rest)).isFalse();

        assertThat(claims.state("t1", "1").orElseThrow().attachmentDone()).isTrue();
        assertThat(claims.history("t1", "1")).extracting(Claim.HistoryEntry::event, Claim.HistoryEntry::detail).containsExactly(
                tuple("SELECTED", claims.history("t1", "1").get(0).detail()),
                tuple("REGISTERED", "Kravia already had this invoice as claim K-1 (adopted after an unknown outcome)"),
                tuple("NOTE_WRITTEN", "transfer note was already on the invoice"),
                tuple("ATTACHMENT_SENT", "invoice copy invoice-1.png sent to Kravia"));
    }

    private static ClaimRepository.Progress registeredWithNote(boolean adopted, String note) {
        ClaimRepository.Progress p = new ClaimRepository.Progress();
        p.registered("K-1", "kravia", "Kravia", adopted);
        p.note(note);
        return p;
    }

    private static ClaimRepository.Progress everything(InvoiceFacts facts) {
        ClaimRepository.Progress p = new ClaimRepository.Progress();
        p.facts(facts);
        p.registered("K-1", "kravia", "Kravia", false);
        p.note("transfer note written on the invoice");
        p.attachment("invoice copy invoice-1.png sent to Kravia");
        return p;
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(String::valueOf).toList();
    }

    private static List<InvoiceFacts> facts(int from, int to) {
        return IntStream.range(from, to).mapToObj(ClaimRepositoryTest::fact).toList();
    }

    private static InvoiceFacts fact(int id) {
        return new InvoiceFacts(String.valueOf(id), "INV-" + id, "C" + id, new BigDecimal("1250.00"), "SEK",
                LocalDate.of(2026, 10, 1));
    }
}
