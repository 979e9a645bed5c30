package eu.indriva.web;

import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimFilters;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.claim.ClaimSort;
import eu.indriva.claim.ClaimStage;
import eu.indriva.claim.ClaimStatus;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The client web's pages (server-rendered with Thymeleaf). Every figure comes from the services
 * the admin API uses; who may open which tenant's pages is {@link WebSecurity}'s to say.
 */
@Controller
public class WebPages {

    static final int PAGE_SIZE = 50;
    /** The CSV is read in pages of this many, so a large export never holds the whole list. */
    static final int CSV_CHUNK = 1000;

    private final TenantService tenants;
    private final ClaimRepository claims;
    private final eu.indriva.user.Lockout lockout;
    private final eu.indriva.claim.ClaimStatistics statistics;
    private final java.time.Clock clock = java.time.Clock.systemUTC();

    public WebPages(TenantService tenants, ClaimRepository claims, eu.indriva.user.Lockout lockout,
                    eu.indriva.claim.ClaimStatistics statistics) {
        this.tenants = tenants;
        this.claims = claims;
        this.lockout = lockout;
        this.statistics = statistics;
    }

    @GetMapping("/")
    public String home(@AuthenticationPrincipal SignedIn who) {
        return who.admin() ? "redirect:/tenants" : "redirect:/tenants/" + who.tenantId() + "/overview";
    }

    @GetMapping("/login")
    public String login(Model model) {
        model.addAttribute("lockAttempts", lockout.attempts());
        model.addAttribute("lockMinutes", lockout.lockFor().toMinutes());
        return "login";
    }

    /** What a refused page or action shows (403): that it was refused, and nothing of what was asked for. */
    @org.springframework.web.bind.annotation.RequestMapping("/denied")
    public String denied(HttpServletResponse response) {
        response.setStatus(403);
        return "error/403";
    }

    @GetMapping("/tenants")
    public String tenants(Model model) {
        model.addAttribute("tenants", tenants.all());
        return "tenants";
    }

