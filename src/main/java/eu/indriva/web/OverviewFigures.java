package eu.indriva.web;

import eu.indriva.claim.ClaimStatistics;
import eu.indriva.claim.ClaimStatus;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Puts a tenant's aggregates into what the overview shows: the claims per place in their life
 * (pending, each stage at the agency, closed by reason, rejected, failed) per currency, and per
 * currency the last months' transferred and collected amounts as bars. Plain code.
 */
public final class OverviewFigures {

    /** The places in a claim's life, in the order the overview lists them. */
    static final List<String> BUCKETS = List.of("PENDING", "AT_AGENCY", "INVOICED", "REMINDER", "COLLECTION", "PAYMENT_PLAN", "LEGAL",
            "SURVEILLANCE", "PAUSED", "DISPUTED", "CLOSED_PAID", "CLOSED_CREDITED", "CLOSED_WITHDRAWN", "CLOSED_WRITTEN_OFF", "CLOSED",
            "REJECTED", "FAILED");

    private OverviewFigures() {}

    /**
     * @param link the claims list showing the bucket's claims
     */
    public record BucketRow(String bucket, String currency, long count, BigDecimal amount, String link) {}

    static String bucket(ClaimStatistics.Group g) {
        return switch (g.status()) {
            case PENDING -> "PENDING";
            case REJECTED -> "REJECTED";
            case FAILED -> "FAILED";
            case REGISTERED -> g.stage() == null || g.stage().name().equals("CLOSED") ? "AT_AGENCY" : g.stage().name();
            case CLOSED -> g.closeReason() == null || !BUCKETS.contains("CLOSED_" + g.closeReason()) ? "CLOSED" : "CLOSED_" + g.closeReason();
        };
    }

    static Map<String, String> filter(String bucket) {
        if (bucket.equals("PENDING") || bucket.equals("REJECTED") || bucket.equals("FAILED") || bucket.equals("AT_AGENCY")
                || bucket.startsWith("CLOSED")) {
            return Map.of("status", bucket.equals("AT_AGENCY") ? ClaimStatus.REGISTERED.name()
                    : bucket.startsWith("CLOSED") ? ClaimStatus.CLOSED.name() : bucket);
        }
        return Map.of("stage", bucket);
    }

    /** One row per bucket and currency that has claims, in the buckets' order. */
    public static List<BucketRow> buckets(String tenantId, List<ClaimStatistics.Group> groups) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        for (ClaimStatistics.Group g : groups) {
            String key = bucket(g) + "|" + (g.currency() == null ? "" : g.currency());
            counts.computeIfAbsent(key, k -> new long[1])[0] += g.count();
            amounts.merge(key, g.amount(), BigDecimal::add);
        }
        List<BucketRow> rows = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] parts = key.split("\\|", -1);
            Map<String, String> filter = new LinkedHashMap<>(filter(parts[0]));
            if (!parts[1].isEmpty()) {
                filter.put("currency", parts[1]);
            }
            rows.add(new BucketRow(parts[0], parts[1], n[0], amounts.get(key), WebPages.link(tenantId, "claims", filter, Map.of())));
        });
        rows.sort(Comparator.comparingInt((BucketRow r) -> BUCKETS.indexOf(r.bucket())).thenComparing(BucketRow::currency));
        return rows;
    }

    /** A bar pair of the chart: one month's transferred and collected, as heights out of 100. */
    public record Bar(YearMonth month, BigDecimal transferred, BigDecimal collected, int transferredHeight, int collectedHeight) {}

    /** A currency's chart: the bars of every month from {@code first} to {@code last}, empty months included. */
    public record Chart(String currency, List<Bar> bars) {}

    public static List<Chart> charts(List<ClaimStatistics.Month> months, YearMonth first, YearMonth last) {
        List<Chart> charts = new ArrayList<>();
        for (String currency : new TreeSet<>(months.stream().map(ClaimStatistics.Month::currency).toList())) {
            Map<YearMonth, ClaimStatistics.Month> byMonth = new LinkedHashMap<>();
            months.stream().filter(m -> m.currency().equals(currency)).forEach(m -> byMonth.put(m.month(), m));
            BigDecimal max = byMonth.values().stream().map(m -> m.transferred().max(m.collected())).max(BigDecimal::compareTo)
                    .orElse(BigDecimal.ZERO);
            List<Bar> bars = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                ClaimStatistics.Month x = byMonth.get(m);
                BigDecimal t = x == null ? BigDecimal.ZERO : x.transferred();
                BigDecimal c = x == null ? BigDecimal.ZERO : x.collected();
                bars.add(new Bar(m, t, c, height(t, max), height(c, max)));
            }
            charts.add(new Chart(currency, bars));
        }
        return charts;
    }

    static int height(BigDecimal value, BigDecimal max) {
        if (max.signum() == 0 || value.signum() <= 0) {
            return 0;
        }
        // at least 1, so a small amount still shows
        return Math.max(1, value.multiply(BigDecimal.valueOf(100)).divide(max, 0, java.math.RoundingMode.HALF_UP).intValue());
    }
}
