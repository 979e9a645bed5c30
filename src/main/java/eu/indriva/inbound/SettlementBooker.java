package eu.indriva.inbound;

import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.JournalEntry;
import eu.indriva.agency.Agency;
import eu.indriva.agency.Settlement;
import eu.indriva.claim.ClaimRepository;
import eu.indriva.connectors.Connectors;
import eu.indriva.tenant.Tenant;
import eu.indriva.upstream.UpstreamException;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Books the agency's payouts into the receivables ledger, each exactly once:
 * <ol>
 *   <li>check the settlement (balance, lines name this tenant's claims) or leave it NEEDS_ATTENTION;</li>
 *   <li>per line, mark the invoice paid with the capital, unless the agency already paid on the
 *       invoice's own reference;</li>
 *   <li>one journal receipt for what the agency kept (commission, VAT), approved;</li>
 *   <li>acknowledge the settlement at the agency with the receipt's id.</li>
 * </ol>
 * Every step's outcome is recorded before the next one; a step whose outcome is unknown (sent,
 * then a crash or a lost answer) is looked up before it is repeated: a markpaid by its marker
 * among the invoice's payment events, a receipt by its unique name.
 */
@Component("settlementBooker")
public class SettlementBooker {

    private static final Logger log = LoggerFactory.getLogger(SettlementBooker.class);
    static final String NO_ENTRY = "no-entry";
    private static final int BY_REFERENCE_DAYS = 5;

    private final SettlementRepository settlements;
    private final ClaimRepository claims;
    private final Connectors connectors;
    private final MeterRegistry meters;

    public SettlementBooker(SettlementRepository settlements, ClaimRepository claims, Connectors connectors, MeterRegistry meters) {
        this.settlements = settlements;
        this.claims = claims;
        this.connectors = connectors;
        this.meters = meters;
    }

    /** Every open settlement of the tenant, oldest first. A transient failure stops the run; the next run resumes. */
    public int bookOpenSettlements(Tenant tenant) {
        int booked = 0;
        for (Settlement s : connectors.agency(tenant).openSettlements()) {
            if (book(tenant, s)) {
                booked++;
            }
        }
        return booked;
    }

