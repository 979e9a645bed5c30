package eu.indriva.reconcile;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.indriva.problem.Problem;
import eu.indriva.reconcile.ClaimComparison.Difference;
import eu.indriva.web.Csv;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A tenant's reconciliations as the admin API and the client web show them (indriva-api.yaml, Reconciliation). */
@Component
public class Reconciliations {

    /** The most differences one answer lists; the CSV has them all. */
    public static final int MAX_LISTED = 100_000;
    static final String CSV_HEADER = "invoiceId;agencyClaimId;kind;ledger;indriva;agency;action";

    private final ReconciliationRepository runs;

    public Reconciliations(ReconciliationRepository runs) {
        this.runs = runs;
    }

    /**
     * One reconciliation. {@code differences} is left out of a list; {@code differenceCount} is how many it found.
     * The totals per currency hold the contract's figures, with {@code recalled} (claims withdrawn by the creditor)
     * and {@code expectedClosing} (the left side of the equation) beside them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String id, String tenantId, String status, LocalDate asOf, LocalDate periodStart, int claims,
                         int differenceCount, String error, Instant startedAt, Instant finishedAt, List<Difference> differences,
                         Map<String, Total> totals) {}

    public record Total(BigDecimal opening, BigDecimal transferred, BigDecimal collected, BigDecimal credited, BigDecimal writtenOff,
                        BigDecimal recalled, BigDecimal expectedClosing, BigDecimal closing, int claims, boolean holds) {}

    /** The tenant's reconciliations, newest first, without their differences. */
    public List<Report> list(String tenantId, int max) {
        return runs.list(tenantId, max).stream().map(r -> report(r, null)).toList();
    }

    public Report one(String tenantId, String id) {
        ReconciliationRepository.Run r = run(tenantId, id);
        return report(r, runs.differences(r.id(), MAX_LISTED));
    }

    /** The reconciliation's differences as CSV (every one of them). */
    public void csv(String tenantId, String id, Writer out) throws IOException {
        ReconciliationRepository.Run r = run(tenantId, id);
        Csv.begin(out, CSV_HEADER);
        for (Difference d : runs.differences(r.id(), Integer.MAX_VALUE)) {
            Csv.line(out, d.invoiceId(), d.agencyClaimId(), d.kind().name(), Csv.amount(d.ledger()), Csv.amount(d.indriva()),
                    Csv.amount(d.agency()), d.action());
        }
    }

    /** Answers 404 (as a {@link Problem}) when the tenant has no such reconciliation. */
    public void check(String tenantId, String id) {
        run(tenantId, id);
    }

    private ReconciliationRepository.Run run(String tenantId, String id) {
        return runs.find(tenantId, id).orElseThrow(() -> Problem.notFound("no reconciliation " + id + " of tenant " + tenantId));
    }

    private Report report(ReconciliationRepository.Run r, List<Difference> differences) {
        Map<String, Total> totals = new LinkedHashMap<>();
        if (r.status() == ReconciliationRepository.Status.DONE) {
            for (PeriodTotals.Totals t : runs.totals(r.id())) {
                totals.put(t.currency(), new Total(t.opening(), t.transferred(), t.collected(), t.credited(), t.writtenOff(), t.recalled(),
                        t.expectedClosing(), t.closing(), t.claims(), t.holds()));
            }
        }
        return new Report(r.id(), r.tenantId(), r.status().name(), r.asOf(), r.periodStart(), r.claims(), r.differences(), r.error(),
                r.startedAt(), r.finishedAt(), differences, totals);
    }
}
