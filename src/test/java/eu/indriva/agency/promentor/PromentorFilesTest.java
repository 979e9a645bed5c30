package eu.indriva.agency.promentor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.agency.AgencyService;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.agency.promentor.PromentorFiles.Line;
import eu.indriva.agency.promentor.PromentorFiles.Receipt;
import eu.indriva.agency.promentor.PromentorFiles.ReceiptStatus;
import eu.indriva.debtor.DebtorType;
import eu.indriva.debtor.ValidDebtor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromentorFilesTest {

    static final ValidDebtor COMPANY = new ValidDebtor(DebtorType.COMPANY, "Nordvik Bygg AB", "556677-8899", null, "Storgatan 1",
            "111 22", "Stockholm", "SE", "ap@nordvik.example");
    static final ValidDebtor PERSON = new ValidDebtor(DebtorType.PERSON, "Anna Berg", null, "19811218-1234", "Lillgatan 2",
            "222 33", "Lund", "SE", null);

    static ClaimRegistration claim(ValidDebtor debtor, AgencyService service) {
        return new ClaimRegistration("1001", "2501", "C-17", debtor, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                new BigDecimal("900.50"), "SEK", service, "250110017", new BigDecimal("1250.00"), null);
    }

    @Test
    void fileNamesCarryTypeCreditorUtcTimeAndASequence() {
        assertThat(PromentorFiles.fileName(PromentorFiles.Type.NC, "4711", Instant.parse("2026-12-05T23:59:58Z"), 7))
                .isEqualTo("NC_4711_20261205235958_007.csv");
        assertThat(PromentorFiles.typeOf("KM_4711_20261205235958_001.csv")).isEqualTo(PromentorFiles.Type.KM);
        assertThat(PromentorFiles.typeOf("README.txt")).isNull();
        assertThat(PromentorFiles.typeOf("XX_4711_1.csv")).isNull();
        assertThat(PromentorFiles.attachmentName("4711", "1001", "application/pdf")).isEqualTo("ATT_4711_1001.pdf");
        assertThat(PromentorFiles.attachmentName("4711", "1001", "image/png")).isEqualTo("ATT_4711_1001.png");
    }

    @Test
    void aNewCaseLineForACompanyNamesItsOrganisationNumberAndTheOutstandingAmount() throws Exception {
        List<String> line = PromentorFiles.newCase(claim(COMPANY, AgencyService.COLLECTION), "ATT_4711_1001.pdf");
        byte[] file = PromentorCsv.write(PromentorFiles.NC_COLUMNS, List.of(line));

        PromentorCsv.Row row = PromentorCsv.read(file).get(0);
        assertThat(row.fields()).containsEntry("claimRef", "1001").containsEntry("service", "COLLECTION")
                .containsEntry("invoiceNo", "2501").containsEntry("invoiceDate", "2026-10-01").containsEntry("dueDate", "2026-10-31")
                .containsEntry("currency", "SEK").containsEntry("invoiceTotal", "1250.00").containsEntry("amount", "900.50")
                .containsEntry("debtorNo", "C-17").containsEntry("debtorType", "C").containsEntry("debtorId", "556677-8899")
                .containsEntry("countryCode", "SE").containsEntry("ocr", "250110017").containsEntry("attachment", "ATT_4711_1001.pdf");
    }

    @Test
    void theInvoiceServiceClaimsTheTotalAndAPersonCarriesThePersonalNumber() {
        List<String> line = PromentorFiles.newCase(claim(PERSON, AgencyService.INVOICE), null);

        assertThat(line.get(PromentorFiles.NC_COLUMNS.indexOf("amount"))).isEqualTo("1250.00");
        assertThat(line.get(PromentorFiles.NC_COLUMNS.indexOf("debtorType"))).isEqualTo("P");
        assertThat(line.get(PromentorFiles.NC_COLUMNS.indexOf("debtorId"))).isEqualTo("19811218-1234");
        assertThat(line.get(PromentorFiles.NC_COLUMNS.indexOf("attachment"))).isNull();
    }

    @Test
    void anAmountIsNeverRounded() {
        assertThatThrownBy(() -> PromentorFiles.amount(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
        assertThat(PromentorFiles.parseAmount("12.50")).isEqualByComparingTo("12.50");
        assertThat(PromentorFiles.parseAmount("12,50")).isNull();
        assertThat(PromentorFiles.parseAmount("1 200.00")).isNull();
        assertThat(PromentorFiles.parseAmount("12.5")).isNull();
    }

    @Test
    void receiptsAreReadLineByLineAndAnUnusableLineIsRefusedAlone() throws Exception {
        String kv = """
                file;lineRef;status;caseNo;message
                NC_4711_20261205120000_001.csv;1001;ACCEPTED;880001;
                NC_4711_20261205120000_001.csv;1002;DUPLICATE;880002;
                NC_4711_20261205120000_001.csv;1003;REJECTED;;"Gäldenären Anna Berg saknar adress"
                NC_4711_20261205120000_001.csv;1004;ACCEPTED;;
                NC_4711_20261205120000_001.csv;1005;MAYBE;880005;
                ;1006;ACCEPTED;880006;
                """;

        List<Line<Receipt>> lines = PromentorFiles.receipts(PromentorCsv.read(kv.getBytes(StandardCharsets.UTF_8)));

        assertThat(lines.get(0)).isEqualTo(new Line.Read<>(2, new Receipt("NC_4711_20261205120000_001.csv", "1001",
                ReceiptStatus.ACCEPTED, "880001", null)));
        assertThat(lines.get(1)).isEqualTo(new Line.Read<>(3, new Receipt("NC_4711_20261205120000_001.csv", "1002",
                ReceiptStatus.DUPLICATE, "880002", null)));
        Receipt rejected = ((Line.Read<Receipt>) lines.get(2)).value();
        assertThat(rejected.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(rejected.message()).isEqualTo("Gäldenären Anna Berg saknar adress");
        assertThat(rejected.toString()).as("the message may quote the debtor").doesNotContain("Anna");
        assertThat(lines.get(3)).isEqualTo(new Line.Refused<>(5, "ACCEPTED without a caseNo of digits"));
        assertThat(lines.get(4)).isInstanceOfSatisfying(Line.Refused.class, r -> assertThat(r.reason()).contains("'MAYBE'"));
        assertThat(lines.get(5)).isEqualTo(new Line.Refused<>(7, "file, lineRef and status are required"));
    }

    @Test
    void caseUpdatesCarryTheStageInEveryAgencysWordsAndRefuseWhatCannotBeUsed() throws Exception {
        String st = """
                caseNo;claimRef;stage;closeReason;changedAt;outstandingCapital;outstandingFees;outstandingInterest
                880001;1001;COLLECTION;;2026-12-06T08:00:00+01:00;1250.00;180.00;4.10
                880002;1002;CLOSED;PAID;2026-12-06T07:30:00Z;0.00;;
                880003;1003;CLOSED;;2026-12-06T07:30:00Z;;;
                880004;1004;SUED;;2026-12-06T07:30:00Z;;;
                880005;1005;REMINDER;;2026-12-06;;;
                880006;1006;REMINDER;;2026-12-06T07:30:00Z;1 250,00;;
                """;

        List<Line<PromentorFiles.CaseUpdate>> lines = PromentorFiles.caseUpdates(PromentorCsv.read(st.getBytes(StandardCharsets.UTF_8)));

        PromentorFiles.CaseUpdate u = ((Line.Read<PromentorFiles.CaseUpdate>) lines.get(0)).value();
        assertThat(u.stage()).isEqualTo(eu.indriva.claim.ClaimStage.COLLECTION);
        assertThat(u.changedAt().toInstant()).isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));
        assertThat(u.outstandingCapital()).isEqualByComparingTo("1250.00");
        assertThat(u.outstandingInterest()).isEqualByComparingTo("4.10");
        PromentorFiles.CaseUpdate paid = ((Line.Read<PromentorFiles.CaseUpdate>) lines.get(1)).value();
        assertThat(paid.closeReason()).isEqualTo(eu.indriva.claim.CloseReason.PAID);
        assertThat(paid.outstandingFees()).isNull();
        assertThat(lines.get(2)).isInstanceOfSatisfying(Line.Refused.class, r -> assertThat(r.reason()).contains("needs a closeReason"));
        assertThat(lines.get(3)).isInstanceOfSatisfying(Line.Refused.class, r -> assertThat(r.reason()).contains("'SUED'"));
        assertThat(lines.get(4)).isInstanceOfSatisfying(Line.Refused.class, r -> assertThat(r.reason()).contains("with offset"));
        assertThat(lines.get(5)).isInstanceOfSatisfying(Line.Refused.class, r -> assertThat(r.reason()).contains("outstandingCapital"));
        assertThat(lines).extracting(Line::number).containsExactly(2, 3, 4, 5, 6, 7);
    }

    @Test
    void reportLinesSayWhetherInterestAndFeesArePaidOutAndRefuseWhatDoesNotRead() throws Exception {
        String km = """
                reportNo;reportDate;currency;payoutTotal;caseNo;claimRef;capital;interest;fees;commission;vat;payout
                5001;2026-12-05;SEK;2197.40;880001;1001;1000.00;12.40;60.00;50.00;12.50;1009.90
                5001;2026-12-05;SEK;2197.40;880002;1002;1250.00;20.00;180.00;50.00;12.50;1187.50
                5001;2026-12-05;SEK;2197.40;880003;1003;100.00;0.00;0.00;0.00;0.00;99.00
                5001;2026-12-05;SEK;2197.40;880004;1004;1 000,00;;;;;
                5001;5 dec;SEK;2197.40;880005;1005;1.00;;;;;1.00
                """;

        List<Line<PromentorFiles.ReportLine>> lines = PromentorFiles.reportLines(PromentorCsv.read(km.getBytes(StandardCharsets.UTF_8)));

        PromentorFiles.ReportLine reminder = ((Line.Read<PromentorFiles.ReportLine>) lines.get(0)).value();
        assertThat(reminder.payoutTotal()).isEqualByComparingTo("2197.40");
        assertThat(reminder.interestAndFeesPaidOut()).as("1000.00 + 12.40 + 60.00 - 50.00 - 12.50").isTrue();
        assertThat(((Line.Read<PromentorFiles.ReportLine>) lines.get(1)).value().interestAndFeesPaidOut())
                .as("collection: 1250.00 - 50.00 - 12.50, interest and fees kept").isFalse();
        assertThat(((Line.Read<PromentorFiles.ReportLine>) lines.get(2)).value().interestAndFeesPaidOut()).as("adds up neither way").isNull();
        assertThat(lines.get(3)).isInstanceOfSatisfying(Line.Refused.class, r -> assertThat(r.reason()).contains("capital"));
        assertThat(lines.get(4)).isInstanceOfSatisfying(Line.Refused.class, r -> assertThat(r.reason()).contains("reportDate"));
        assertThat(PromentorFiles.acknowledgement("5001", Instant.parse("2026-12-05T10:00:00Z"), "R-77"))
                .containsExactly("5001", "2026-12-05T10:00:00Z", "R-77");
    }
}
