package eu.indriva.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.InvoiceState;
import eu.indriva.accounting.PaymentKind;
import eu.indriva.accounting.procountor.ProcountorMapping;
import eu.indriva.accounting.AccountingInvoice.Payment;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.debtor.Debtor;
import eu.indriva.outbound.OverduePolicy.Decision;
import eu.indriva.tenant.Tenant;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverduePolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);
    private static final Debtor DEBTOR = new Debtor("Nordvik Bygg AB", "556036-0793", "Industrigatan 12", "721 30",
            "Västerås", "SE", null);

    private static Tenant.Policy policy(boolean automatic, int graceDays, String minimum, List<String> excluded) {
        return new Tenant.Policy(automatic, graceDays, new BigDecimal(minimum), List.of("SEK", "EUR"), eu.indriva.agency.AgencyService.COLLECTION,
                excluded, Duration.ofMinutes(15), false);
    }

    private static final Tenant.Policy DEFAULT = policy(true, 10, "100.00", List.of("C-EXCLUDED"));

    private static AccountingInvoice invoice(String status, LocalDate due, String currency, String total, String customer,
                                             Payment... payments) {
        return new AccountingInvoice("1001", "2501", status, ProcountorMapping.state(status), due.minusDays(30), due, currency,
                new BigDecimal(total),
                List.of(payments), customer, DEBTOR, "2501");
    }

    private static AccountingInvoice open(String total, Payment... payments) {
        return invoice("SENT", TODAY.minusDays(40), "SEK", total, "C-101", payments);
    }

    private static Payment paid(String amount) {
        return new Payment("p" + amount, "REFERENCEPAYMENT", PaymentKind.DEBTOR_PAYMENT, TODAY.minusDays(20), new BigDecimal(amount), null);
    }

    private static BigDecimal amount(Decision d) {
        assertThat(d).isInstanceOf(Decision.Transfer.class);
        return ((Decision.Transfer) d).outstanding();
    }

    private static String stayReason(Decision d) {
        assertThat(d).isInstanceOf(Decision.Stay.class);
        // the code first, for the preview; the words after, for a person
        return ((Decision.Stay) d).why() + ": " + ((Decision.Stay) d).reason();
    }

    @Nested
    class Decide {

        @Test
        void anOpenOverdueInvoiceIsTransferredWithItsTotalWhenNothingWasPaid() {
            BigDecimal out = amount(OverduePolicy.decide(open("1250.00"), DEFAULT, TODAY, false));

            assertThat(out).isEqualByComparingTo("1250.00");
            assertThat(out.scale()).isEqualTo(2);
        }

        @Test
        void partlyPaidTransfersTotalMinusPaymentsWithScaleTwo() {
            AccountingInvoice inv = invoice("PARTLY_PAID", TODAY.minusDays(25), "SEK", "5000", "C-102",
                    paid("1000.5"), paid("500"));

            BigDecimal out = amount(OverduePolicy.decide(inv, DEFAULT, TODAY, false));

            assertThat(out).isEqualTo(new BigDecimal("3499.50"));
        }

        @Test
        void aNegativeReversalEventAddsItsAmountBack() {
            AccountingInvoice inv = invoice("PARTLY_PAID", TODAY.minusDays(25), "SEK", "5000.00", "C-102",
                    paid("2000.00"), paid("-2000.00"), paid("1000.00"));

            assertThat(amount(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).isEqualTo(new BigDecimal("4000.00"));
        }

        @Test
        void fullyPaidStays() {
            AccountingInvoice inv = invoice("PARTLY_PAID", TODAY.minusDays(40), "SEK", "1250.00", "C-101",
                    paid("1000.00"), paid("250.00"));

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).contains("PAID: ", "nothing is outstanding");
        }

        @Test
        void overpaidStays() {
            assertThat(stayReason(OverduePolicy.decide(open("1250.00", paid("1300.00")), DEFAULT, TODAY, false)))
                    .contains("PAID: ", "nothing is outstanding");
        }

        @Test
        void zeroTotalStays() {
            assertThat(OverduePolicy.decide(open("0.00"), policy(true, 10, "0.00", List.of()), TODAY, false))
                    .isInstanceOf(Decision.Stay.class);
        }

        @Test
        void outstandingBelowTheMinimumStaysEvenWhenTheTotalIsAbove() {
            AccountingInvoice inv = open("1250.00", paid("1200.00"));

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).contains("BELOW_MINIMUM: ", "below the minimum");
        }

        @Test
        void outstandingExactlyTheMinimumIsTransferred() {
            assertThat(amount(OverduePolicy.decide(open("100.00"), DEFAULT, TODAY, false))).isEqualByComparingTo("100.00");
        }

        @Test
        void currencyNotAllowedStays() {
            AccountingInvoice inv = invoice("SENT", TODAY.minusDays(40), "NOK", "1250.00", "C-101");

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).contains("CURRENCY: ", "currency NOK");
        }

        @Test
        void excludedCustomerStays() {
            AccountingInvoice inv = invoice("SENT", TODAY.minusDays(40), "SEK", "1250.00", "C-EXCLUDED");

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).contains("EXCLUDED_CUSTOMER: ", "C-EXCLUDED", "excluded");
        }

        @Test
        void dueExactlyGraceDaysAgoIsOverdueEnough() {
            AccountingInvoice inv = invoice("SENT", TODAY.minusDays(10), "SEK", "1250.00", "C-101");

            assertThat(OverduePolicy.decide(inv, DEFAULT, TODAY, false)).isInstanceOf(Decision.Transfer.class);
        }

        @Test
        void dueOneDayInsideTheGracePeriodStays() {
            AccountingInvoice inv = invoice("SENT", TODAY.minusDays(9), "SEK", "1250.00", "C-101");

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).contains("NOT_OVERDUE: ", "not overdue by 10 days");
        }

        @Test
        void zeroGraceDaysTransfersOnTheDueDateItself() {
            AccountingInvoice inv = invoice("SENT", TODAY, "SEK", "1250.00", "C-101");

            assertThat(OverduePolicy.decide(inv, policy(true, 0, "0.00", List.of()), TODAY, false))
                    .isInstanceOf(Decision.Transfer.class);
            assertThat(OverduePolicy.decide(invoice("SENT", TODAY.plusDays(1), "SEK", "1250.00", "C-101"),
                    policy(true, 0, "0.00", List.of()), TODAY, false)).isInstanceOf(Decision.Stay.class);
        }

        @Test
        void theEffectiveDueDateCountsSoAMovedDueDateKeepsTheInvoiceBack() {
            // the original due date was 40 days ago, but newDueDate moved it to 5 days ago: the record carries the moved date
            AccountingInvoice moved = invoice("SENT", TODAY.minusDays(5), "SEK", "1250.00", "C-101");

            assertThat(stayReason(OverduePolicy.decide(moved, DEFAULT, TODAY, false))).contains("NOT_OVERDUE: ", "due " + TODAY.minusDays(5));
        }

        @Test
        void noDueDateStays() {
            AccountingInvoice inv = new AccountingInvoice("1001", "2501", "SENT", InvoiceState.OPEN, TODAY.minusDays(60), null, "SEK",
                    new BigDecimal("1250.00"), List.of(), "C-101", DEBTOR, null);

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).startsWith("NO_DUE_DATE: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"INVALIDATED", "MARKED_PAID", "PAID", "UNFINISHED", "NOT_SENT", "DELETED", "SOME_NEW_STATUS"})
        void statusNotOpenStays(String status) {
            AccountingInvoice inv = invoice(status, TODAY.minusDays(40), "SEK", "1250.00", "C-101");

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).contains("PAID: ", status);
            assertThat(OverduePolicy.decide(inv, DEFAULT, TODAY, true)).isInstanceOf(Decision.Stay.class);
        }

        @Test
        void automaticOffKeepsEveryInvoiceBackFromThePoller() {
            Tenant.Policy manualOnly = policy(false, 10, "0.00", List.of());

            assertThat(stayReason(OverduePolicy.decide(open("1250.00"), manualOnly, TODAY, false))).contains("MANUAL_ONLY: ", "manual");
        }
    }

    @Nested
    class ManualTransfer {

        @Test
        void ignoresGraceDays() {
            AccountingInvoice notYetDue = invoice("SENT", TODAY.plusDays(3), "SEK", "1250.00", "C-101");

            assertThat(amount(OverduePolicy.decide(notYetDue, DEFAULT, TODAY, true))).isEqualByComparingTo("1250.00");
        }

        @Test
        void ignoresTheMinimum() {
            assertThat(amount(OverduePolicy.decide(open("50.00"), DEFAULT, TODAY, true))).isEqualByComparingTo("50.00");
        }

        @Test
        void ignoresAutomaticOff() {
            assertThat(OverduePolicy.decide(open("1250.00"), policy(false, 10, "0.00", List.of()), TODAY, true))
                    .isInstanceOf(Decision.Transfer.class);
        }

        @Test
        void stillRefusesACurrencyNotAllowed() {
            AccountingInvoice inv = invoice("SENT", TODAY.minusDays(40), "USD", "1250.00", "C-101");

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, true))).contains("currency USD");
        }

        @Test
        void stillRefusesAnExcludedCustomer() {
            AccountingInvoice inv = invoice("SENT", TODAY.minusDays(40), "SEK", "1250.00", "C-EXCLUDED");

            assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, true))).contains("excluded");
        }

        @Test
        void stillRefusesAPaidInvoice() {
            assertThat(stayReason(OverduePolicy.decide(open("1250.00", paid("1250.00")), DEFAULT, TODAY, true)))
                    .contains("PAID: ", "nothing is outstanding");
            assertThat(OverduePolicy.decide(invoice("MARKED_PAID", TODAY.minusDays(40), "SEK", "1250.00", "C-101"),
                    DEFAULT, TODAY, true)).isInstanceOf(Decision.Stay.class);
        }

        @Test
        void transfersTheOutstandingAmountNotTheTotal() {
            assertThat(amount(OverduePolicy.decide(open("1250.00", paid("250.00")), DEFAULT, TODAY, true)))
                    .isEqualTo(new BigDecimal("1000.00"));
        }
    }

    @Nested
    class DueOnOrBefore {

        @Test
        void isTodayMinusGraceDays() {
            assertThat(OverduePolicy.dueOnOrBefore(DEFAULT, TODAY)).isEqualTo(LocalDate.of(2025, 6, 5));
            assertThat(OverduePolicy.dueOnOrBefore(policy(true, 0, "0", List.of()), TODAY)).isEqualTo(TODAY);
        }

        @Test
        void crossesMonthAndYearBoundaries() {
            assertThat(OverduePolicy.dueOnOrBefore(policy(true, 10, "0", List.of()), LocalDate.of(2025, 1, 3)))
                    .isEqualTo(LocalDate.of(2024, 12, 24));
            assertThat(OverduePolicy.dueOnOrBefore(policy(true, 30, "0", List.of()), LocalDate.of(2024, 3, 1)))
                    .isEqualTo(LocalDate.of(2024, 1, 31));
        }
    }

    @Nested
    class PreFilter {

        private InvoiceSummary summary(String currency, String customer, String total) {
            return new InvoiceSummary("1001", "2501", customer, currency, total == null ? null : new BigDecimal(total),
                    TODAY.minusDays(40));
        }

        @Test
        void passesAnInvoiceTheRulesAllow() {
            assertThat(OverduePolicy.preFilter(summary("SEK", "C-101", "1250.00"), DEFAULT)).isEmpty();
            assertThat(OverduePolicy.preFilter(summary("EUR", null, "100.00"), DEFAULT)).isEmpty();
        }

        @Test
        void rulesOutACurrencyNotAllowedOrUnknown() {
            assertThat(OverduePolicy.preFilter(summary("NOK", "C-101", "1250.00"), DEFAULT).map(OverduePolicyTest::stayReason)).get().asString().contains("CURRENCY", "NOK");
            assertThat(OverduePolicy.preFilter(summary(null, "C-101", "1250.00"), DEFAULT)).isPresent();
        }

        @Test
        void rulesOutAnExcludedCustomer() {
            assertThat(OverduePolicy.preFilter(summary("SEK", "C-EXCLUDED", "1250.00"), DEFAULT).map(OverduePolicyTest::stayReason)).get().asString().contains("EXCLUDED_CUSTOMER", "C-EXCLUDED");
        }

        @Test
        void rulesOutATotalBelowTheMinimum() {
            assertThat(OverduePolicy.preFilter(summary("SEK", "C-101", "99.99"), DEFAULT).map(OverduePolicyTest::stayReason)).get().asString().contains("BELOW_MINIMUM", "below the minimum");
        }

        @Test
        void anUnknownTotalIsLeftForTheFullCheck() {
            assertThat(OverduePolicy.preFilter(summary("SEK", "C-101", null), DEFAULT)).isEmpty();
        }
    }

    @Test
    void aReceivedPurchaseInvoiceIsNotTransferredEvenByHand() {
        AccountingInvoice inv = invoice("RECEIVED", TODAY.minusDays(40), "SEK", "1250.00", "C-101");

        assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, true))).contains("RECEIVED");
    }

    @Test
    void anInvoiceWithoutADueDateStaysEvenWhenTransferredByHand() {
        AccountingInvoice inv = new AccountingInvoice("1001", "2501", "SENT", InvoiceState.OPEN, TODAY.minusDays(30), null, "SEK",
                new BigDecimal("1250.00"), List.of(), "C-101", DEBTOR, null);

        assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, true))).contains("no due date");
        assertThat(stayReason(OverduePolicy.decide(inv, DEFAULT, TODAY, false))).contains("no due date");
    }

    @Test
    void theInvoiceServiceTakesEveryOpenInvoiceWhenItIsSentOverdueOrNot() {
        Tenant.Policy invoiceService = new Tenant.Policy(true, 10, new BigDecimal("100.00"), List.of("SEK", "EUR"),
                eu.indriva.agency.AgencyService.INVOICE, List.of("C-EXCLUDED"), Duration.ofMinutes(15), false);
        AccountingInvoice notYetDue = invoice("SENT", TODAY.plusDays(30), "SEK", "1250.00", "C-101");

        assertThat(OverduePolicy.dueOnOrBefore(invoiceService, TODAY)).isAfter(TODAY.plusYears(5));
        assertThat(amount(OverduePolicy.decide(notYetDue, invoiceService, TODAY, false))).isEqualByComparingTo("1250.00");
        assertThat(stayReason(OverduePolicy.decide(notYetDue, DEFAULT, TODAY, false))).contains("not overdue");
        // the rest of the policy still holds
        assertThat(stayReason(OverduePolicy.decide(invoice("SENT", TODAY.plusDays(30), "SEK", "1250.00", "C-EXCLUDED"), invoiceService,
                TODAY, false))).contains("excluded");
        assertThat(stayReason(OverduePolicy.decide(invoice("SENT", TODAY.plusDays(30), "SEK", "50.00", "C-101"), invoiceService,
                TODAY, false))).contains("below the minimum");
    }
}
