package eu.indriva.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.AccountingPlugin;
import eu.indriva.accounting.procountor.ProcountorPlugin;
import eu.indriva.agency.kravia.KraviaPlugin;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.TenantRequest;
import eu.indriva.tenant.TenantRequests;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings form's inputs as the admin API's request, and back. */
class TenantFormTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final ProcountorPlugin PROCOUNTOR = new ProcountorPlugin(new AccountingPlugin.RateLimit(20, Duration.ofMillis(500)));
    private static final KraviaPlugin KRAVIA = new KraviaPlugin();

    private static Map<String, String> form() {
        Map<String, String> f = new HashMap<>();
        f.put("name", " Nordvik Bygg AB ");
        f.put("enabled", "true");
        f.put("country", "SE");
        f.put("timeZone", "Europe/Stockholm");
        f.put("accounting.system", "procountor");
        f.put("accounting.procountor.baseUrl", "https://api.procountor.example");
        f.put("accounting.procountor.clientId", "client-1");
        f.put("accounting.procountor.clientSecret", "s3cret");
        f.put("accounting.procountor.apiKey", "");
        f.put("agency.system", "kravia");
        f.put("agency.kravia.baseUrl", "https://api.kravia.example");
        f.put("agency.kravia.creditorId", "10759");
        f.put("agency.kravia.token", "tok");
        f.put("policy.automatic", "true");
        f.put("policy.graceDays", "10");
        f.put("policy.minimumAmount", "100.50");
        f.put("policy.currencies", "sek, eur");
        f.put("policy.service", "COLLECTION");
        f.put("policy.excludedCustomerNumbers", "C-1\r\nC-2");
        f.put("policy.pollInterval", "PT15M");
        f.put("ledger.clearingAccount", "1930");
        return f;
    }

    private static TenantRequest request(Map<String, String> form) {
        return TenantForm.request(form, List.of(PROCOUNTOR), List.of(KRAVIA), JSON);
    }

    @Test
    void theFormIsTheRequestAPutWouldSend() {
        TenantRequest r = request(form());

        assertThat(r.name()).isEqualTo("Nordvik Bygg AB");
        assertThat(r.enabled()).isTrue();
        assertThat(r.accounting()).containsEntry("system", "procountor").containsEntry("clientId", "client-1")
                .containsEntry("clientSecret", "s3cret").doesNotContainKey("apiKey");
        assertThat(((Number) r.agency().get("creditorId")).longValue()).isEqualTo(10759L);
        assertThat(r.policy().graceDays()).isEqualTo(10L);
        assertThat(r.policy().minimumAmount()).isEqualByComparingTo("100.50");
        assertThat(r.policy().currencies()).containsExactly("SEK", "EUR");
        assertThat(r.policy().excludedCustomerNumbers()).containsExactly("C-1", "C-2");
        assertThat(r.policy().bookCreditLosses()).isFalse();
        assertThat(r.ledger().clearingAccount()).isEqualTo("1930");
        assertThat(r.ledger().commissionAccount()).isNull();
    }

    @Test
    void onlyTheChosenSystemsInputsAreRead() {
        Map<String, String> f = form();
        f.put("agency.promentor.host", "sftp.example");

        assertThat(request(f).agency()).doesNotContainKey("host");
    }

    @Test
    void aValueThatIsNotANumberIsRefusedWithTheApisWordsAndItsInput() {
        Map<String, String> f = form();
        f.put("policy.graceDays", "ten");

        assertThatThrownBy(() -> request(f)).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.field()).isEqualTo("policy.graceDays");
            assertThat(p.getMessage()).isEqualTo("policy.graceDays: has the wrong type (expected a number)");
        });
        f.put("policy.graceDays", "1.5");
        assertThatThrownBy(() -> request(f)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.getMessage()).contains("must be a whole number"));
    }

    @Test
    void aRefusalOfASystemsFieldPointsAtThatSystemsInput() {
        Map<String, String> f = form();
        f.put("agency.kravia.creditorId", "abc");
        Problem p = org.junit.jupiter.api.Assertions.assertThrows(Problem.class,
                () -> TenantRequests.toTenant("t-1", request(f), Map.of("procountor", PROCOUNTOR), Map.of("kravia", KRAVIA)));

        assertThat(p.field()).isEqualTo("agency.creditorId");
        assertThat(TenantForm.input(p.field(), f)).isEqualTo("agency.kravia.creditorId");
        assertThat(TenantForm.input("policy.graceDays", f)).isEqualTo("policy.graceDays");
        assertThat(TenantForm.input("agency.system", f)).isEqualTo("agency.system");
    }

    @Test
    void aTenantReadsBackAsTheFormItCameFrom() {
        var tenant = TenantRequests.toTenant("t-1", request(form()), Map.of("procountor", PROCOUNTOR), Map.of("kravia", KRAVIA));

        Map<String, String> values = TenantForm.values(tenant);

        assertThat(values).containsEntry("name", "Nordvik Bygg AB").containsEntry("agency.kravia.creditorId", "10759")
                .containsEntry("accounting.procountor.clientId", "client-1").containsEntry("policy.currencies", "SEK, EUR")
                .containsEntry("policy.minimumAmount", "100.50").containsEntry("policy.pollInterval", "PT15M")
                .doesNotContainKey("accounting.procountor.clientSecret");
        // and the values, sent again, are the same tenant
        Map<String, String> again = new HashMap<>(values);
        assertThat(TenantRequests.toTenant("t-1", request(again), Map.of("procountor", PROCOUNTOR), Map.of("kravia", KRAVIA)))
                .isEqualTo(tenant);
        assertThat(new BigDecimal(values.get("policy.minimumAmount"))).isEqualByComparingTo("100.50");
    }
}
