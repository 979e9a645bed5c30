package eu.indriva.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.claim.Claim;
import eu.indriva.claim.ClaimStage;
import eu.indriva.claim.ClaimStatus;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsCsvTest {

    private static Claim claim(String invoiceNumber, String customer, ClaimStatus status, String reason) {
        return new Claim("t", "1001", invoiceNumber, customer, status, reason, "kravia", "88001", "Open", ClaimStage.COLLECTION, null,
                new BigDecimal("1250.00"), "SEK", LocalDate.of(2026, 10, 1), Instant.parse("2026-11-01T23:30:00Z"),
                Instant.parse("2026-11-02T08:00:00Z"), null, new Claim.Outstanding(new BigDecimal("1000.00"), null, null),
                new BigDecimal("250.00"), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), null, List.of());
    }

    private static String csv(Claim... claims) throws Exception {
        StringWriter out = new StringWriter();
        ClaimsCsv csv = new ClaimsCsv(out, ZoneId.of("Europe/Stockholm"));
        for (Claim c : claims) {
            csv.row(c);
        }
        return out.toString();
    }

    @Test
    void excelReadsItAsUtf8WithSemicolonsAndDotDecimals() throws Exception {
        String text = csv(claim("2501", "Åsa Öberg AB", ClaimStatus.REGISTERED, null));
        List<String> lines = text.lines().toList();

        assertThat(text).startsWith("\uFEFFinvoiceNumber;invoiceId;customerNumber;");
        assertThat(text).contains("\r\n");
        assertThat(lines).hasSize(2);
        // the transfer time is the tenant's day: 23:30 UTC is 00:30 the next day in Stockholm
        assertThat(lines.get(1)).isEqualTo(
                "2501;1001;Åsa Öberg AB;REGISTERED;COLLECTION;kravia;88001;Open;;1250.00;SEK;2026-10-01;2026-11-02 00:30;1000.00;250.00;0.00;0.00;;");
        assertThat(lines.get(0).split(";")).hasSameSizeAs(lines.get(1).split(";", -1));
    }

    @Test
    void aFieldWithTheSeparatorOrAQuoteIsQuotedAndAFormulaNeverRuns() throws Exception {
        String line = csv(claim("=HYPERLINK(\"x\")", "A;B", ClaimStatus.REJECTED, "counterParty.identifier: \"x\" is not valid"))
                .lines().toList().get(1);

        assertThat(line).startsWith("\"'=HYPERLINK(\"\"x\"\")\";1001;\"A;B\";REJECTED;");
        assertThat(line).endsWith(";\"counterParty.identifier: \"\"x\"\" is not valid\"");
        assertThat(Csv.field("-12.50")).as("a negative amount stays a number").isEqualTo("-12.50");
        assertThat(Csv.field("+46 70")).isEqualTo("'+46 70");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }
}