    /**
     * A tenant's figures: claims and amounts per place in their life, money collected and kept by
     * the agency (this month, the last 12), ageing of open claims, and transferred against collected
     * per month of transfer with its collection rate and a chart.
     */
    @GetMapping("/tenants/{tenantId}/overview")
    public String overview(@PathVariable String tenantId, Model model) {
        Tenant tenant = tenant(tenantId);
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(tenant.timeZone()));
        java.time.YearMonth thisMonth = java.time.YearMonth.from(today);
        java.time.YearMonth firstMonth = thisMonth.minusMonths(11);
        model.addAttribute("tenant", tenant);
        model.addAttribute("buckets", OverviewFigures.buckets(tenantId, statistics.groups(tenantId)));
        model.addAttribute("thisMonth", statistics.settled(tenantId, thisMonth.atDay(1), today.plusDays(1)));
        model.addAttribute("twelveMonths", statistics.settled(tenantId, firstMonth.atDay(1), today.plusDays(1)));
        model.addAttribute("ageing", statistics.ageing(tenantId, clock.instant()));
        java.util.List<eu.indriva.claim.ClaimStatistics.Month> months = statistics.months(tenantId, firstMonth, thisMonth,
                tenant.timeZone());
        model.addAttribute("months", months);
        model.addAttribute("medianDaysToPaid", statistics.medianDaysToPaid(tenantId));
        model.addAttribute("charts", OverviewFigures.charts(months, firstMonth, thisMonth));
        return "overview";
    }

    /** A row of the claims table: the claim, with its transfer and update times in the tenant's zone. */
    public record ClaimRow(Claim claim, LocalDateTime transferred, LocalDateTime updated) {}

    /** The links of a claims page: its filters and order, one of them changed. */
    public record ClaimLinks(String tenantId, Map<String, String> params, Order order) {

        /** The list sorted by this column: the other direction when it is the column sorted by now, else its default. */
        public String sort(String key) {
            boolean active = order.param().equals(key);
            String dir = !active ? "" : order.descending() ? "asc" : "desc";
            return link(tenantId, "claims", params, Map.of("sort", key, "dir", dir, "after", ""));
        }
    }

    @GetMapping("/tenants/{tenantId}/claims")
    public String claims(@PathVariable String tenantId, @RequestParam Map<String, String> params, Model model,
                         HttpServletResponse response) {
        Tenant tenant = tenant(tenantId);
        model.addAttribute("tenant", tenant);
        model.addAttribute("params", params);
        model.addAttribute("statuses", ClaimStatus.values());
        model.addAttribute("stages", ClaimStage.values());
        model.addAttribute("currencies", tenant.policy().currencies());
        List<ClaimRow> rows = List.of();
        try {
            ClaimRepository.Filter filter = ClaimFilters.read(params, tenant.timeZone());
            Order order = Order.of(params);
            ClaimSort.Position after = ClaimFilters.present(params, "after") == null ? null
                    : ClaimSort.Position.parse(params.get("after"), order.sort());
            List<Claim> page = claims.pageAfter(tenantId, filter, order.sort(), order.descending(), after, PAGE_SIZE + 1);
            boolean more = page.size() > PAGE_SIZE;
            page = more ? page.subList(0, PAGE_SIZE) : page;
            rows = page.stream().map(c -> new ClaimRow(c.withAgencyIfNone(tenant.agency().system()),
                    c.transferredAt() == null ? null : LocalDateTime.ofInstant(c.transferredAt(), tenant.timeZone()),
                    LocalDateTime.ofInstant(c.updatedAt(), tenant.timeZone()))).toList();
            model.addAttribute("order", order);
            model.addAttribute("links", new ClaimLinks(tenantId, params, order));
            model.addAttribute("total", claims.count(tenantId, filter));
            model.addAttribute("next", more ? link(tenantId, "claims", params, Map.of("after", order.sort().after(page.get(page.size() - 1)).token())) : null);
            model.addAttribute("first", after == null ? null : link(tenantId, "claims", params, Map.of("after", "")));
            model.addAttribute("csv", link(tenantId, "claims.csv", params, Map.of("after", "")));
        } catch (Problem p) {
            response.setStatus(400);
            model.addAttribute("problem", p.getMessage());
            model.addAttribute("order", new Order(ClaimSort.UPDATED, true));
        }
        model.addAttribute("rows", rows);
        return "claims";
    }

    /** The filtered list, in the page's order, as CSV (every claim of it, not one page). */
    @GetMapping("/tenants/{tenantId}/claims.csv")
    public void claimsCsv(@PathVariable String tenantId, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        Tenant tenant = tenant(tenantId);
        ClaimRepository.Filter filter = ClaimFilters.read(params, tenant.timeZone());
        Order order = Order.of(params);
        Writer out = Csv.download(response, "claims-" + tenantId + ".csv");
        ClaimsCsv csv = new ClaimsCsv(out, tenant.timeZone());
        ClaimSort.Position after = null;
        while (true) {
            List<Claim> chunk = claims.pageAfter(tenantId, filter, order.sort(), order.descending(), after, CSV_CHUNK);
            for (Claim c : chunk) {
                csv.row(c.withAgencyIfNone(tenant.agency().system()));
            }
            if (chunk.size() < CSV_CHUNK) {
                break;
            }
            after = order.sort().after(chunk.get(chunk.size() - 1));
        }
        out.flush();
    }

    /** The list's order: {@code sort} (updated, transferred, amount, due, invoice) and {@code dir} (asc, desc). */
    public record Order(ClaimSort sort, boolean descending) {

        static Order of(Map<String, String> params) {
            String sort = ClaimFilters.present(params, "sort");
            String dir = ClaimFilters.present(params, "dir");
            ClaimSort by;
            try {
                by = sort == null ? ClaimSort.UPDATED : ClaimSort.valueOf(sort.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problem.badField("sort", "must be one of " + java.util.Arrays.toString(ClaimSort.values()));
            }
            if (dir != null && !dir.equals("asc") && !dir.equals("desc")) {
                throw Problem.badField("dir", "must be asc or desc");
            }
            // the newest first by default; numbers and amounts from the lowest
            boolean descending = dir == null ? by == ClaimSort.UPDATED || by == ClaimSort.TRANSFERRED : dir.equals("desc");
            return new Order(by, descending);
        }

        public String param() {
            return sort.name().toLowerCase(Locale.ROOT);
        }
    }

    private Tenant tenant(String tenantId) {
        return tenants.get(tenantId);
    }

    /** A link to one of the tenant's lists with the request's filters and order, some of them changed (an empty value drops one). */
    public static String link(String tenantId, String page, Map<String, String> params, Map<String, String> changed) {
        Map<String, String> merged = new LinkedHashMap<>(params);
        merged.putAll(changed);
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/tenants/{tenantId}/" + page);
        merged.forEach((k, v) -> {
            if (v != null && !v.isBlank() && (ClaimFilters.NAMES.contains(k) || k.equals("sort") || k.equals("dir") || k.equals("after"))) {
                b.queryParam(k, "{" + k + "}");
            }
        });
        Map<String, Object> vars = new LinkedHashMap<>(merged);
        vars.put("tenantId", tenantId);
        return b.encode().buildAndExpand(vars).toUriString();
    }
}