    /** @return true when the settlement is BOOKED now */
    boolean book(Tenant tenant, Settlement s) {
        Agency agency = connectors.agency(tenant);
        String receiptName = SettlementJournal.receiptName(agency.name(), s.settlementId());
        Optional<SettlementRepository.Row> known = settlements.find(tenant.id(), s.settlementId());
        if (known.isPresent() && known.get().status().equals("BOOKED")) {
            // listed again: booked already, never twice; repeat the acknowledgement (same id → no change at the agency)
            agency.acknowledgeSettlement(s.settlementId(), known.get().receiptId());
            return false;
        }
        Optional<String> problem = SettlementCheck.problem(s, claimId -> claims.byAgencyClaim(tenant.id(), claimId)
                .flatMap(c -> claims.find(tenant.id(), c.invoiceId()))
                .map(c -> new SettlementCheck.KnownClaim(c.invoiceId(), c.currency())));
        if (problem.isPresent()) {
            settlements.needsAttention(tenant.id(), s, receiptName, problem.get());
            meters.counter("indriva.settlements", "tenant", tenant.id(), "outcome", "needs_attention").increment();
            log.warn("tenant={} settlement {} needs attention: {}", tenant.id(), s.settlementId(), problem.get());
            return false;
        }
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            markers.add(marker(agency.name(), s, i + 1));
        }
        settlements.begin(tenant.id(), s, receiptName, markers);
        try {
            if (SettlementCheck.nothingToBook(s)) {
                settlements.receipt(tenant.id(), s.settlementId(), "NOT_NEEDED", NO_ENTRY);
                acknowledge(tenant, agency, s, NO_ENTRY);
                return true;
            }
            AccountingSystem accounting = connectors.accounting(tenant);
            for (SettlementRepository.LineRow line : settlements.lines(tenant.id(), s.settlementId())) {
                payLine(tenant, accounting, s, line);
            }
            String receiptId = receipt(tenant, accounting, agency, s);
            acknowledge(tenant, agency, s, receiptId);
            return true;
        } catch (UpstreamException e) {
            settlements.stalled(tenant.id(), s.settlementId(), "stopped at a step and will resume: " + e.getMessage());
            log.warn("tenant={} settlement {} stopped, will resume on the next sync: {}", tenant.id(), s.settlementId(), e.getMessage());
            return false;
        }
    }

    /** Step 2 for one line. */
    private void payLine(Tenant tenant, AccountingSystem accounting, Settlement s, SettlementRepository.LineRow line) {
        if (!line.state().equals("PENDING") && !line.state().equals("CALLING")) {
            return;
        }
        if (line.capital().signum() == 0) {
            settlements.lineState(tenant.id(), s.settlementId(), line.lineNo(), "NOTHING_TO_PAY", null);
            return;
        }
        List<AccountingInvoice.Payment> events = accounting.payments(line.invoiceId());
        Optional<AccountingInvoice.Payment> ours = events.stream()
                .filter(e -> e.description() != null && e.description().contains(line.marker())).findFirst();
        if (ours.isPresent()) {
            // the markpaid of an earlier attempt went through; its answer was lost
            settlements.lineState(tenant.id(), s.settlementId(), line.lineNo(), "PAID", ours.get().id());
            claims.history(tenant.id(), line.invoiceId(), "SETTLEMENT_PAID", line.capital() + " " + s.currency()
                    + " of settlement " + s.settlementId() + " found marked paid (payment event " + ours.get().id() + ")");
            return;
        }
        Optional<AccountingInvoice.Payment> byReference = events.stream()
                .filter(e -> e.amount() != null && e.amount().compareTo(line.capital()) == 0)
                .filter(e -> e.date() != null && Math.abs(ChronoUnit.DAYS.between(e.date(), s.date())) <= BY_REFERENCE_DAYS)
                .filter(e -> e.description() == null || !e.description().contains("[Indriva]"))
                .findFirst();
        if (byReference.isPresent()) {
            settlements.lineState(tenant.id(), s.settlementId(), line.lineNo(), "PAID_BY_REFERENCE", byReference.get().id());
            claims.history(tenant.id(), line.invoiceId(), "SETTLEMENT_PAID_BY_REFERENCE", line.capital() + " " + s.currency()
                    + " of settlement " + s.settlementId() + " arrived on the invoice's reference (payment event "
                    + byReference.get().id() + "); not marked paid again");
            return;
        }
        settlements.lineState(tenant.id(), s.settlementId(), line.lineNo(), "CALLING", null);
        String eventId = accounting.markPaid(line.invoiceId(), s.date(), line.capital(), s.currency(), line.marker(),
                eu.indriva.accounting.MarkPaidReason.AGENCY_PAYOUT);
        settlements.lineState(tenant.id(), s.settlementId(), line.lineNo(), "PAID", eventId);
        claims.history(tenant.id(), line.invoiceId(), "SETTLEMENT_PAID", line.capital() + " " + s.currency()
                + " of settlement " + s.settlementId() + " marked paid (payment event " + eventId + ")");
    }

    /** Step 3: the journal receipt, created once and approved. */
    private String receipt(Tenant tenant, AccountingSystem accounting, Agency agency, Settlement s) {
        SettlementRepository.Row row = settlements.find(tenant.id(), s.settlementId()).orElseThrow();
        Optional<JournalEntry> entry = SettlementJournal.entry(tenant.ledger(), agency.name(), s);
        if (entry.isEmpty()) {
            settlements.receipt(tenant.id(), s.settlementId(), "NOT_NEEDED", NO_ENTRY);
            return NO_ENTRY;
        }
        // kept before it is sent, so the payouts page can show how the settlement was booked
        settlements.journal(tenant.id(), s.settlementId(), entry.get());
        String state = row.receiptState();
        String id = row.receiptId();
        if (state.equals("APPROVED")) {
            return id;
        }
        if (state.equals("CALLING") || state.equals("CREATED")) {
            Optional<AccountingSystem.JournalReceipt> found = accounting.findJournalReceipt(row.receiptName(), s.date());
            if (found.isPresent()) {
                id = found.get().id();
                if (found.get().approved()) {
                    settlements.receipt(tenant.id(), s.settlementId(), "APPROVED", id);
                    return id;
                }
                settlements.receipt(tenant.id(), s.settlementId(), "CREATED", id);
                state = "CREATED";
            } else {
                state = "NONE";
            }
        }
        if (state.equals("NONE")) {
            settlements.receipt(tenant.id(), s.settlementId(), "CALLING", null);
            id = accounting.createJournalReceipt(entry.get());
            settlements.receipt(tenant.id(), s.settlementId(), "CREATED", id);
        }
        accounting.approveJournalReceipt(id);
        settlements.receipt(tenant.id(), s.settlementId(), "APPROVED", id);
        return id;
    }

    /** Step 4. */
    private void acknowledge(Tenant tenant, Agency agency, Settlement s, String internalAccountingId) {
        agency.acknowledgeSettlement(s.settlementId(), internalAccountingId);
        settlements.booked(tenant.id(), s.settlementId());
        meters.counter("indriva.settlements", "tenant", tenant.id(), "outcome", "booked").increment();
        BigDecimal capital = SettlementJournal.capital(s);
        log.info("tenant={} settlement {} booked: capital {} {}, kept back {} (receipt {})", tenant.id(), s.settlementId(), capital,
                s.currency(), SettlementJournal.commission(s).add(SettlementJournal.vat(s)), internalAccountingId);
    }

    /** The markpaid description: names agency, settlement and line; unique to the line. */
    static String marker(String agencyName, Settlement s, int lineNo) {
        return "[Indriva] " + agencyName + " settlement " + s.settlementId() + " line " + lineNo;
    }
}
