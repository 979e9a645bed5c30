package eu.indriva.claim;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The overview's aggregates and the claims list's filters and keyset pages, as SQL on an H2 file
 * database and on PostgreSQL: claims selected by the repository, then moved to where each test
 * needs them.
 */
class ClaimStatisticsTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    JdbcTemplate jdbc;
    ClaimRepository claims;
    ClaimStatistics statistics;

    private void open(String database) {
        DriverManagerDataSource ds = TestDatabase.migrated(database, dir);
        jdbc = new JdbcTemplate(ds);
        for (String tenant : List.of("t1", "t2")) {
            jdbc.update("INSERT INTO tenant (id, name, enabled, settings, created_at, updated_at) VALUES (?, ?, TRUE, '{}', ?, ?)",
                    tenant, tenant, Timestamp.from(NOW), Timestamp.from(NOW));
        }
        claims = new ClaimRepository(jdbc, new DataSourceTransactionManager((DataSource) ds));
        statistics = new ClaimStatistics(jdbc);
    }

    /** A claim of the tenant, in that status and stage, transferred that many days before NOW. */
    private void claim(String tenant, String id, String amount, String currency, ClaimStatus status, ClaimStage stage, String closeReason,
                       Integer daysAgo) {
        claims.selectAll(tenant, List.of(new InvoiceFacts(id, "INV-" + id, "C-" + id, new BigDecimal(amount), currency,
                LocalDate.of(2026, 9, 1))));
        jdbc.update("UPDATE claim SET status = ?, stage = ?, close_reason = ?, transferred_at = ? WHERE tenant_id = ? AND invoice_id = ?",
                status.name(), stage == null ? null : stage.name(), closeReason,
                daysAgo == null ? null : Timestamp.from(NOW.minus(java.time.Duration.ofDays(daysAgo))), tenant, id);
    }

    private void settlement(String tenant, String id, LocalDate date, String status, String capital, String commission, String vat,
                            String invoiceId) {
        BigDecimal c = new BigDecimal(capital);
        BigDecimal k = new BigDecimal(commission);
        BigDecimal v = new BigDecimal(vat);
        jdbc.update("""
                INSERT INTO settlement (tenant_id, settlement_id, settlement_date, currency, payout, capital, commission, vat, status,
                receipt_name, receipt_state, acknowledged, created_at, updated_at) VALUES (?, ?, ?, 'SEK', ?, ?, ?, ?, ?, ?, 'NONE', FALSE, ?, ?)""",
                tenant, id, java.sql.Date.valueOf(date), c.subtract(k).subtract(v), c, k, v, status, "r-" + id, Timestamp.from(NOW),
                Timestamp.from(NOW));
        jdbc.update("""
                INSERT INTO settlement_line (tenant_id, settlement_id, line_no, invoice_id, agency_claim_id, capital, commission, vat, marker, state)
                VALUES (?, ?, 1, ?, 'K', ?, ?, ?, 'm', 'PAID')""", tenant, id, invoiceId, c, k, v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theOverviewsFiguresAreAggregatesOfTheTenantsClaimsAndPayoutsOnly(String database) {
        open(database);
        claim("t1", "1", "1000.00", "SEK", ClaimStatus.REGISTERED, ClaimStage.COLLECTION, null, 10);
        claim("t1", "2", "500.00", "SEK", ClaimStatus.REGISTERED, ClaimStage.COLLECTION, null, 45);
        claim("t1", "3", "200.00", "SEK", ClaimStatus.REGISTERED, ClaimStage.LEGAL, null, 200);
        claim("t1", "4", "300.00", "SEK", ClaimStatus.CLOSED, ClaimStage.CLOSED, "PAID", 20);
        claim("t1", "5", "99.50", "EUR", ClaimStatus.REGISTERED, null, null, 100);
        claim("t1", "6", "50.00", "SEK", ClaimStatus.PENDING, null, null, null);
        claim("t2", "1", "9999.00", "SEK", ClaimStatus.REGISTERED, ClaimStage.COLLECTION, null, 10);
        settlement("t1", "S1", LocalDate.of(2026, 12, 2), "BOOKED", "300.00", "30.00", "7.50", "4");
        settlement("t1", "S0", LocalDate.of(2026, 3, 2), "BOOKED", "100.00", "10.00", "2.50", "2");
        settlement("t1", "S2", LocalDate.of(2026, 12, 3), "NEEDS_ATTENTION", "999.00", "0.00", "0.00", "1");
        settlement("t2", "S1", LocalDate.of(2026, 12, 2), "BOOKED", "5000.00", "0.00", "0.00", "1");

        List<ClaimStatistics.Group> groups = statistics.groups("t1");
        assertThat(groups).hasSize(5).contains(
                new ClaimStatistics.Group(ClaimStatus.REGISTERED, ClaimStage.COLLECTION, null, "SEK", 2, new BigDecimal("1500.00")),
                new ClaimStatistics.Group(ClaimStatus.CLOSED, ClaimStage.CLOSED, "PAID", "SEK", 1, new BigDecimal("300.00")));

        assertThat(statistics.settled("t1", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 7))).singleElement().satisfies(m -> {
            assertThat(m.collected()).isEqualByComparingTo("300.00");
            assertThat(m.paidOut()).isEqualByComparingTo("262.50");
            assertThat(m.commission()).isEqualByComparingTo("30.00");
            assertThat(m.vat()).isEqualByComparingTo("7.50");
        });
        assertThat(statistics.settled("t1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 7))).singleElement()
                .satisfies(m -> assertThat(m.collected()).isEqualByComparingTo("400.00"));

        List<ClaimStatistics.Ageing> ageing = statistics.ageing("t1", NOW);
        assertThat(ageing).extracting(ClaimStatistics.Ageing::currency).containsExactly("EUR", "SEK");
        assertThat(ageing.get(1).counts()).containsExactly(1, 1, 0, 1);
        assertThat(ageing.get(1).amounts()).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1000.00"), new BigDecimal("500.00"), BigDecimal.ZERO, new BigDecimal("200.00"));
        assertThat(ageing.get(0).counts()).containsExactly(0, 0, 1, 0);

        // by month of transfer (NOW is 6 Dec): claim 1 on 26 Nov, 4 on 16 Nov, 2 on 22 Oct, 3 in May, 5 (EUR) in August
        List<ClaimStatistics.Month> months = statistics.months("t1", YearMonth.of(2026, 1), YearMonth.of(2026, 12), java.time.ZoneOffset.UTC);
        ClaimStatistics.Month november = months.stream().filter(m -> m.month().equals(YearMonth.of(2026, 11)) && m.currency().equals("SEK"))
                .findFirst().orElseThrow();
        // claim 1's settlement S2 is not booked: it counts nothing
        assertThat(november.transferred()).isEqualByComparingTo("1300.00");
        assertThat(november.collected()).isEqualByComparingTo("300.00");
        assertThat(november.rate()).isEqualByComparingTo("0.2308");
        ClaimStatistics.Month october = months.stream().filter(m -> m.month().equals(YearMonth.of(2026, 10)) && m.currency().equals("SEK"))
                .findFirst().orElseThrow();
        assertThat(october.transferred()).isEqualByComparingTo("500.00");
        assertThat(october.collected()).as("S0 booked 100.00 of claim 2").isEqualByComparingTo("100.00");
        assertThat(months).noneMatch(m -> m.transferred().compareTo(new BigDecimal("9999.00")) == 0);
    }

    /** A claim transferred at {@code transferred} and, when {@code closedAfterDays} is not null, closed for that reason so many days later. */
    private void closed(String tenant, String id, Instant transferred, String reason, Double closedAfterDays) {
        claim(tenant, id, "100.00", "SEK", reason == null ? ClaimStatus.REGISTERED : ClaimStatus.CLOSED,
                reason == null ? ClaimStage.COLLECTION : ClaimStage.CLOSED, reason, null);
        jdbc.update("UPDATE claim SET transferred_at = ?, closed_at = ? WHERE tenant_id = ? AND invoice_id = ?", Timestamp.from(transferred),
                closedAfterDays == null ? null : Timestamp.from(transferred.plusSeconds((long) (closedAfterDays * 86400))), tenant, id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theMedianDaysFromTransferToPaidCountsPaidClaimsOfTheTenantOnly(String database) {
        open(database);
        assertThat(statistics.medianDaysToPaid("t1")).isNull();
        Instant t = Instant.parse("2026-09-01T08:00:00Z");
        closed("t1", "1", t, "PAID", 10.0);
        closed("t1", "2", t, "PAID", 40.0);
        closed("t1", "3", t, "PAID", 20.0);
        closed("t1", "4", t, "WITHDRAWN", 2.0);
        closed("t1", "5", t, null, null);
        closed("t2", "1", t, "PAID", 1.0);

        // 10, 20, 40: the middle one
        assertThat(statistics.medianDaysToPaid("t1")).isEqualByComparingTo("20.0");
        // 10, 20, 30, 40: halfway between the middle two
        closed("t1", "6", t, "PAID", 30.0);
        assertThat(statistics.medianDaysToPaid("t1")).isEqualByComparingTo("25.0");
        // part days count as such: 12 h is half a day
        closed("t2", "2", t, "PAID", 0.5);
        assertThat(statistics.medianDaysToPaid("t2")).isEqualByComparingTo("0.8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClaimCountsInTheMonthOfTransferAsTheTenantsClockHasIt(String database) {
        open(database);
        // 23:30 UTC on 31 October is 00:30 on 1 November in Stockholm
        closed("t1", "1", Instant.parse("2026-10-31T23:30:00Z"), null, null);
        closed("t1", "2", Instant.parse("2026-10-31T22:30:00Z"), null, null);

        List<ClaimStatistics.Month> stockholm = statistics.months("t1", YearMonth.of(2026, 1), YearMonth.of(2026, 12),
                ZoneId.of("Europe/Stockholm"));
        List<ClaimStatistics.Month> utc = statistics.months("t1", YearMonth.of(2026, 1), YearMonth.of(2026, 12), java.time.ZoneOffset.UTC);

        assertThat(stockholm).extracting(m -> m.month() + " " + m.transferred().stripTrailingZeros().toPlainString())
                .containsExactly("2026-10 100", "2026-11 100");
        assertThat(utc).extracting(m -> m.month() + " " + m.transferred().stripTrailingZeros().toPlainString())
                .containsExactly("2026-10 200");
        // a month outside the range asked for is not counted
        assertThat(statistics.months("t1", YearMonth.of(2026, 11), YearMonth.of(2026, 12), ZoneId.of("Europe/Stockholm")))
                .extracting(ClaimStatistics.Month::month).containsExactly(YearMonth.of(2026, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void filtersAndKeysetPagesReadEveryClaimOnceInTheOrderAsked(String database) {
        open(database);
        for (int i = 1; i <= 23; i++) {
            claim("t1", String.valueOf(i), i % 3 == 0 ? "100.00" : (i + "0.00"), i % 4 == 0 ? "EUR" : "SEK", ClaimStatus.REGISTERED,
                    ClaimStage.COLLECTION, null, i);
        }
        jdbc.update("UPDATE claim SET amount = NULL, invoice_number = NULL WHERE tenant_id = 't1' AND invoice_id = '7'");
        jdbc.update("UPDATE claim SET customer_number = 'C_100%' WHERE tenant_id = 't1' AND invoice_id = '8'");
        claim("t2", "1", "10.00", "SEK", ClaimStatus.REGISTERED, ClaimStage.COLLECTION, null, 1);

        for (ClaimSort sort : ClaimSort.values()) {
            for (boolean descending : new boolean[] {true, false}) {
                List<String> seen = new ArrayList<>();
                ClaimSort.Position after = null;
                while (true) {
                    List<Claim> page = claims.pageAfter("t1", ClaimRepository.Filter.ALL, sort, descending, after, 5);
                    page.forEach(c -> seen.add(c.invoiceId()));
                    if (page.size() < 5) {
                        break;
                    }
                    after = ClaimSort.Position.parse(sort.after(page.get(page.size() - 1)).token(), sort);
                }
                assertThat(seen).as("%s %s", sort, descending ? "desc" : "asc").hasSize(23).doesNotHaveDuplicates();
            }
        }
        List<Claim> byAmount = claims.pageAfter("t1", ClaimRepository.Filter.ALL, ClaimSort.AMOUNT, false, null, 3);
        assertThat(byAmount.get(0).invoiceId()).as("no amount sorts lowest").isEqualTo("7");

        ZoneId zone = ZoneId.of("Europe/Stockholm");
        assertThat(claims.count("t1", ClaimFilters.read(Map.of("currency", "EUR"), zone))).isEqualTo(5);
        assertThat(claims.count("t1", ClaimFilters.read(Map.of("q", "INV-1"), zone))).as("INV-1, INV-10..19").isEqualTo(11);
        assertThat(claims.count("t1", ClaimFilters.read(Map.of("q", "C_100%"), zone))).as("wildcards are literal").isEqualTo(1);
        assertThat(claims.count("t1", ClaimFilters.read(Map.of("q", "C_"), zone))).as("_ is literal too").isEqualTo(1);
        // transferred 1..23 days before NOW (6 Dec 12:00 UTC): 1–3 December in Stockholm holds days 3, 4 and 5 ago
        assertThat(claims.count("t1", ClaimFilters.read(Map.of("transferredFrom", "2026-12-01", "transferredTo", "2026-12-03"), zone)))
                .isEqualTo(3);
    }
}
