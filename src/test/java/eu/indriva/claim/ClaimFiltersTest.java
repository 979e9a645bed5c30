package eu.indriva.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.problem.Problem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimFiltersTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    @Test
    void noParametersIsNoFilterAndEmptyFormFieldsAreNoneEither() {
        assertThat(ClaimFilters.read(Map.of(), STOCKHOLM)).isEqualTo(ClaimRepository.Filter.ALL);
        assertThat(ClaimFilters.read(Map.of("status", "", "stage", " ", "q", "", "currency", ""), STOCKHOLM))
                .isEqualTo(ClaimRepository.Filter.ALL);
    }

    @Test
    void transferDatesAreWholeDaysInTheTenantsZone() {
        ClaimRepository.Filter f = ClaimFilters.read(Map.of("transferredFrom", "2026-11-01", "transferredTo", "2026-11-30",
                "status", "registered", "stage", "COLLECTION", "currency", "sek", "needsAttention", "TRUE", "q", " 25 "), STOCKHOLM);

        assertThat(f).isEqualTo(new ClaimRepository.Filter(ClaimStatus.REGISTERED, true, ClaimStage.COLLECTION, "SEK",
                Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-30T23:00:00Z"), "25"));
    }

    @Test
    void refusalsNameTheParameter() {
        for (Map.Entry<String, String> bad : Map.of("status", "LOST", "stage", "ARCHIVED", "needsAttention", "maybe", "currency", "KRONOR",
                "transferredFrom", "1.11.2026", "q", "x".repeat(65)).entrySet()) {
            assertThatThrownBy(() -> ClaimFilters.read(Map.of(bad.getKey(), bad.getValue()), STOCKHOLM))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo(bad.getKey()));
        }
        assertThatThrownBy(() -> ClaimFilters.read(Map.of("transferredFrom", "2026-12-01", "transferredTo", "2026-11-01"), STOCKHOLM))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("transferredTo"));
    }

    @Test
    void aPageLeavesOffWhereItsLastClaimIsAndATamperedPositionIsNone() {
        ClaimSort.Position p = new ClaimSort.Position("1250.00", "1001");

        assertThat(ClaimSort.Position.parse(p.token(), ClaimSort.AMOUNT)).isEqualTo(p);
        assertThat(ClaimSort.Position.parse(p.token(), ClaimSort.UPDATED)).as("not an instant").isNull();
        assertThat(ClaimSort.Position.parse("%%%", ClaimSort.AMOUNT)).isNull();
        assertThat(ClaimSort.Position.parse("bm8tbmV3bGluZQ", ClaimSort.INVOICE)).as("no separator").isNull();
    }
}
