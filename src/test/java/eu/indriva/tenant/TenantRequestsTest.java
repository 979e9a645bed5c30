package eu.indriva.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.agency.AgencyService;
import eu.indriva.problem.Problem;
import eu.indriva.accounting.AccountingPlugin;
import eu.indriva.accounting.procountor.ProcountorPlugin;
import eu.indriva.agency.kravia.KraviaPlugin;
import eu.indriva.tenant.TenantRequest.LedgerIn;
import eu.indriva.tenant.TenantRequest.PolicyIn;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantRequestsTest {

    private static final Map<String, Object> ACCOUNTING = accountingIn("procountor", "https://pts-api.procountor.com/latest/api",
            "client-1", "client-secret", "api-key", null);
    private static final Map<String, Object> AGENCY = agencyIn("kravia", "https://api.kravia.ai", "kravia-token", 10759L, "hook-secret");

    private static final KraviaPlugin KRAVIA = new KraviaPlugin();
    private static final ProcountorPlugin PROCOUNTOR = new ProcountorPlugin(new AccountingPlugin.RateLimit(20, Duration.ofMillis(500)));

    /** An accounting system that is not Procountor: one setting, one secret. */
    private static final AccountingPlugin LEDGERLY = new AccountingPlugin() {
        @Override
        public String system() {
            return "ledgerly";
        }

        @Override
        public String name() {
            return "Ledgerly";
        }

        @Override
        public void readSettings(SettingsBlock block) {
            block.digits("companyId", true);
        }

        @Override
        public java.util.Set<String> secretFields() {
            return java.util.Set.of("token");
        }

        @Override
        public java.util.List<FormField> formFields() {
            return java.util.List.of(FormField.text("companyId", true), FormField.secret("token", true));
        }

        @Override
        public void checkSecrets(Map<String, String> secrets, String whyRequired) {
            if (secrets.get("token") == null) {
                throw Problem.badField("accounting.token", whyRequired);
            }
        }

        @Override
        public Endpoint endpoint(Map<String, Object> settings) {
            return new Endpoint(java.net.URI.create("https://api.ledgerly.example"), "accounting.system");
        }

        @Override
        public String rateClient(Map<String, Object> settings) {
            return "ledgerly " + settings.get("companyId");
        }

        @Override
        public RateLimit rateLimit() {
            return new RateLimit(10, Duration.ofSeconds(1));
        }
    };

    /** Procountor's accounting block as an admin sends it; a null leaves the field out. */
    static Map<String, Object> accountingIn(String system, String baseUrl, String clientId, String clientSecret, String apiKey,
                                            String redirectUri) {
        Map<String, Object> m = new HashMap<>();
        m.put("system", system);
        m.put("baseUrl", baseUrl);
        m.put("clientId", clientId);
        m.put("clientSecret", clientSecret);
        m.put("apiKey", apiKey);
        m.put("redirectUri", redirectUri);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    /** Kravia's agency block as an admin sends it; a null leaves the field out. */
    static Map<String, Object> agencyIn(String system, String baseUrl, String token, Long creditorId, String webhookSecret) {
        Map<String, Object> m = new HashMap<>();
        m.put("system", system);
        if (baseUrl != null) {
            m.put("baseUrl", baseUrl);
        }
        if (token != null) {
            m.put("token", token);
        }
        if (creditorId != null) {
            m.put("creditorId", creditorId);
        }
        if (webhookSecret != null) {
            m.put("webhookSecret", webhookSecret);
        }
        return m;
    }

    private static Tenant toTenant(String id, TenantRequest r) {
        return TenantRequests.toTenant(id, r, Map.of("procountor", PROCOUNTOR), Map.of("kravia", KRAVIA));
    }

    private static TenantSecrets secrets(TenantRequest r, TenantSecrets stored) {
        return TenantRequests.secrets(r, stored, PROCOUNTOR, KRAVIA, "is required when the tenant is created");
    }

    private static TenantSecrets secretsOf(String clientSecret, String apiKey, String token, String webhookSecret) {
        Map<String, String> accounting = new HashMap<>();
        accounting.put("clientSecret", clientSecret);
        accounting.put("apiKey", apiKey);
        Map<String, String> agency = new HashMap<>();
        agency.put("token", token);
        agency.put("webhookSecret", webhookSecret);
        return new TenantSecrets(accounting, agency);
    }

    private static TenantRequest request(Map<String, Object> accounting, Map<String, Object> agency, PolicyIn policy, LedgerIn ledger) {
        // an empty policy accepts the defaults; none at all is refused (see aPolicyIsRequired)
        return new TenantRequest("Nordvik Bygg AB", true, null, null, accounting, agency,
                policy == null ? new PolicyIn(null, null, null, null, null, null, null, null, null) : policy, ledger);
    }

    private static TenantRequest minimal() {
        return request(ACCOUNTING, AGENCY, null, null);
    }

    private static PolicyIn policy(Integer graceDays, BigDecimal minimum, List<String> currencies, String claimType, String poll) {
        return new PolicyIn(null, graceDays == null ? null : graceDays.longValue(), minimum, currencies, claimType, null, null, poll, null);
    }

    private static Map<String, Object> accountingUrl(String url) {
        return accountingIn("procountor", url, "client-1", "client-secret", "api-key", null);
    }

    private static Map<String, Object> agencyWith(String system, String url, Long creditorId) {
        return agencyIn(system, url, "kravia-token", creditorId, null);
    }

    private static void assertBadField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.error()).isEqualTo("invalid_field");
            assertThat(p.getMessage()).startsWith(field + ": ");
        });
    }

    @Nested
    class Defaults {

        private final Tenant t = toTenant("nordvik", minimal());

        @Test
        void identityAndPlace() {
            assertThat(t.id()).isEqualTo("nordvik");
            assertThat(t.name()).isEqualTo("Nordvik Bygg AB");
            assertThat(t.enabled()).isTrue();
            assertThat(t.country()).isEqualTo("SE");
            assertThat(t.timeZone()).isEqualTo(ZoneId.of("Europe/Stockholm"));
        }

        @Test
        void policy() {
            Tenant.Policy p = t.policy();

            assertThat(p.automatic()).isTrue();
            assertThat(p.graceDays()).isEqualTo(10);
            assertThat(p.minimumAmount()).isEqualTo(new BigDecimal("0.00"));
            assertThat(p.currencies()).containsExactly("SEK", "EUR");
            assertThat(p.service()).isEqualTo(AgencyService.COLLECTION);
            assertThat(p.claimType()).isEqualTo("CollectionCase");
            assertThat(p.excludedCustomerNumbers()).isEmpty();
            assertThat(p.pollInterval()).isEqualTo(Duration.ofMinutes(15));
            assertThat(p.bookCreditLosses()).isFalse();
        }

        @Test
        void ledger() {
            assertThat(t.ledger()).isEqualTo(new Tenant.Ledger("1930", "6570", "2640"));
        }

        @Test
        void connections() {
            assertThat(t.accounting()).isEqualTo(new Tenant.Connection("procountor",
                    Map.of("baseUrl", "https://pts-api.procountor.com/latest/api", "clientId", "client-1")));
            assertThat(t.agency()).isEqualTo(new Tenant.Connection("kravia", Map.of("baseUrl", "https://api.kravia.ai", "creditorId", 10759L)));
        }

        @Test
        void anEmptyPolicyObjectGetsTheSameDefaults() {
            Tenant withEmpty = toTenant("nordvik", request(ACCOUNTING, AGENCY,
                    new PolicyIn(null, null, null, null, null, null, null, null, null), new LedgerIn(null, null, null)));

            assertThat(withEmpty).isEqualTo(t);
        }
    }

    @Test
    void givenValuesWinOverDefaults() {
        TenantRequest r = new TenantRequest("  Oy Firma Ab  ", false, "FI", "Europe/Helsinki",
                accountingIn("procountor", "https://api.procountor.com/latest/api/", "c", "s", "k", "https://x.example/cb"),
                AGENCY,
                new PolicyIn(false, 0L, new BigDecimal("25.5"), List.of("EUR"), "Invoice", null, List.of("C-9"), "PT1H", true),
                new LedgerIn("1910", "6580", "2641"));

        Tenant t = toTenant("firma-fi-1", r);

        assertThat(t.name()).isEqualTo("Oy Firma Ab");
        assertThat(t.enabled()).isFalse();
        assertThat(t.country()).isEqualTo("FI");
        assertThat(t.timeZone()).isEqualTo(ZoneId.of("Europe/Helsinki"));
        assertThat(t.accounting().text("baseUrl")).as("trailing slash dropped").isEqualTo("https://api.procountor.com/latest/api");
        assertThat(t.accounting().text("redirectUri")).isEqualTo("https://x.example/cb");
        assertThat(t.policy()).isEqualTo(new Tenant.Policy(false, 0, new BigDecimal("25.50"), List.of("EUR"), AgencyService.REMINDER,
                List.of("C-9"), Duration.ofHours(1), true));
        assertThat(t.policy().minimumAmount().scale()).isEqualTo(2);
        assertThat(t.ledger()).isEqualTo(new Tenant.Ledger("1910", "6580", "2641"));
    }

    @Test
    void theTenantsListsCannotBeChangedFromOutside() {
        java.util.ArrayList<String> currencies = new java.util.ArrayList<>(List.of("SEK"));
        Tenant t = toTenant("t1", request(ACCOUNTING, AGENCY, policy(null, null, currencies, null, null), null));

        currencies.add("NOK");

        assertThat(t.policy().currencies()).containsExactly("SEK");
    }

    @Nested
    class TenantId {

        @ParameterizedTest
        @ValueSource(strings = {"a", "nordvik", "t1", "acme-bygg-2", "0lead-digit"})
        void acceptsLowerCaseDigitsAndDashes(String id) {
            assertThat(TenantRequests.checkTenantId(id)).isEqualTo(id);
        }

        @Test
        void acceptsExactly63Characters() {
            assertThat(TenantRequests.checkTenantId("a".repeat(63))).hasSize(63);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Nordvik", "NORDVIK", "-nordvik", "nord vik", "nord_vik", "nordvik/../x", "nördvik", "nordvik\n"})
        void refusesAnythingElse(String id) {
            assertBadField(() -> TenantRequests.checkTenantId(id), "tenantId");
        }

        @Test
        void refuses64Characters() {
            assertBadField(() -> TenantRequests.checkTenantId("a".repeat(64)), "tenantId");
        }

        @Test
        void toTenantChecksItToo() {
            assertBadField(() -> toTenant("Bad-Id", minimal()), "tenantId");
        }
    }

    @Nested
    class Refusals {

        @Test
        void missingBody() {
            assertBadField(() -> toTenant("t1", null), "body");
        }

        @Test
        void aPolicyIsRequired() {
            assertBadField(() -> toTenant("t1",
                    new TenantRequest("n", true, null, null, ACCOUNTING, AGENCY, null, null)), "policy");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void missingName(String name) {
            assertBadField(() -> toTenant("t1",
                    new TenantRequest(name, true, null, null, ACCOUNTING, AGENCY, null, null)), "name");
        }

        @Test
        void tooLongName() {
            assertBadField(() -> toTenant("t1",
                    new TenantRequest("x".repeat(201), true, null, null, ACCOUNTING, AGENCY, null, null)), "name");
        }

        @Test
        void missingEnabled() {
            assertBadField(() -> toTenant("t1",
                    new TenantRequest("n", null, null, null, ACCOUNTING, AGENCY, null, null)), "enabled");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NO", "se", "SWEDEN", ""})
        void unsupportedCountry(String country) {
            assertBadField(() -> toTenant("t1",
                    new TenantRequest("n", true, country, null, ACCOUNTING, AGENCY, null, null)), "country");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Mars/Olympus", "Stockholm", "", "Europe/Stockholm "})
        void badTimeZone(String zone) {
            assertBadField(() -> toTenant("t1",
                    new TenantRequest("n", true, null, zone, ACCOUNTING, AGENCY, null, null)), "timeZone");
        }

        @Test
        void missingAccountingOrAgency() {
            assertBadField(() -> toTenant("t1", request(null, AGENCY, null, null)), "accounting");
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, null, null, null)), "agency");
        }

        @ParameterizedTest
        @ValueSource(strings = {"fortnox", "Procountor", "visma"})
        void unknownAccountingSystem(String system) {
            assertBadField(() -> toTenant("t1", request(
                    accountingIn(system, "https://a.example", "c", "s", "k", null), AGENCY, null, null)), "accounting.system");
        }

        @Test
        void missingAccountingSystemAndClientId() {
            assertBadField(() -> toTenant("t1", request(
                    accountingIn(null, "https://a.example", "c", "s", "k", null), AGENCY, null, null)), "accounting.system");
            assertBadField(() -> toTenant("t1", request(
                    accountingIn("procountor", "https://a.example", " ", "s", "k", null), AGENCY, null, null)), "accounting.clientId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"intrum", "Kravia", ""})
        void unknownAgencySystem(String system) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING,
                    agencyWith(system, "https://api.kravia.ai", 1L), null, null)), "agency.system");
        }

        @Test
        void aFieldTheAgencySystemDoesNotTakeIsRefusedNamingWhatItTakes() {
            Map<String, Object> agency = agencyIn("kravia", "https://api.kravia.ai", "tok", 1L, null);
            agency.put("creditorNo", "123");

            assertBadField(() -> toTenant("t1", request(ACCOUNTING, agency, null, null)), "agency.creditorNo");
            assertThatThrownBy(() -> toTenant("t1", request(ACCOUNTING, agency, null, null)))
                    .hasMessageContaining("not a setting of Kravia").hasMessageContaining("[baseUrl, creditorId, token, webhookSecret]");
        }

        @Test
        void aFieldTheAccountingSystemDoesNotTakeIsRefusedNamingWhatItTakes() {
            Map<String, Object> accounting = accountingIn("procountor", "https://a.example", "c", "s", "k", null);
            accounting.put("companyId", "42");

            assertBadField(() -> toTenant("t1", request(accounting, AGENCY, null, null)), "accounting.companyId");
            assertThatThrownBy(() -> toTenant("t1", request(accounting, AGENCY, null, null)))
                    .hasMessageContaining("not a setting of Procountor")
                    .hasMessageContaining("[apiKey, baseUrl, clientId, clientSecret, redirectUri]");
        }

        @Test
        void accountingSecretsMustBeText() {
            Map<String, Object> accounting = accountingIn("procountor", "https://a.example", "c", null, "k", null);
            accounting.put("clientSecret", 12345);

            assertBadField(() -> secrets(request(accounting, AGENCY, null, null), TenantSecrets.NONE), "accounting.clientSecret");
        }

        @Test
        void aCreditorIdWithAFractionOrAsTextIsRefusedNeverRounded() {
            Map<String, Object> fraction = agencyIn("kravia", "https://api.kravia.ai", "tok", null, null);
            fraction.put("creditorId", new BigDecimal("10759.5"));
            Map<String, Object> text = agencyIn("kravia", "https://api.kravia.ai", "tok", null, null);
            text.put("creditorId", "10759");

            assertBadField(() -> toTenant("t1", request(ACCOUNTING, fraction, null, null)), "agency.creditorId");
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, text, null, null)), "agency.creditorId");
        }

        @Test
        void secretsAreNotKeptAmongTheSettings() {
            assertThat(toTenant("t1", minimal()).agency().settings()).containsOnlyKeys("baseUrl", "creditorId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://api.procountor.com/api", "not a url", "api.procountor.com/latest/api", "/latest/api",
                "https://api.procountor.com/latest/api?x=1", "https://api.procountor.com/api#top", "http:///nohost", "file:///etc/passwd", ""})
        void badAccountingBaseUrl(String url) {
            assertBadField(() -> toTenant("t1", request(accountingUrl(url), AGENCY, null, null)), "accounting.baseUrl");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://api.kravia.ai", "not a url", "//api.kravia.ai", "https://api.kravia.ai?token=x"})
        void badAgencyBaseUrl(String url) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, agencyWith("kravia", url, 1L), null, null)),
                    "agency.baseUrl");
        }

        @Test
        void plainHttpForALocalSandboxIsAllowed() {
            assertThat(toTenant("t1", request(accountingUrl("http://localhost:8089/api"), AGENCY, null, null))
                    .accounting().text("baseUrl")).isEqualTo("http://localhost:8089/api");
        }

        @ParameterizedTest
        @ValueSource(longs = {0L, -1L})
        void nonPositiveCreditorId(long creditorId) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING,
                    agencyWith("kravia", "https://api.kravia.ai", creditorId), null, null)), "agency.creditorId");
        }

        @Test
        void missingCreditorId() {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING,
                    agencyWith("kravia", "https://api.kravia.ai", null), null, null)), "agency.creditorId");
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, -10, 3651})
        void graceDaysOutOfRange(int days) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(days, null, null, null, null), null)), "policy.graceDays");
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.005", "0.001", "-0.01", "-100"})
        void badMinimumAmount(String amount) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, new BigDecimal(amount), null, null, null), null)), "policy.minimumAmount");
        }

        @Test
        void aMinimumWithTrailingZerosIsFine() {
            assertThat(toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, new BigDecimal("100.000"), null, null, null), null)).policy().minimumAmount())
                    .isEqualTo(new BigDecimal("100.00"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"sek", "SEKK", "SE", "€", " EUR"})
        void badCurrency(String currency) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, null, List.of("SEK", currency), null, null), null)), "policy.currencies");
        }

        @Test
        void emptyOrNullCurrency() {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, null, List.of(), null, null), null)), "policy.currencies");
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, null, java.util.Arrays.asList("SEK", null), null, null), null)), "policy.currencies");
        }

        @ParameterizedTest
        @ValueSource(strings = {"collectioncase", "CreditNote", "Collection", ""})
        void badClaimType(String claimType) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, null, null, claimType, null), null)), "policy.claimType");
        }

        @ParameterizedTest
        @ValueSource(strings = {"collection", "Reminder", "DEBT_COLLECTION", ""})
        void badService(String service) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    new PolicyIn(null, null, null, null, null, service, null, null, null), null)), "policy.service");
        }

        @Test
        void theServiceInEveryAgencysWordsOrTheV1ClaimTypeForItAndBothOnlyIfTheyAgree() {
            assertThat(TenantRequests.service("INVOICE", null)).isEqualTo(AgencyService.INVOICE);
            assertThat(TenantRequests.service(null, "Invoice")).isEqualTo(AgencyService.REMINDER);
            assertThat(TenantRequests.service(null, "CollectionCase")).isEqualTo(AgencyService.COLLECTION);
            assertThat(TenantRequests.service("REMINDER", "Invoice")).isEqualTo(AgencyService.REMINDER);
            assertThat(TenantRequests.service(null, null)).isEqualTo(AgencyService.COLLECTION);
            assertBadField(() -> TenantRequests.service("COLLECTION", "Invoice"), "policy.service");
            assertThat(TenantRequests.claimType(AgencyService.REMINDER)).isEqualTo("Invoice");
            assertThat(TenantRequests.claimType(AgencyService.INVOICE)).as("no v1 word").isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"15 minutes", "15", "PT10S", "PT29S", "PT0S", "-PT15M", "P"})
        void badPollInterval(String interval) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, null, null, null, interval), null)), "policy.pollInterval");
        }

        @Test
        void thirtySecondsIsTheShortestPollInterval() {
            assertThat(toTenant("t1", request(ACCOUNTING, AGENCY, policy(null, null, null, null, "PT30S"), null))
                    .policy().pollInterval()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void nullExcludedCustomerNumber() {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    new PolicyIn(null, null, null, null, null, null, java.util.Arrays.asList("C-1", null), null, null), null)),
                    "policy.excludedCustomerNumbers");
        }

        @ParameterizedTest
        @ValueSource(strings = {"XXY", "ABC", "sek"})
        void aCurrencyThatIsNotInIso4217(String code) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    policy(null, null, List.of("SEK", code), null, null), null)), "policy.currencies");
        }

        @Test
        void graceDaysFarOutOfRangeSaySo() {
            assertThatThrownBy(() -> toTenant("t1", request(ACCOUNTING, AGENCY,
                    new PolicyIn(null, 1_000_000_000_000L, null, null, null, null, null, null, null), null)))
                    .isInstanceOfSatisfying(Problem.class, p -> {
                        assertThat(p.field()).isEqualTo("policy.graceDays");
                        assertThat(p.getMessage()).contains("out of range").contains("0–3650");
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://user:pw@api.procountor.com/latest/api", "https://token@api.kravia.ai"})
        void credentialsInABaseUrl(String url) {
            assertBadField(() -> toTenant("t1", request(accountingUrl(url), AGENCY, null, null)), "accounting.baseUrl");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "19 30", "1930-1", "123456789012345678901", "konto;drop", "abc", "19A0"})
        void badLedgerAccount(String account) {
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY, null,
                    new LedgerIn(account, null, null))), "ledger.clearingAccount");
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY, null,
                    new LedgerIn(null, account, null))), "ledger.commissionAccount");
            assertBadField(() -> toTenant("t1", request(ACCOUNTING, AGENCY, null,
                    new LedgerIn(null, null, account))), "ledger.inputVatAccount");
        }
    }

    @Nested
    class Secrets {

        private final TenantSecrets stored = secretsOf("old-secret", "old-key", "old-token", "old-hook");

        @Test
        void onCreateTheyAreTakenFromTheRequest() {
            assertThat(secrets(minimal(), TenantSecrets.NONE))
                    .isEqualTo(secretsOf("client-secret", "api-key", "kravia-token", "hook-secret"));
        }

        @Test
        void theWebhookSecretIsOptional() {
            TenantRequest r = request(ACCOUNTING, agencyIn("kravia", "https://api.kravia.ai", "tok", 1L, null), null, null);

            assertThat(secrets(r, TenantSecrets.NONE).agency("webhookSecret")).isNull();
        }

        @Test
        void onCreateEachRequiredSecretMustBeGiven() {
            assertBadField(() -> secrets(request(
                    accountingIn("procountor", "https://a.example", "c", null, "k", null), AGENCY, null, null),
                    TenantSecrets.NONE), "accounting.clientSecret");
            assertBadField(() -> secrets(request(
                    accountingIn("procountor", "https://a.example", "c", "s", "  ", null), AGENCY, null, null),
                    TenantSecrets.NONE), "accounting.apiKey");
            assertBadField(() -> secrets(request(ACCOUNTING,
                    agencyIn("kravia", "https://api.kravia.ai", "", 1L, null), null, null),
                    TenantSecrets.NONE), "agency.token");
            assertBadField(() -> secrets(request(null, AGENCY, null, null), TenantSecrets.NONE),
                    "accounting.clientSecret");
        }

        @Test
        void onReplaceOmittedSecretsAreKept() {
            TenantRequest noSecrets = request(accountingIn("procountor", "https://a.example", "c", null, null, null),
                    agencyIn("kravia", "https://api.kravia.ai", null, 1L, null), null, null);

            assertThat(secrets(noSecrets, stored)).isEqualTo(stored);
        }

        @Test
        void onReplaceBlankSecretsCountAsOmitted() {
            TenantRequest blank = request(accountingIn("procountor", "https://a.example", "c", " ", "", null),
                    agencyIn("kravia", "https://api.kravia.ai", "  ", 1L, ""), null, null);

            assertThat(secrets(blank, stored)).isEqualTo(stored);
        }

        @Test
        void onReplaceGivenSecretsReplaceTheStoredOnesOneByOne() {
            TenantRequest some = request(accountingIn("procountor", "https://a.example", "c", "new-secret", null, null),
                    agencyIn("kravia", "https://api.kravia.ai", null, 1L, "new-hook"), null, null);

            assertThat(secrets(some, stored))
                    .isEqualTo(secretsOf("new-secret", "old-key", "old-token", "new-hook"));
            assertThat(secrets(minimal(), stored))
                    .isEqualTo(secretsOf("client-secret", "api-key", "kravia-token", "hook-secret"));
        }

        @Test
        void anotherAgencysStoredSecretsAreDroppedNotCarriedOver() {
            TenantSecrets withForeign = new TenantSecrets(Map.of("clientSecret", "s", "apiKey", "k"),
                    Map.of("token", "t", "privateKey", "-----BEGIN..."));

            assertThat(secrets(minimal(), withForeign).agency()).containsOnlyKeys("token", "webhookSecret");
        }

        @Test
        void secretsStoredBeforeEachSystemHadItsOwnBlockAreRead() throws Exception {
            TenantSecrets legacy = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    "{\"clientSecret\":\"s\",\"apiKey\":\"k\",\"agencyToken\":\"t\",\"webhookSecret\":\"h\"}", TenantSecrets.class);

            assertThat(legacy).isEqualTo(secretsOf("s", "k", "t", "h"));
        }

        @Test
        void aConnectionStoredWithAnAbsentSettingAsNullReadsWithoutIt() throws Exception {
            Tenant.Connection stored = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    "{\"system\":\"procountor\",\"baseUrl\":\"https://a.example\",\"clientId\":\"c\",\"redirectUri\":null}",
                    Tenant.Connection.class);

            assertThat(stored).isEqualTo(new Tenant.Connection("procountor", Map.of("baseUrl", "https://a.example", "clientId", "c")));
        }

        @Test
        void secretsReadBackAsTheyWereStored() throws Exception {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

            assertThat(json.readValue(json.writeValueAsString(stored), TenantSecrets.class)).isEqualTo(stored);
        }

        @Test
        void anotherAccountingSystemReadsItsOwnBlockAndKeepsItsOwnSecrets() {
            Map<String, Object> block = new HashMap<>(Map.of("system", "ledgerly", "companyId", "42", "token", "ledgerly-token"));
            TenantRequest r = request(block, AGENCY, null, null);

            Tenant t = TenantRequests.toTenant("t1", r, Map.of("procountor", PROCOUNTOR, "ledgerly", LEDGERLY), Map.of("kravia", KRAVIA));
            TenantSecrets s = TenantRequests.secrets(r, TenantSecrets.NONE, LEDGERLY, KRAVIA, "is required");

            assertThat(t.accounting()).isEqualTo(new Tenant.Connection("ledgerly", Map.of("companyId", "42")));
            assertThat(s.accounting()).isEqualTo(Map.of("token", "ledgerly-token"));
            assertThat(s.agency("token")).isEqualTo("kravia-token");
            assertBadField(() -> TenantRequests.secrets(request(Map.of("system", "ledgerly", "companyId", "42"), AGENCY, null, null),
                    TenantSecrets.NONE, LEDGERLY, KRAVIA, "is required"), "accounting.token");
        }

        @Test
        void anotherAccountingSystemsStoredSecretsAreDroppedNotCarriedOver() {
            TenantSecrets withForeign = new TenantSecrets(Map.of("clientSecret", "s", "apiKey", "k", "token", "ledgerly-token"),
                    Map.of("token", "t"));

            assertThat(secrets(minimal(), withForeign).accounting()).containsOnlyKeys("clientSecret", "apiKey");
        }

        @Test
        void secretsNeverShowInToString() {
            assertThat(stored.toString()).doesNotContain("old");
            assertThat(minimal().toString()).doesNotContain("client-secret", "api-key", "kravia-token", "hook-secret");
        }
    }
}
