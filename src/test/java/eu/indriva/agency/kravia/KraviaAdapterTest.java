package eu.indriva.agency.kravia;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.agency.Agency.Registration;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.debtor.DebtorType;
import eu.indriva.debtor.ValidDebtor;
import eu.indriva.support.AdapterHttp;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KraviaAdapterTest {

    private static final String REGISTER = "/api/v2/invoice/register";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClaimRegistration CLAIM = new ClaimRegistration("1002", "2502", "C-102",
            new ValidDebtor(DebtorType.COMPANY, "Nordvik Bygg AB", "556036-0793", null, "Industrigatan 12", "721 30",
                    "Västerås", "SE", null),
            LocalDate.of(2025, 4, 20), LocalDate.of(2025, 5, 20), new BigDecimal("3499.75"), "SEK", eu.indriva.agency.AgencyService.COLLECTION, "2502031020",
            new BigDecimal("3499.75"), null);

    private static WireMockServer wm;
    private KraviaAdapter kravia;

    @BeforeAll
    static void startServer() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stopServer() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        kravia = adapter(Duration.ofSeconds(5));
    }

    private static KraviaAdapter adapter(Duration readTimeout) {
        UpstreamHttp http = AdapterHttp.upstream("kravia", readTimeout);
        return new KraviaAdapter(wm.baseUrl(), "kravia-token-123", 10759, http, JSON);
    }

    private static JsonNode sentBody() throws Exception {
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo(REGISTER)));
        assertThat(sent).hasSize(1);
        return JSON.readTree(sent.get(0).getBodyAsString());
    }

    // ---- register ----

    @Test
    void registerReturnsKraviasClaimId() {
        wm.stubFor(post(REGISTER).willReturn(okJson("{\"invoiceId\": 98765, \"accountingInvoiceId\": \"1002\", \"status\": \"Registered\"}")));

        Registration r = kravia.register(CLAIM);

        assertThat(r).isEqualTo(new Registration.Registered("98765", false));
    }

    @Test
    void registerSendsTheRawTokenAndJson() {
        wm.stubFor(post(REGISTER).willReturn(okJson("{\"invoiceId\": 1}")));

        kravia.register(CLAIM);

        wm.verify(1, postRequestedFor(urlEqualTo(REGISTER))
                .withHeader("Authorization", equalTo("kravia-token-123"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(REGISTER))).get(0).getHeader("Authorization")).doesNotContainIgnoringCase("bearer");
    }

    @Test
    void registerSendsTheOutstandingAmountAndTheAccountingIds() throws Exception {
        wm.stubFor(post(REGISTER).willReturn(okJson("{\"invoiceId\": 1}")));

        kravia.register(CLAIM);

        JsonNode body = sentBody();
        assertThat(body.path("originalAmount").decimalValue()).isEqualByComparingTo("3499.75");
        assertThat(body.path("accountingInvoiceId").asText()).isEqualTo("1002");
        assertThat(body.path("creditorId").asLong()).isEqualTo(10759L);
        assertThat(body.path("debtorNumber").asText()).isEqualTo("C-102");
        assertThat(body.path("organizationNumber").asText()).isEqualTo("556036-0793");
        assertThat(body.path("claimType").asText()).isEqualTo("CollectionCase");
    }

    @Test
    void aConflictAdoptsTheExistingClaim() {
        wm.stubFor(post(REGISTER).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"invoiceId\": 555, \"accountingInvoiceId\": \"1002\", \"status\": \"DebtCollection\"}")));

        assertThat(kravia.register(CLAIM)).isEqualTo(new Registration.Registered("555", true));
    }

    @Test
    void aConflictWithoutAClaimIdIsTransientNotAnAdoptionOfNothing() {
        wm.stubFor(post(REGISTER).willReturn(aResponse().withStatus(409).withBody("{\"message\": \"duplicate\"}")));

        assertThatThrownBy(() -> kravia.register(CLAIM)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("without a claim id");
    }

    @Test
    void aSuccessWithoutAClaimIdIsTransient() {
        wm.stubFor(post(REGISTER).willReturn(okJson("{}")));

        assertThatThrownBy(() -> kravia.register(CLAIM)).isInstanceOf(UpstreamException.Transient.class);
    }

    @Test
    void aValidationErrorIsPermanentWithKraviasMessage() {
        wm.stubFor(post(REGISTER).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\": [{\"field\": \"debtorName\", \"message\": \"Debtor name is required\"},"
                        + " {\"field\": \"postalAddress.addressPostalCode\", \"message\": \"Invalid postal code\"}]}")));

        assertThatThrownBy(() -> kravia.register(CLAIM))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("debtorName: Debtor name is required")
                .hasMessageContaining("Invalid postal code");
    }

    @Test
    void aValidationErrorWithAnUnexpectedBodyStillSaysSomething() {
        wm.stubFor(post(REGISTER).willReturn(aResponse().withStatus(400).withBody("Bad things")));

        assertThatThrownBy(() -> kravia.register(CLAIM)).isInstanceOf(UpstreamException.Permanent.class)
                .hasMessageContaining("Bad things");
    }

    @Test
    void aServerErrorIsTransient() {
        wm.stubFor(post(REGISTER).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> kravia.register(CLAIM)).isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("503");
    }

    @Test
    void rateLimitingIsTransientAndSaysWhenToRetry() {
        wm.stubFor(post(REGISTER).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        assertThatThrownBy(() -> kravia.register(CLAIM)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("retry after 30 s");
    }

    @Test
    void aReadTimeoutIsTransient() {
        wm.stubFor(post(REGISTER).willReturn(okJson("{\"invoiceId\": 1}").withFixedDelay(1_500)));

        assertThatThrownBy(() -> adapter(Duration.ofMillis(300)).register(CLAIM)).isInstanceOf(UpstreamException.Transient.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void aRefusedTokenNamesTheSettingToCheck() {
        wm.stubFor(post(REGISTER).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> kravia.register(CLAIM)).isInstanceOf(UpstreamException.class)
                .hasMessageContaining("agency token");
    }

    // ---- attach ----

    @Test
    void attachSendsTheBytesAsAMultipartFilePart() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, '-', '-', (byte) 0xc3, 0x28};
        wm.stubFor(post("/api/v2/invoice/98765/attachment").willReturn(okJson("{}")));

        kravia.attach("98765", new InvoiceCopy("invoice-2502.png", "image/png", png));

        wm.verify(1, postRequestedFor(urlEqualTo("/api/v2/invoice/98765/attachment"))
                .withHeader("Authorization", equalTo("kravia-token-123"))
                .withHeader("Content-Type", matching("multipart/form-data; boundary=.+"))
                .withAnyRequestBodyPart(aMultipart().withName("file").withBody(binaryEqualTo(png))));
        LoggedRequest sent = wm.findAll(postRequestedFor(urlEqualTo("/api/v2/invoice/98765/attachment"))).get(0);
        Collection<Request.Part> parts = sent.getParts();
        assertThat(parts).hasSize(1);
        Request.Part file = parts.iterator().next();
        assertThat(file.getName()).isEqualTo("file");
        assertThat(file.getBody().asBytes()).isEqualTo(png);
        assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(file.getHeader("Content-Disposition").firstValue()).contains("filename=\"invoice-2502.png\"");
    }

    @Test
    void attachToAnUnknownClaimIsPermanent() {
        wm.stubFor(post("/api/v2/invoice/1/attachment").willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> kravia.attach("1", new InvoiceCopy("a.png", "image/png", new byte[] {1})))
                .isInstanceOfSatisfying(UpstreamException.Permanent.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void attachFailingOnKraviasSideIsTransient() {
        wm.stubFor(post("/api/v2/invoice/1/attachment").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> kravia.attach("1", new InvoiceCopy("a.png", "image/png", new byte[] {1})))
                .isInstanceOf(UpstreamException.Transient.class);
        wm.verify(1, postRequestedFor(anyUrl()).withHeader("Content-Type", containing("multipart/form-data")));
    }
}
