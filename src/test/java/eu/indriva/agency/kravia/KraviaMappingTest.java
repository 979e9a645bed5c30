package eu.indriva.agency.kravia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.debtor.DebtorType;
import eu.indriva.debtor.ValidDebtor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class KraviaMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ValidDebtor COMPANY = new ValidDebtor(DebtorType.COMPANY, "Nordvik Bygg AB", "556036-0793", null,
            "Industrigatan 12", "721 30", "Västerås", "SE", "ekonomi@nordvik.se");
    private static final ValidDebtor PERSON = new ValidDebtor(DebtorType.PERSON, "Anna Svensson", null, "19811218-9876",
            "Björkvägen 7", "582 46", "Linköping", "SE", null);

    private static ClaimRegistration claim(ValidDebtor debtor, String outstanding) {
        return new ClaimRegistration("1002", "2502", "C-102", debtor, LocalDate.of(2025, 4, 20), LocalDate.of(2025, 5, 20),
                new BigDecimal(outstanding), "SEK", eu.indriva.agency.AgencyService.COLLECTION, "2502031020",
                new BigDecimal(outstanding), null);
    }

    private static JsonNode roundTrip(ObjectNode n) throws Exception {
        // what Kravia receives: the node as written on the wire
        return JSON.readTree(JSON.writeValueAsString(n));
    }

    @Test
    void companyIsNotAPrivateIndividualAndSendsTheOrganisationNumber() throws Exception {
        JsonNode n = roundTrip(KraviaMapping.register(claim(COMPANY, "3500.00"), 10759, JSON));

        assertThat(n.path("isPrivateIndividual").isBoolean()).isTrue();
        assertThat(n.path("isPrivateIndividual").booleanValue()).isFalse();
        assertThat(n.path("organizationNumber").asText()).isEqualTo("556036-0793");
        assertThat(n.has("ssn")).isFalse();
        assertThat(n.path("debtorName").asText()).isEqualTo("Nordvik Bygg AB");
        assertThat(n.path("email").asText()).isEqualTo("ekonomi@nordvik.se");
    }

    @Test
    void personIsAPrivateIndividualAndSendsTheSsnNotAnOrganisationNumber() throws Exception {
        JsonNode n = roundTrip(KraviaMapping.register(claim(PERSON, "3500.00"), 10759, JSON));

        assertThat(n.path("isPrivateIndividual").booleanValue()).isTrue();
        assertThat(n.path("ssn").asText()).isEqualTo("19811218-9876");
        assertThat(n.has("organizationNumber")).isFalse();
        assertThat(n.path("debtorName").asText()).isEqualTo("Anna Svensson");
        assertThat(n.has("email")).as("no email when the debtor has none").isFalse();
    }

    @Test
    void personWithoutAnIdentifierSendsNoSsn() throws Exception {
        ValidDebtor anonymous = new ValidDebtor(DebtorType.PERSON, "Anna Svensson", null, null, "Björkvägen 7", "582 46",
                "Linköping", "SE", null);

        JsonNode n = roundTrip(KraviaMapping.register(claim(anonymous, "10.00"), 10759, JSON));

        assertThat(n.path("isPrivateIndividual").booleanValue()).isTrue();
        assertThat(n.has("ssn")).isFalse();
        assertThat(n.has("organizationNumber")).isFalse();
    }

    @Test
    void postalAddressCarriesStreetZipCityAndIsoCountry() throws Exception {
        JsonNode a = roundTrip(KraviaMapping.register(claim(COMPANY, "3500.00"), 10759, JSON)).path("postalAddress");

        assertThat(a.path("addressAddressLine1").asText()).isEqualTo("Industrigatan 12");
        assertThat(a.path("addressPostalCode").asText()).isEqualTo("721 30");
        assertThat(a.path("addressCity").asText()).isEqualTo("Västerås");
        assertThat(a.path("addressCountryCode").asText()).isEqualTo("SE");
    }

    @Test
    void originalAmountIsTheOutstandingAmountAsAnExactNumber() throws Exception {
        JsonNode n = roundTrip(KraviaMapping.register(claim(COMPANY, "3499.75"), 10759, JSON));

        assertThat(n.path("originalAmount").isNumber()).isTrue();
        assertThat(n.path("originalAmount").decimalValue()).isEqualByComparingTo("3499.75");
        assertThat(n.path("currencyCode").asText()).isEqualTo("SEK");
    }

    @Test
    void identifiesTheClaimForReconciliation() throws Exception {
        JsonNode n = roundTrip(KraviaMapping.register(claim(COMPANY, "3500.00"), 10759, JSON));

        assertThat(n.path("accountingInvoiceId").asText()).isEqualTo("1002");
        assertThat(n.path("debtorNumber").asText()).isEqualTo("C-102");
        assertThat(n.path("claimType").asText()).isEqualTo("CollectionCase");
        assertThat(n.path("creditorId").isIntegralNumber()).isTrue();
        assertThat(n.path("creditorId").asLong()).isEqualTo(10759L);
        assertThat(n.path("invoiceNo").asText()).isEqualTo("2502");
        assertThat(n.path("invoiceDate").asText()).isEqualTo("2025-04-20");
        assertThat(n.path("dueDate").asText()).isEqualTo("2025-05-20");
        assertThat(n.path("description").asText()).contains("2502", "2502031020");
    }

    @Test
    void claimTypeAndCreditorComeFromTheTenant() throws Exception {
        ClaimRegistration invoiceClaim = new ClaimRegistration("1", "1", "C-1", COMPANY, LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 2, 1), new BigDecimal("1.00"), "EUR", eu.indriva.agency.AgencyService.REMINDER, null,
                new BigDecimal("1.00"), null);

        JsonNode n = roundTrip(KraviaMapping.register(invoiceClaim, 42, JSON));

        assertThat(n.path("claimType").asText()).as("the reminder service is Kravia's Invoice claim type").isEqualTo("Invoice");
        assertThat(n.path("creditorId").asLong()).isEqualTo(42L);
        assertThat(n.path("currencyCode").asText()).isEqualTo("EUR");
        assertThat(n.path("description").asText()).doesNotContain("null");
    }

    // ---- reading Kravia's answers ----

    @Test
    void lastUpdatedTimeIsALocalUtcTimeWithUpToNineFractionDigits() {
        assertThat(KraviaMapping.time("2021-06-01T15:13:14.4044853", "t")).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13, 14, 404_485_300));
        assertThat(KraviaMapping.time("2021-06-01T15:13:14", "t")).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13, 14));
        assertThat(KraviaMapping.time("2021-06-01T15:13", "t")).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13));
        assertThat(KraviaMapping.time("2021-06-01T15:13:14.123456789", "t")).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13, 14, 123_456_789));
    }

    @Test
    void aZoneOnTheTimeIsConvertedToUtc() {
        assertThat(KraviaMapping.time("2021-06-01T15:13:14Z", "t")).isEqualTo(LocalDateTime.of(2021, 6, 1, 15, 13, 14));
        assertThat(KraviaMapping.time("2021-06-01T00:30:00+02:00", "t")).isEqualTo(LocalDateTime.of(2021, 5, 31, 22, 30));
        assertThat(KraviaMapping.time("2021-06-01T23:30:00.5-01:00", "t")).isEqualTo(LocalDateTime.of(2021, 6, 2, 0, 30, 0, 500_000_000));
    }

    @Test
    void aTimeThatIsNotOneIsRefusedNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> KraviaMapping.time("2021-02-29T10:00:00", "lastUpdatedTime"))
                .withMessageContaining("lastUpdatedTime");
        assertThatIllegalArgumentException().isThrownBy(() -> KraviaMapping.time("2021-06-01", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> KraviaMapping.time("1622560394", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> KraviaMapping.time(" ", "x")).withMessageContaining("missing");
    }

    @Test
    void detailsAmountsAreExactWhetherKraviaWritesNumbersOrText() throws Exception {
        JsonNode n = JSON.readTree("""
                {"invoiceId": 5, "status": "Legal", "lastUpdatedTime": "2021-06-01T15:13:14",
                 "amounts": {"originalCapital": "1000", "outstandingCapital": 0.1, "outstandingInterest": null}}""");

        var c = KraviaMapping.details(n);

        assertThat(c.originalCapital()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(c.outstandingCapital()).isEqualTo(new BigDecimal("0.10"));
        assertThat(c.outstandingInterest()).isNull();
        assertThat(c.outstandingFees()).isNull();
        assertThat(c.agencyClaimId()).isEqualTo("5");
    }

    @Test
    void aSettlementLineWithoutNumbersIsAllZero() throws Exception {
        JsonNode n = JSON.readTree("""
                {"settlementId": 7, "date": "2025-06-15", "amount": 0, "status": "Open", "lines": [{"invoiceId": 1}]}""");

        var line = KraviaMapping.settlement(n).lines().get(0);

        BigDecimal zero = new BigDecimal("0.00");
        assertThat(line.capital()).isEqualTo(zero);
        assertThat(line.interest()).isEqualTo(zero);
        assertThat(line.fees()).isEqualTo(zero);
        assertThat(line.commission()).isEqualTo(zero);
        assertThat(line.vat()).isEqualTo(zero);
        assertThat(line.accountingInvoiceId()).isNull();
        assertThat(KraviaMapping.settlement(n).bookkept()).isFalse();
    }

    @Test
    void aSettlementWithoutIdOrDateIsRefused() throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> KraviaMapping.settlement(JSON.readTree("{\"date\": \"2025-06-15\"}")))
                .withMessageContaining("settlementId");
        assertThatIllegalArgumentException().isThrownBy(() -> KraviaMapping.settlement(JSON.readTree("{\"settlementId\": 1}")))
                .withMessageContaining("date");
    }
}
