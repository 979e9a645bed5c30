package eu.indriva.web;

import eu.indriva.inbound.SettlementRepository;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantService;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agency's payouts (settlements) and how each was booked: the list as the API's
 * {@code /settlements} gives it, and one settlement with its lines (each invoice marked paid, with
 * its payment event), the journal rows it was booked with, the receipt and whether the agency was
 * told.
 */
@Controller
public class PayoutsPage {

    static final int PAGE_SIZE = 50;

    private final TenantService tenants;
    private final SettlementRepository settlements;

    public PayoutsPage(TenantService tenants, SettlementRepository settlements) {
        this.tenants = tenants;
        this.settlements = settlements;
    }

    @GetMapping("/tenants/{tenantId}/payouts")
    public String payouts(@PathVariable String tenantId, @RequestParam(defaultValue = "0") int page, Model model) {
        Tenant tenant = tenants.get(tenantId);
        if (page < 0) {
            throw Problem.badField("page", "counts from 0");
        }
        long total = settlements.count(tenantId);
        model.addAttribute("tenant", tenant);
        model.addAttribute("settlements", settlements.page(tenantId, page, PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("page", page);
        model.addAttribute("more", (long) (page + 1) * PAGE_SIZE < total);
        return "payouts";
    }

    /** The sum of the journal rows: zero for every entry Indriva books. */
    public record Journal(List<eu.indriva.accounting.JournalEntry.Row> rows, BigDecimal debit, BigDecimal credit) {

        static Journal of(List<eu.indriva.accounting.JournalEntry.Row> rows) {
            BigDecimal debit = rows.stream().map(r -> r.amount().max(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal credit = rows.stream().map(r -> r.amount().min(BigDecimal.ZERO).negate()).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Journal(rows, debit, credit);
        }
    }

    @GetMapping("/tenants/{tenantId}/payouts/{settlementId}")
    public String payout(@PathVariable String tenantId, @PathVariable String settlementId, Model model) {
        Tenant tenant = tenants.get(tenantId);
        SettlementRepository.Row s = settlements.find(tenantId, settlementId)
                .orElseThrow(() -> Problem.notFound("no payout " + settlementId + " for this company"));
        model.addAttribute("tenant", tenant);
        model.addAttribute("s", s);
        model.addAttribute("lines", settlements.lines(tenantId, settlementId));
        model.addAttribute("journal", Journal.of(settlements.journalRows(tenantId, settlementId)));
        return "payout";
    }
}
