package eu.indriva.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.claim.ClaimStage;
import eu.indriva.claim.ClaimStatistics;
import eu.indriva.claim.ClaimStatus;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewFiguresTest {

    private static ClaimStatistics.Group g(ClaimStatus status, ClaimStage stage, String reason, String currency, long n, String amount) {
        return new ClaimStatistics.Group(status, stage, reason, currency, n, new BigDecimal(amount));
    }

    @Test
    void eachClaimCountsOnceInTheBucketOfWhereItIsInTheBucketsOrder() {
        List<OverviewFigures.BucketRow> rows = OverviewFigures.buckets("t1", List.of(
                g(ClaimStatus.FAILED, null, null, "SEK", 1, "10.00"),
                g(ClaimStatus.CLOSED, ClaimStage.CLOSED, "PAID", "SEK", 2, "200.00"),
                g(ClaimStatus.REGISTERED, ClaimStage.COLLECTION, null, "SEK", 3, "300.00"),
                g(ClaimStatus.REGISTERED, null, null, "SEK", 1, "5.00"),
                // a closed stage on a claim whose status has not caught up yet: still at the agency
                g(ClaimStatus.REGISTERED, ClaimStage.CLOSED, null, "SEK", 1, "7.00"),
                g(ClaimStatus.CLOSED, ClaimStage.CLOSED, "SOMETHING_NEW", "SEK", 1, "1.00"),
                g(ClaimStatus.PENDING, null, null, "EUR", 4, "40.00")));

        assertThat(rows).extracting(OverviewFigures.BucketRow::bucket)
                .containsExactly("PENDING", "AT_AGENCY", "COLLECTION", "CLOSED_PAID", "CLOSED", "FAILED");
        assertThat(rows.get(1).count()).isEqualTo(2);
        assertThat(rows.get(1).amount()).isEqualByComparingTo("12.00");
        assertThat(rows.get(0).link()).isEqualTo("/tenants/t1/claims?status=PENDING&currency=EUR");
        assertThat(rows.get(2).link()).isEqualTo("/tenants/t1/claims?stage=COLLECTION&currency=SEK");
        assertThat(rows.get(3).link()).isEqualTo("/tenants/t1/claims?status=CLOSED&currency=SEK");
    }

    @Test
    void aChartHasEveryMonthWithBarsScaledToTheLargestAmount() {
        List<OverviewFigures.Chart> charts = OverviewFigures.charts(List.of(
                new ClaimStatistics.Month(YearMonth.of(2026, 10), "SEK", new BigDecimal("1000.00"), new BigDecimal("250.00")),
                new ClaimStatistics.Month(YearMonth.of(2026, 12), "SEK", new BigDecimal("400.00"), new BigDecimal("1.00")),
                new ClaimStatistics.Month(YearMonth.of(2026, 12), "EUR", new BigDecimal("99.50"), BigDecimal.ZERO)),
                YearMonth.of(2026, 10), YearMonth.of(2026, 12));

        assertThat(charts).extracting(OverviewFigures.Chart::currency).containsExactly("EUR", "SEK");
        List<OverviewFigures.Bar> sek = charts.get(1).bars();
        assertThat(sek).extracting(OverviewFigures.Bar::month)
                .containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11), YearMonth.of(2026, 12));
        assertThat(sek).extracting(OverviewFigures.Bar::transferredHeight).containsExactly(100, 0, 40);
        assertThat(sek).extracting(OverviewFigures.Bar::collectedHeight).as("a small amount still shows").containsExactly(25, 0, 1);
        assertThat(charts.get(0).bars().get(2).transferredHeight()).isEqualTo(100);
    }
}
