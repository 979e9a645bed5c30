package eu.indriva.accounting.procountor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.accounting.JournalEntry;
import eu.indriva.debtor.Debtor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcountorMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode NO_EVENTS = JSON.createObjectNode();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String SEARCH_HIT = """
            {
              "id": 1001, "partnerId": 3101, "type": "SALES_INVOICE", "status": "SENT", "invoiceNumber": 2501,
              "date": "2025-04-01", "dueDate": "2025-05-01",
              "created": "2025-04-01T07:30:00Z", "version": "2025-04-01T08:14:22Z",
              "someFieldProcountorAddedLater": {"nested": [1, 2, 3]},
              "invoiceSumInfo": [
                {"currency": "SEK", "inAccountingCurrency": true, "excludingVatTotal": 1000.00, "vatSumTotal": 250.00, "invoiceSumTotal": 1250.00}
              ],
              "counterParty": {
                "customerNumber": "C-101", "identifier": "556036-0793",
                "counterPartyAddress": {"name": "Nordvik Bygg AB", "street": "Industrigatan 12", "zip": "721 30", "city": "Västerås", "country": "SWEDEN"}
              }
            }
            """;

    @Test
    void summaryReadsTheSearchHit() {
        InvoiceSummary s = ProcountorMapping.summary(json(SEARCH_HIT));

        assertThat(s.invoiceId()).isEqualTo("1001");
        assertThat(s.invoiceNumber()).isEqualTo("2501");
        assertThat(s.customerNumber()).isEqualTo("C-101");
        assertThat(s.currency()).isEqualTo("SEK");
        assertThat(s.total()).isEqualTo(new BigDecimal("1250.00"));
        assertThat(s.effectiveDueDate()).isEqualTo(LocalDate.of(2025, 5, 1));
    }

    @Test
    void summaryPrefersNewDueDate() {
        JsonNode hit = json(SEARCH_HIT.replace("\"dueDate\": \"2025-05-01\"", "\"dueDate\": \"2025-05-01\", \"newDueDate\": \"2025-06-10\""));

        assertThat(ProcountorMapping.summary(hit).effectiveDueDate()).isEqualTo(LocalDate.of(2025, 6, 10));
    }

    @Test
    void summaryOfAForeignCurrencyInvoiceUsesTheEntryNotInAccountingCurrency() {
        JsonNode hit = json("""
                {"id": 7, "invoiceNumber": 7, "dueDate": "2025-05-01", "status": "SENT",
                 "invoiceSumInfo": [
                   {"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": 11500.00},
                   {"currency": "EUR", "inAccountingCurrency": false, "invoiceSumTotal": 1000.00}
                 ],
                 "counterParty": {"customerNumber": "C-7"}}
                """);

        InvoiceSummary s = ProcountorMapping.summary(hit);

        assertThat(s.currency()).isEqualTo("EUR");
        assertThat(s.total()).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void aSearchHitWithoutATotalLeavesItToTheFullRead() {
        JsonNode noTotal = json("""
                {"id": 9, "invoiceNumber": 9, "dueDate": "2025-05-01", "status": "SENT",
                 "invoiceSumInfo": [{"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": null}]}
                """);

        InvoiceSummary b = ProcountorMapping.summary(noTotal);

        assertThat(b.currency()).isEqualTo("SEK");
        assertThat(b.total()).isNull();
        assertThat(b.effectiveDueDate()).isEqualTo(LocalDate.of(2025, 5, 1));
    }

    @Test
    void aSearchHitWithoutCurrencyDueDateOrIdCannotBeUsedAndSaysWhy() {
        // the adapter sets such a hit aside (a REJECTED claim with this reason), the rest of the page goes on;
        // dropping it in the pre-filter, as before, lost it without a word
        JsonNode noSums = json("""
                {"id": 8, "invoiceNumber": 8, "dueDate": "2025-05-01", "status": "SENT", "counterParty": {"customerNumber": "C-8"}}
                """);
        JsonNode noDue = json("""
                {"id": 10, "dueDate": null, "invoiceSumInfo": [{"currency": "SEK", "invoiceSumTotal": 5}]}
                """);
        JsonNode noId = json("""
                {"invoiceNumber": 11, "dueDate": "2025-05-01", "invoiceSumInfo": [{"currency": "SEK", "invoiceSumTotal": 5}]}
                """);

        assertThatThrownBy(() -> ProcountorMapping.summary(noSums)).hasMessageContaining("no currency");
        assertThatThrownBy(() -> ProcountorMapping.summary(noDue)).hasMessageContaining("no due date");
        assertThatThrownBy(() -> ProcountorMapping.summary(noId)).hasMessageContaining("no id");
    }

    private static final String INVOICE = """
            {
              "id": 1002, "partnerId": 3102, "type": "SALES_INVOICE", "status": "PARTLY_PAID", "date": "2025-04-20",
              "counterParty": {
                "contactPersonName": "Someone Else", "identifier": "811218-9876", "customerNumber": "C-102",
                "email": "anna.svensson@example.com",
                "counterPartyAddress": {"name": "Anna Svensson", "specifier": "c/o Berg", "street": "Björkvägen 7",
                                        "zip": "582 46", "city": "Linköping", "country": "SWEDEN", "unknownAddressField": true}
              },
              "paymentInfo": {
                "paymentMethod": "DOMESTIC_PAYMENT_BANKGIRO", "currency": "SEK", "dueDate": "2025-05-20",
                "bankReferenceCode": "2502031020", "bankReferenceCodeType": "OCR", "aBrandNewField": "x"
              },
              "invoiceRows": [{"product": "Takreparation", "quantity": 1, "unit": "PIECE", "unitPrice": 4000.00, "vatPercent": 25}],
              "invoiceNumber": 2502, "invoiceChannel": "SOME_NEW_CHANNEL", "notes": "",
              "version": "2025-05-25T11:02:57Z",
              "invoiceSumInfo": [
                {"currency": "SEK", "inAccountingCurrency": true, "excludingVatTotal": 4000.00, "vatSumTotal": 1000.00, "invoiceSumTotal": 5000.00}
              ]
            }
            """;

    private static final String EVENTS = """
            {"results": [
               {"id": 71, "invoiceId": 1002, "type": "REFERENCEPAYMENT", "paymentDate": "2025-05-28", "amount": 1500.25, "currency": "SEK", "description": "part 1"},
               {"id": 72, "invoiceId": 1002, "type": "BANKSTATEMENT", "paymentDate": "2025-05-30", "amount": 500, "currency": "SEK"},
               {"id": 73, "invoiceId": 1002, "type": "CORRECTION", "paymentDate": "2025-06-01", "amount": -500, "currency": "SEK", "status": "NEW_STATUS"}
             ],
             "meta": {"pageNumber": 0, "pageSize": 200, "resultCount": 3, "totalCount": 3}}
            """;

    @Test
    void invoiceReadsIdsStatusDatesCurrencyAndReference() {
        AccountingInvoice inv = ProcountorMapping.invoice(json(INVOICE), NO_EVENTS);

        assertThat(inv.invoiceId()).isEqualTo("1002");
        assertThat(inv.invoiceNumber()).isEqualTo("2502");
        assertThat(inv.status()).isEqualTo("PARTLY_PAID");
        assertThat(inv.invoiceDate()).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(inv.effectiveDueDate()).isEqualTo(LocalDate.of(2025, 5, 20));
        assertThat(inv.currency()).isEqualTo("SEK");
        assertThat(inv.total()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(inv.customerNumber()).isEqualTo("C-102");
        assertThat(inv.paymentReference()).isEqualTo("2502031020");
        assertThat(inv.payments()).isEmpty();
        assertThat(inv.outstanding()).isEqualTo(new BigDecimal("5000.00"));
    }

    @Test
    void theDebtorsCountryNameBecomesItsIsoCodeAndANameNotKnownIsPassedOnAsWritten() {
        assertThat(ProcountorMapping.country("UNITED_KINGDOM")).isEqualTo("GB");
        assertThat(ProcountorMapping.country("ÅLAND")).isEqualTo("AX");
        assertThat(ProcountorMapping.country("ATLANTIS")).as("the validator rejects it, quoting it").isEqualTo("ATLANTIS");
        assertThat(ProcountorMapping.country(null)).isNull();
    }

    @Test
    void invoiceDebtorUsesTheAddressNameAndJoinsSpecifierAndStreet() {
        Debtor d = ProcountorMapping.invoice(json(INVOICE), NO_EVENTS).debtor();

        assertThat(d).usingRecursiveComparison().isEqualTo(new Debtor("Anna Svensson", "811218-9876",
                "c/o Berg, Björkvägen 7", "582 46", "Linköping", "SE", "anna.svensson@example.com"));
    }

    @Test
    void streetAloneWhenThereIsNoSpecifierAndSpecifierAloneWhenThereIsNoStreet() {
        assertThat(ProcountorMapping.invoice(json(INVOICE.replace("\"specifier\": \"c/o Berg\", ", "")), NO_EVENTS)
                .debtor().street()).isEqualTo("Björkvägen 7");
        assertThat(ProcountorMapping.invoice(json(INVOICE.replace("\"street\": \"Björkvägen 7\",", "")), NO_EVENTS)
                .debtor().street()).isEqualTo("c/o Berg");
    }

    @Test
    void newDueDateWinsOverTheDueDate() {
        JsonNode moved = json(INVOICE.replace("\"dueDate\": \"2025-05-20\"", "\"dueDate\": \"2025-05-20\", \"newDueDate\": \"2025-06-05\""));

        assertThat(ProcountorMapping.invoice(moved, NO_EVENTS).effectiveDueDate()).isEqualTo(LocalDate.of(2025, 6, 5));
    }

    @Test
    void aNullNewDueDateFallsBackToTheDueDate() {
        JsonNode notMoved = json(INVOICE.replace("\"dueDate\": \"2025-05-20\"", "\"dueDate\": \"2025-05-20\", \"newDueDate\": null"));

        assertThat(ProcountorMapping.invoice(notMoved, NO_EVENTS).effectiveDueDate()).isEqualTo(LocalDate.of(2025, 5, 20));
    }

    @Test
    void paymentsAreReadAndSummedIncludingReversals() {
        AccountingInvoice inv = ProcountorMapping.invoice(json(INVOICE), json(EVENTS));

        assertThat(inv.payments()).extracting(AccountingInvoice.Payment::id).containsExactly("71", "72", "73");
        assertThat(inv.payments().get(0)).isEqualTo(new AccountingInvoice.Payment("71", "REFERENCEPAYMENT",
                eu.indriva.accounting.PaymentKind.DEBTOR_PAYMENT, LocalDate.of(2025, 5, 28), new BigDecimal("1500.25"), "part 1"));
        assertThat(inv.payments().get(2).amount()).isEqualByComparingTo("-500");
        // 5000.00 - (1500.25 + 500 - 500)
        assertThat(inv.outstanding()).isEqualTo(new BigDecimal("3499.75"));
    }

    @Test
    void eventsWithoutAnAmountAreSkipped() {
        JsonNode events = json("""
                {"results": [{"id": 1, "type": "ELSEWHERE"}, {"id": 2, "type": "ELSEWHERE", "amount": null},
                             {"id": 3, "type": "CASH", "amount": "10.50"}]}
                """);

        assertThat(ProcountorMapping.payments(events)).extracting(AccountingInvoice.Payment::id).containsExactly("3");
        assertThat(ProcountorMapping.payments(events).get(0).amount()).isEqualByComparingTo("10.50");
    }

    @Test
    void aEurInvoiceInASekCompanyUsesTheEurSumWhicheverOrderTheEntriesCome() {
        String eur = INVOICE.replace("\"currency\": \"SEK\", \"dueDate\"", "\"currency\": \"EUR\", \"dueDate\"")
                .replace("""
                        {"currency": "SEK", "inAccountingCurrency": true, "excludingVatTotal": 4000.00, "vatSumTotal": 1000.00, "invoiceSumTotal": 5000.00}""",
                        """
                        {"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": 57500.00},
                        {"currency": "EUR", "inAccountingCurrency": false, "invoiceSumTotal": 5000.00}""");
        assertThat(eur).contains("\"EUR\", \"inAccountingCurrency\": false").contains("\"currency\": \"EUR\", \"dueDate\"");

        AccountingInvoice inv = ProcountorMapping.invoice(json(eur), NO_EVENTS);

        assertThat(inv.currency()).isEqualTo("EUR");
        assertThat(inv.total()).isEqualTo(new BigDecimal("5000.00"));
    }

    @Test
    void theSumIsPickedByTheInvoiceCurrencyNotByPosition() {
        JsonNode inv = json("""
                {"id": 9, "invoiceNumber": 9, "status": "SENT",
                 "paymentInfo": {"currency": "EUR", "dueDate": "2025-05-01"},
                 "invoiceSumInfo": [
                   {"currency": "EUR", "inAccountingCurrency": false, "invoiceSumTotal": 99.90},
                   {"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": 1150.00}
                 ]}
                """);

        assertThat(ProcountorMapping.invoice(inv, NO_EVENTS).total()).isEqualTo(new BigDecimal("99.90"));
    }

    @Test
    void anInvoiceWithoutASumInItsCurrencyIsRefused() {
        JsonNode inv = json("""
                {"id": 9, "status": "SENT", "paymentInfo": {"currency": "EUR", "dueDate": "2025-05-01"},
                 "invoiceSumInfo": [{"currency": "SEK", "inAccountingCurrency": true, "invoiceSumTotal": 1150.00}]}
                """);

        assertThatIllegalArgumentException().isThrownBy(() -> ProcountorMapping.invoice(inv, NO_EVENTS)).withMessageContaining("EUR");
    }

    @Test
    void missingOptionalPartsBecomeNull() {
        JsonNode inv = json("""
                {"id": 9, "status": "SENT", "paymentInfo": {"currency": "SEK", "dueDate": "2025-05-01"},
                 "invoiceSumInfo": [{"currency": "SEK", "invoiceSumTotal": 10}]}
                """);

        AccountingInvoice a = ProcountorMapping.invoice(inv, NO_EVENTS);

        assertThat(a.customerNumber()).isNull();
        assertThat(a.paymentReference()).isNull();
        assertThat(a.invoiceDate()).isNull();
        assertThat(a.debtor().name()).isNull();
        assertThat(a.debtor().identifier()).isNull();
        assertThat(a.total()).isEqualTo(new BigDecimal("10.00"));
    }

    // ---- payment events, markpaid and journal receipts ----

    @Test
    void paymentAmountsHaveScaleTwoWhateverProcountorWrites() {
        JsonNode events = json("""
                {"results": [{"id": 1, "type": "CASH", "amount": 250}, {"id": 2, "type": "CASH", "amount": "10.5"},
                             {"id": 3, "type": "CASH", "amount": 1E+3}]}
                """);

        assertThat(ProcountorMapping.payments(events)).extracting(AccountingInvoice.Payment::amount)
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("10.50"), new BigDecimal("1000.00"));
    }

    @Test
    void markPaidBodyHasTheContractsFieldsAndAnExactAmount() throws Exception {
        String wire = JSON.writeValueAsString(ProcountorMapping.markPaid(LocalDate.of(2025, 6, 16), new BigDecimal("0.3"),
                "SEK", "Kravia settlement 9001 line 2", "EXTERNAL_BANK_TRANSFER", JSON));
        JsonNode n = JSON.readTree(wire);

        assertThat(wire).contains("\"amount\":0.30");
        assertThat(n.get("paymentDate").asText()).isEqualTo("2025-06-16");
        assertThat(n.get("amount").isNumber()).isTrue();
        assertThat(n.get("currency").asText()).isEqualTo("SEK");
        assertThat(n.get("description").asText()).isEqualTo("Kravia settlement 9001 line 2");
        assertThat(n.get("paymentMethodType").asText()).isEqualTo("EXTERNAL_BANK_TRANSFER");
    }

    @Test
    void markPaidWithoutADescriptionLeavesTheFieldOut() {
        assertThat(ProcountorMapping.markPaid(LocalDate.of(2025, 6, 16), BigDecimal.ONE, "SEK", null, "CREDIT_LOSS", JSON)
                .has("description")).isFalse();
    }

    @Test
    void journalReceiptIsAPurchaseReceiptWithVatPercentZeroOnEveryRow() {
        JournalEntry e = new JournalEntry("Kravia settlement 9001", LocalDate.of(2025, 6, 16), "why", List.of(
                new JournalEntry.Row("6063", new BigDecimal("0.1"), "commission"),
                new JournalEntry.Row("2640", new BigDecimal("0.20"), null),
                new JournalEntry.Row("1689", new BigDecimal("-0.30"), "clearing")));

        JsonNode n = ProcountorMapping.journalReceipt(e, JSON);

        assertThat(n.get("type").asText()).isEqualTo("JOURNAL");
        assertThat(n.get("name").asText()).isEqualTo("Kravia settlement 9001");
        assertThat(n.get("receiptDate").asText()).isEqualTo("2025-06-16");
        assertThat(n.get("vatType").asText()).isEqualTo("PURCHASE");
        assertThat(n.get("vatStatus").asInt()).isEqualTo(1);
        assertThat(n.get("transactionDescription").asText()).isEqualTo("why");
        assertThat(n.get("transactions")).hasSize(3);
        assertThat(n.get("transactions")).allSatisfy(row -> {
            assertThat(row.get("transactionType").asText()).isEqualTo("ENTRY");
            assertThat(row.get("vatPercent").isNumber()).isTrue();
            assertThat(row.get("vatPercent").asInt()).isZero();
        });
        assertThat(n.get("transactions").get(0).get("accountingValue").decimalValue()).isEqualTo(new BigDecimal("0.10"));
        assertThat(n.get("transactions").get(2).get("accountingValue").decimalValue()).isEqualTo(new BigDecimal("-0.30"));
        assertThat(n.get("transactions").get(1).has("description")).isFalse();
        assertThat(n.get("transactions").get(2).get("account").asText()).isEqualTo("1689");
    }

    @Test
    void procountorsStatusesPaymentTypesAndPaymentMethodsInTheWordsEverySystemShares() {
        java.util.Map<String, eu.indriva.accounting.InvoiceState> states = java.util.Map.of(
                "SENT", eu.indriva.accounting.InvoiceState.OPEN, "PARTLY_PAID", eu.indriva.accounting.InvoiceState.PARTLY_PAID,
                "PAID", eu.indriva.accounting.InvoiceState.PAID, "MARKED_PAID", eu.indriva.accounting.InvoiceState.PAID,
                "INVALIDATED", eu.indriva.accounting.InvoiceState.VOID, "DELETED", eu.indriva.accounting.InvoiceState.VOID,
                "UNFINISHED", eu.indriva.accounting.InvoiceState.NOT_SENT, "NOT_SENT", eu.indriva.accounting.InvoiceState.NOT_SENT,
                "SOMETHING_NEW", eu.indriva.accounting.InvoiceState.OTHER);
        states.forEach((status, state) -> assertThat(ProcountorMapping.state(status)).as(status).isEqualTo(state));
        assertThat(ProcountorMapping.state(null)).isEqualTo(eu.indriva.accounting.InvoiceState.OTHER);
        assertThat(java.util.Arrays.stream(eu.indriva.accounting.InvoiceState.values()).filter(eu.indriva.accounting.InvoiceState::open))
                .containsExactly(eu.indriva.accounting.InvoiceState.OPEN, eu.indriva.accounting.InvoiceState.PARTLY_PAID);

        for (String type : new String[] {"REFERENCEPAYMENT", "BANKSTATEMENT", "BANKTRANSFERELSEWHERE", "ELSEWHERE", "CASH"}) {
            assertThat(ProcountorMapping.kind(type)).as(type).isEqualTo(eu.indriva.accounting.PaymentKind.DEBTOR_PAYMENT);
        }
        assertThat(ProcountorMapping.kind("COMPENSATIONINVOICE")).isEqualTo(eu.indriva.accounting.PaymentKind.CREDIT);
        assertThat(ProcountorMapping.kind("INVOICE_TO_INVOICE")).isEqualTo(eu.indriva.accounting.PaymentKind.CREDIT);
        for (String type : new String[] {"CORRECTION", "CREDIT_LOSS", "EXTERNAL_BANK_TRANSFER", "NEW_TYPE"}) {
            assertThat(ProcountorMapping.kind(type)).as(type).isEqualTo(eu.indriva.accounting.PaymentKind.OTHER);
        }
        assertThat(ProcountorMapping.kind(null)).isEqualTo(eu.indriva.accounting.PaymentKind.OTHER);

        assertThat(ProcountorMapping.paymentMethod(eu.indriva.accounting.MarkPaidReason.AGENCY_PAYOUT)).isEqualTo("EXTERNAL_BANK_TRANSFER");
        assertThat(ProcountorMapping.paymentMethod(eu.indriva.accounting.MarkPaidReason.CREDIT_LOSS)).isEqualTo("CREDIT_LOSS");
    }
}
