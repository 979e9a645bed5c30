package eu.indriva.web;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static eu.indriva.support.Upstreams.KRAVIA;
import static eu.indriva.support.Upstreams.PROCOUNTOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import eu.indriva.support.WebSession;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client web's sign-in and who sees what, over real HTTP against the running application: two
 * tenants with claims made by a real poll (WireMock upstreams), users made through the admin API.
 */
class WebAccessTest extends AppTestBase {

    static final String PASSWORD = "correct horse battery";


    @Autowired
    JdbcTemplate jdbc;

    String a;
    String b;
    Upstreams.Slice sa;

    @BeforeEach
    void twoTenantsWithClaims() {
        sa = Upstreams.slice();
        Invoice sek1 = Invoice.overdue(String.valueOf(sa.n * 100 + 1));
        Invoice sek2 = Invoice.overdue(String.valueOf(sa.n * 100 + 2)).withCustomer("C-ANNA");
        Invoice eur = Invoice.overdue(String.valueOf(sa.n * 100 + 3)).withCurrency("EUR").withTotal("99.50");
        sa.standard(sek1, sek2, eur);
        a = createTenant(sa);
        poll(a);
        for (Invoice i : List.of(sek1, sek2, eur)) {
            awaitStatus(a, i.id(), "REGISTERED");
        }
        Upstreams.Slice sb = Upstreams.slice();
        sb.standard(Invoice.overdue(String.valueOf(sb.n * 100 + 1)));
        b = createTenant(sb);
    }

    private void user(String name, String role, String tenant) {
        webUser(name, role, tenant, PASSWORD);
    }

    private WebSession signedIn(String name) {
        return signedIn(name, PASSWORD);
    }

    /** Every page of a tenant (a claim of slice {@code s}'s numbering): each new page belongs here. */
    private static List<String> pagesOf(String tenant, Upstreams.Slice s) {
        String t = "/tenants/" + tenant;
        return List.of(t + "/overview", t + "/claims", t + "/claims.csv", t + "/claims/" + (s.n * 100 + 1), t + "/attention",
                t + "/preview", t + "/payouts", t + "/payouts/9001", t + "/settings", "/tenants/new");
    }

    @Test
    void everyPageWithoutASessionLeadsToTheSignInPage() {
        WebSession anonymous = new WebSession(port);
        List<String> paths = new java.util.ArrayList<>(List.of("/", "/tenants", "/operations", "/users", "/tenants/no-such-tenant/claims"));
        paths.addAll(pagesOf(a, sa));
        for (String path : paths) {
            HttpResponse<String> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(WebSession.location(r)).as(path).endsWith("/login");
        }
        assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
    }

    @Test
    void aCreditorUserSeesItsOwnTenantAndNothingOfAnother() {
        String name = "creditor-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = signedIn(name);

        HttpResponse<String> home = s.get("/");
        assertThat(WebSession.location(home)).endsWith("/tenants/" + a + "/overview");
        HttpResponse<String> own = s.get("/tenants/" + a + "/claims?lang=en");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("N" + (sa.n * 100 + 1), "N" + (sa.n * 100 + 2), "N" + (sa.n * 100 + 3)).contains("3 claims");

        String bName = api(HttpMethod.GET, "/api/v1/tenants/" + b, null).getBody().path("name").asText();
        List<String> paths = new java.util.ArrayList<>(List.of("/tenants/" + b + "/claims?status=REGISTERED", "/tenants", "/operations", "/users",
                "/tenants/no-such-tenant/claims"));
        paths.addAll(pagesOf(b, sa));
        for (String path : paths) {
            HttpResponse<String> r = s.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain(b).doesNotContain(bName).doesNotContain("no-such-tenant");
        }
    }

    @Test
    void thePreviewShowsWhatAPollWouldTransferAndWhyTheRestStays() {
        String name = "preview-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = signedIn(name);
        Invoice fresh = Invoice.overdue(String.valueOf(sa.n * 100 + 4));
        Invoice withinGrace = Invoice.overdue(String.valueOf(sa.n * 100 + 5)).withDueDate(java.time.LocalDate.now().minusDays(3));
        sa.search(Invoice.overdue(String.valueOf(sa.n * 100 + 1)), fresh, withinGrace);
        sa.invoice(fresh);
        long claimsBefore = claims(a).path("total").asLong();

        HttpResponse<String> page = s.get("/tenants/" + a + "/preview?lang=en");

        assertThat(page.statusCode()).isEqualTo(200);
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page.body());
        assertThat(doc.select("#preview-transfer tbody tr").eachAttr("data-invoice")).containsExactly(fresh.id());
        assertThat(doc.select("#preview-skip tbody tr[data-invoice=" + (sa.n * 100 + 1) + "]").attr("data-reason")).isEqualTo("ALREADY_CLAIM");
        assertThat(doc.select("#preview-skip tbody tr[data-invoice=" + withinGrace.id() + "]").text()).contains("Within the grace days");
        assertThat(doc.select("#preview-transfer").text()).contains("1,250.00 SEK");
        assertThat(claims(a).path("total").asLong()).isEqualTo(claimsBefore);
    }

    @Test
    void theRightPasswordRightAfterAWrongOneInTheSameSessionSignsIn() {
        String name = "second-try-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = new WebSession(port);
        assertThat(WebSession.location(s.signIn(name, "not the password"))).endsWith("/login?error");
        s.get("/login?error");

        HttpResponse<String> r = s.signIn(name, PASSWORD);

        assertThat(WebSession.location(r)).doesNotContain("error").doesNotEndWith("/login");
        assertThat(WebSession.location(s.get("/"))).endsWith("/tenants/" + a + "/overview");
        assertThat(s.get("/tenants/" + a + "/overview").statusCode()).isEqualTo(200);
    }

    /** The settings form's fields for a Procountor + Kravia tenant on slice {@code s}'s stubs. */
    private static Map<String, String> tenantForm(Upstreams.Slice s, String id) {
        Map<String, String> f = new java.util.HashMap<>();
        f.put("id", id);
        f.put("name", "Form tenant " + s.n);
        f.put("accounting.system", "procountor");
        f.put("accounting.procountor.baseUrl", s.procountorUrl());
        f.put("accounting.procountor.clientId", "client-" + s.n);
        f.put("accounting.procountor.clientSecret", "secret-" + s.n);
        f.put("accounting.procountor.apiKey", "api-key-" + s.n);
        f.put("agency.system", "kravia");
        f.put("agency.kravia.baseUrl", s.kraviaUrl());
        f.put("agency.kravia.creditorId", Long.toString(s.creditorId));
        f.put("agency.kravia.token", "agency-token-" + s.n);
        f.put("policy.automatic", "true");
        f.put("policy.graceDays", "10");
        f.put("policy.minimumAmount", "100");
        f.put("policy.service", "COLLECTION");
        return f;
    }

    @Test
    void aPlatformAdminCreatesATenantInTheFormSeesFieldErrorsAndTestsTheConnection() {
        String name = "settings-admin-" + sa.n;
        user(name, "PLATFORM_ADMIN", null);
        WebSession s = signedIn(name);
        Upstreams.Slice sc = Upstreams.slice();
        sc.token();
        sc.search();
        sc.changes();
        String id = "form-" + sc.n;
        assertThat(s.get("/tenants/new?lang=en").statusCode()).isEqualTo(200);

        // a creditor id that is not a number: the API's words, beside its input; what was typed stays, the secrets do not
        Map<String, String> bad = tenantForm(sc, id);
        bad.put("agency.kravia.creditorId", "ten");
        HttpResponse<String> refused = s.post("/tenants?lang=en", bad, true);
        assertThat(refused.statusCode()).isEqualTo(400);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(refused.body());
        assertThat(page.getElementById("e-agency.kravia.creditorId").text()).isEqualTo("agency.creditorId: must be a whole number");
        assertThat(page.getElementById("f-agency-kravia-creditorId").val()).isEqualTo("ten");
        assertThat(page.getElementById("f-accounting-procountor-clientSecret").val()).isEmpty();
        assertThat(refused.body()).doesNotContain("secret-" + sc.n);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + id, null).getStatusCode().value()).isEqualTo(404);
        Map<String, String> noId = tenantForm(sc, "Not An Id");
        assertThat(org.jsoup.Jsoup.parse(s.post("/tenants?lang=en", noId, true).body()).getElementById("e-id").text())
                .contains("a-z, 0-9 and '-'");

        // an id that is taken: refused, the tenant untouched
        HttpResponse<String> taken = s.post("/tenants?lang=en", tenantForm(sc, a), true);
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(org.jsoup.Jsoup.parse(taken.body()).getElementById("e-id").text())
                .isEqualTo("id: a tenant '" + a + "' exists already; open its settings to change it");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + a, null).getBody().path("name").asText()).isNotEqualTo("Form tenant " + sc.n);

        // created: the API shows what the form sent; secrets are "set" and never shown
        HttpResponse<String> created = s.post("/tenants", tenantForm(sc, id), true);
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(created)).endsWith("/tenants/" + id + "/settings");
        JsonNode t = api(HttpMethod.GET, "/api/v1/tenants/" + id, null).getBody();
        assertThat(t.path("name").asText()).isEqualTo("Form tenant " + sc.n);
        assertThat(t.path("enabled").asBoolean()).isFalse();
        assertThat(t.path("agency").path("creditorId").asLong()).isEqualTo(sc.creditorId);
        assertThat(t.path("policy").path("minimumAmount").decimalValue()).isEqualByComparingTo("100");
        org.jsoup.nodes.Document settings = org.jsoup.Jsoup.parse(s.get("/tenants/" + id + "/settings?lang=en").body());
        assertThat(settings.getElementById("saved").text()).contains("created");
        assertThat(settings.getElementById("s-f-accounting-procountor-clientSecret").attr("data-set")).isEqualTo("true");
        assertThat(settings.getElementById("s-f-agency-kravia-webhookSecret").attr("data-set")).isEqualTo("false");
        assertThat(settings.html()).doesNotContain("secret-" + sc.n).doesNotContain("agency-token-" + sc.n);

        // edited: enabled, and a secret left empty is kept
        Map<String, String> edit = tenantForm(sc, id);
        edit.remove("id");
        edit.put("enabled", "true");
        edit.put("accounting.procountor.clientSecret", "");
        HttpResponse<String> saved = s.post("/tenants/" + id + "/settings", edit, true);
        assertThat(saved.statusCode()).isEqualTo(302);
        // as a browser does: the page the answer sends to (its note shown once)
        assertThat(s.get("/tenants/" + id + "/settings?lang=en").body()).contains("The settings were saved.");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + id, null).getBody().path("enabled").asBoolean()).isTrue();

        // test connection: both work against the stubs; the API says the same
        HttpResponse<String> tested = s.post("/tenants/" + id + "/settings/test", Map.of(), true);
        assertThat(tested.statusCode()).isEqualTo(302);
        org.jsoup.nodes.Document checks = org.jsoup.Jsoup.parse(s.get("/tenants/" + id + "/settings?lang=en").body());
        assertThat(checks.select("#checks li").eachAttr("data-ok")).containsExactly("true", "true");
        assertThat(checks.select("#checks li[data-side=ACCOUNTING]").text()).contains("works", "one-invoice search");
        // the token refused by the agency: said in words
        KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(sc.prefix + "/api/v2/invoice/search"))
                .atPriority(1).willReturn(Upstreams.status(401)));
        s.post("/tenants/" + id + "/settings/test", Map.of(), true);
        org.jsoup.nodes.Document failed = org.jsoup.Jsoup.parse(s.get("/tenants/" + id + "/settings?lang=en").body());
        assertThat(failed.select("#checks li[data-side=AGENCY]").attr("data-ok")).isEqualTo("false");
        assertThat(failed.select("#checks li[data-side=AGENCY]").text()).contains("failed", "refused the token", "401");
        JsonNode viaApi = api(HttpMethod.POST, "/api/v1/tenants/" + id + "/connection-test", null).getBody();
        assertThat(viaApi.path("ok").asBoolean()).isFalse();
        assertThat(viaApi.path("results").get(0).path("ok").asBoolean()).isTrue();
    }

    @Test
    void theOperationsPageShowsCircuitsQueuesAndEveryTenantsLastRunsFailingFirst() {
        Upstreams.Slice sf = Upstreams.slice();
        sf.token();
        PROCOUNTOR.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(sf.prefix + "/invoices"))
                .willReturn(Upstreams.status(500)));
        String failing = createTenant(sf);
        poll(failing);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                api(HttpMethod.GET, "/api/v1/tenants/" + failing, null).getBody().path("lastRuns").path("poll").path("outcome").asText()
                        .equals("FAILED"));
        String name = "operations-" + sa.n;
        user(name, "PLATFORM_ADMIN", null);

        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(signedIn(name).get("/operations?lang=en").body());

        List<String> order = page.select("#tenant-runs tbody tr").eachAttr("data-tenant");
        assertThat(order).contains(a, failing);
        assertThat(page.select("#tenant-runs tbody tr").get(0).attr("data-failing")).isEqualTo("true");
        assertThat(order.indexOf(failing)).isLessThan(order.indexOf(a));
        assertThat(page.select("#tenant-runs tr[data-tenant=" + failing + "]").text()).contains("FAILED", "500");
        assertThat(page.select("#tenant-runs tr[data-tenant=" + a + "]").text()).contains("OK");
        assertThat(page.select("#queues tr[data-queue=indriva.claims.register]").text()).contains("Registrations");
        assertThat(page.select("#circuits tbody tr")).isNotEmpty();
        assertThat(page.getElementById("hawtio").attr("href")).endsWith("/actuator/hawtio");
    }

    @Test
    void aClaimShowsItsDebtorWithThePersonalIdentityNumberMasked() {
        Upstreams.Slice sp = Upstreams.slice();
        Invoice person = Invoice.overdue(String.valueOf(sp.n * 100 + 1)).withIdentifier("198112189876");
        sp.standard(person);
        String tenant = createTenant(sp);
        poll(tenant);
        awaitStatus(tenant, person.id(), "REGISTERED");

        JsonNode debtor = claim(tenant, person.id()).path("debtor");
        assertThat(debtor.path("identifier").asText()).isEqualTo("19811218-****");
        assertThat(debtor.path("type").asText()).isEqualTo("PERSON");
        assertThat(debtor.path("name").asText()).isEqualTo("Nordvik Bygg AB");
        String name = "debtor-" + sp.n;
        user(name, "CREDITOR", tenant);
        String page = signedIn(name).get("/tenants/" + tenant + "/claims/" + person.id() + "?lang=en").body();
        assertThat(org.jsoup.Jsoup.parse(page).getElementById("debtor").text()).contains("Nordvik Bygg AB", "19811218-****", "SE");
        assertThat(page).doesNotContain("9876");
        // what the debtor may be charged: the shipped Swedish rates end before this claim's days, which the page says;
        // the fees cap (a consumer: 60 + 180) is known, and an agency with more outstanding is flagged
        org.jsoup.nodes.Document charges = org.jsoup.Jsoup.parse(page);
        assertThat(charges.getElementById("lawful-interest").text()).contains("no SE reference rate for", "reference-rates.csv");
        assertThat(charges.getElementById("lawful-fees").text()).isEqualTo("240.00 SEK");
        assertThat(charges.select("[data-overcharge]")).isEmpty();
        jdbc.update("UPDATE claim SET outstanding_fees = 300.00 WHERE tenant_id = ? AND invoice_id = ?", tenant, person.id());
        org.jsoup.nodes.Document over = org.jsoup.Jsoup.parse(signedIn(name).get("/tenants/" + tenant + "/claims/" + person.id() + "?lang=en")
                .body());
        assertThat(over.select("[data-overcharge=fees]").text()).contains("300.00", "240.00");
        // a company's organisation number is not personal: shown as it is
        assertThat(claim(a, String.valueOf(sa.n * 100 + 1)).path("debtor").path("identifier").asText()).isEqualTo("556036-0793");
    }

    @Test
    void aPlatformAdminManagesUsersInTheWebWithTheApisRules() {
        String admin = "users-admin-" + sa.n;
        user(admin, "PLATFORM_ADMIN", null);
        WebSession s = signedIn(admin);
        String anna = "anna-" + sa.n;
        assertThat(s.get("/users?lang=en").statusCode()).isEqualTo(200);

        // too short a password: the API's words, nothing stored
        HttpResponse<String> refused = s.post("/users?lang=en", Map.of("username", anna, "role", "CREDITOR", "tenantId", a,
                "password", "short", "enabled", "true"), true);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(org.jsoup.Jsoup.parse(refused.body()).getElementById("e-password").text()).contains("at least 12");
        assertThat(api(HttpMethod.GET, "/api/v1/users/" + anna, null).getStatusCode().value()).isEqualTo(404);

        // created: she signs in and sees her tenant
        assertThat(s.post("/users", Map.of("username", anna, "role", "CREDITOR", "tenantId", a, "password", PASSWORD, "enabled", "true"),
                true).statusCode()).isEqualTo(302);
        assertThat(s.get("/users?lang=en").body()).contains("User " + anna + " was created.");
        WebSession annas = signedIn(anna);
        assertThat(annas.get("/tenants/" + a + "/overview").statusCode()).isEqualTo(200);
        // changed without a password: disabled, her password kept; her session ends
        assertThat(s.post("/users", Map.of("username", anna, "role", "CREDITOR", "tenantId", a), true).statusCode()).isEqualTo(302);
        assertThat(s.get("/users?lang=en").body()).contains("User " + anna + " was changed.");
        JsonNode stored = api(HttpMethod.GET, "/api/v1/users/" + anna, null).getBody();
        assertThat(stored.path("enabled").asBoolean()).isFalse();
        assertThat(annas.get("/tenants/" + a + "/overview").statusCode()).isEqualTo(302);

        // removed after a confirmation; nobody removes or disables themselves
        assertThat(org.jsoup.Jsoup.parse(s.get("/users?remove=" + anna + "&lang=en").body()).select("form.confirm").text())
                .contains("Remove " + anna + "?");
        assertThat(s.post("/users/" + anna + "/remove", Map.of(), true).statusCode()).isEqualTo(302);
        assertThat(s.get("/users?lang=en").body()).contains("User " + anna + " was removed");
        assertThat(api(HttpMethod.GET, "/api/v1/users/" + anna, null).getStatusCode().value()).isEqualTo(404);
        s.post("/users/" + admin + "/remove", Map.of(), true);
        assertThat(s.get("/users?lang=en").body()).contains("you cannot remove your own account");
        assertThat(s.post("/users?lang=en", Map.of("username", admin, "role", "PLATFORM_ADMIN"), true).statusCode()).isEqualTo(400);
        assertThat(api(HttpMethod.GET, "/api/v1/users/" + admin, null).getBody().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void aCreditorUserCannotCreateOrChangeTenants() {
        String name = "settings-creditor-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = signedIn(name);
        String before = api(HttpMethod.GET, "/api/v1/tenants/" + a, null).getBody().toString();
        Upstreams.Slice sc = Upstreams.slice();

        assertThat(s.post("/tenants", tenantForm(sc, "creditor-made-" + sc.n), true).statusCode()).isEqualTo(403);
        Map<String, String> change = tenantForm(sa, a);
        change.put("name", "taken over");
        assertThat(s.post("/tenants/" + a + "/settings", change, true).statusCode()).isEqualTo(403);
        assertThat(s.post("/tenants/" + a + "/settings/test", Map.of(), true).statusCode()).isEqualTo(403);

        assertThat(api(HttpMethod.GET, "/api/v1/tenants/creditor-made-" + sc.n, null).getStatusCode().value()).isEqualTo(404);
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/" + a, null).getBody().toString()).isEqualTo(before);
    }

    @Test
    void aPlatformAdminSeesEveryTenant() {
        String name = "admin-" + sa.n;
        user(name, "PLATFORM_ADMIN", null);
        WebSession s = signedIn(name);

        assertThat(WebSession.location(s.get("/"))).endsWith("/tenants");
        assertThat(s.get("/tenants").body()).contains("/tenants/" + a + "/overview", "/tenants/" + b + "/overview");
        assertThat(s.get("/tenants/" + b + "/claims").statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = s.get("/tenants/no-such-tenant/claims?lang=en");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no tenant &#39;no-such-tenant&#39;");
    }

    @Test
    void theClaimsListFiltersAndItsCsvHoldsExactlyTheFilteredList() {
        String name = "filter-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = signedIn(name);
        String eurInvoice = "N" + (sa.n * 100 + 3);

        HttpResponse<String> eur = s.get("/tenants/" + a + "/claims?currency=EUR&lang=en");
        assertThat(eur.body()).contains(eurInvoice, "1 claim<").doesNotContain("N" + (sa.n * 100 + 1) + "<");
        HttpResponse<String> search = s.get("/tenants/" + a + "/claims?q=C-ANNA");
        assertThat(search.body()).contains("N" + (sa.n * 100 + 2)).doesNotContain(eurInvoice);

        HttpResponse<String> csv = s.get("/tenants/" + a + "/claims.csv?currency=EUR");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFinvoiceNumber;invoiceId;");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(eurInvoice + ";" + (sa.n * 100 + 3) + ";").contains(";99.50;EUR;");

        // every claim, as the API lists them
        List<String> all = s.get("/tenants/" + a + "/claims.csv").body().lines().skip(1).toList();
        Set<String> csvIds = all.stream().map(l -> l.split(";", -1)[1]).collect(Collectors.toSet());
        JsonNode api = claims(a);
        Set<String> apiIds = new java.util.HashSet<>();
        api.path("items").forEach(c -> apiIds.add(c.path("invoiceId").asText()));
        assertThat(csvIds).isEqualTo(apiIds).hasSize(3);

        HttpResponse<String> bad = s.get("/tenants/" + a + "/claims?status=LOST&lang=en");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("status: must be one of");
    }

    @Test
    void repeatedFailedSignInsLockTheAccountUntilAnAdminSetsANewPassword() {
        String name = "locked-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = new WebSession(port);
        for (int i = 0; i < 5; i++) {
            assertThat(WebSession.location(s.signIn(name, "wrong password " + i))).endsWith("/login?error");
        }
        assertThat(jdbc.queryForObject("SELECT locked_until FROM web_user WHERE username = ?", java.sql.Timestamp.class, name)).isNotNull();
        assertThat(WebSession.location(s.signIn(name, PASSWORD))).as("locked: the right password is refused too").endsWith("/login?error");
        assertThat(s.get("/login?error&lang=en").body()).contains("After 5 failed attempts in a row an account is locked for 15 minutes");

        user(name, "CREDITOR", a);
        assertThat(WebSession.location(new WebSession(port).signIn(name, PASSWORD))).doesNotContain("error");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        String name = "csrf-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = new WebSession(port);
        s.get("/login");
        assertThat(s.post("/login", Map.of("username", name, "password", PASSWORD), false).statusCode()).isEqualTo(403);

        WebSession in = signedIn(name);
        in.get("/tenants/" + a + "/claims");
        assertThat(in.post("/logout", Map.of(), false).statusCode()).isEqualTo(403);
        assertThat(in.get("/tenants/" + a + "/claims").statusCode()).as("still signed in").isEqualTo(200);
        HttpResponse<String> out = in.post("/logout", Map.of(), true);
        assertThat(WebSession.location(out)).endsWith("/login?signedOut");
        assertThat(in.get("/tenants/" + a + "/claims").statusCode()).isEqualTo(302);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() {
        String name = "cookie-" + sa.n;
        user(name, "CREDITOR", a);
        HttpResponse<String> r = new WebSession(port).signIn(name, PASSWORD);
        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("INDRIVA_SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
        // kept in the database, so every instance knows it (ClusterFlowTest signs in on one and reads on another)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?", Integer.class, name)).isEqualTo(1);
    }

    @Test
    void aRemovedDisabledOrMovedUsersSessionEnds() {
        for (String change : List.of("remove", "disable", "move")) {
            String name = change + "-" + sa.n;
            user(name, "CREDITOR", a);
            WebSession s = signedIn(name);
            assertThat(s.get("/tenants/" + a + "/claims").statusCode()).isEqualTo(200);
            switch (change) {
                case "remove" -> assertThat(api(HttpMethod.DELETE, "/api/v1/users/" + name, null).getStatusCode().value()).isEqualTo(204);
                case "disable" -> api(HttpMethod.PUT, "/api/v1/users/" + name, "{\"role\":\"CREDITOR\",\"tenantId\":\"" + a + "\",\"enabled\":false}");
                default -> api(HttpMethod.PUT, "/api/v1/users/" + name, "{\"role\":\"CREDITOR\",\"tenantId\":\"" + b + "\"}");
            }
            HttpResponse<String> after = s.get("/tenants/" + a + "/claims");
            assertThat(after.statusCode()).as(change).isEqualTo(302);
            assertThat(WebSession.location(after)).as(change).endsWith("/login?ended");
        }
    }

    @Test
    void usersAreManagedThroughTheAdminApi() {
        String name = "Api-User-" + sa.n;
        assertThat(http.exchange("/api/v1/users/x", HttpMethod.PUT, null, JsonNode.class).getStatusCode().value()).isEqualTo(401);
        assertBad(name, "{\"role\":\"CREDITOR\",\"tenantId\":\"" + a + "\",\"password\":\"too-short\"}", "password");
        assertBad(name, "{\"role\":\"CREDITOR\",\"password\":\"" + PASSWORD + "\"}", "tenantId");
        assertBad(name, "{\"role\":\"CREDITOR\",\"tenantId\":\"no-such-tenant\",\"password\":\"" + PASSWORD + "\"}", "tenantId");
        assertBad(name, "{\"role\":\"PLATFORM_ADMIN\",\"tenantId\":\"" + a + "\",\"password\":\"" + PASSWORD + "\"}", "tenantId");
        assertBad(name, "{\"role\":\"OWNER\",\"password\":\"" + PASSWORD + "\"}", "role");
        assertBad(name, "{\"role\":\"CREDITOR\",\"tenantId\":\"" + a + "\"}", "password");
        assertBad("-not-a-name", "{\"role\":\"PLATFORM_ADMIN\",\"password\":\"" + PASSWORD + "\"}", "username");

        ResponseEntity<JsonNode> created = api(HttpMethod.PUT, "/api/v1/users/" + name,
                "{\"role\":\"CREDITOR\",\"tenantId\":\"" + a + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().path("username").asText()).isEqualTo(name.toLowerCase());
        assertThat(created.getBody().has("password")).isFalse();
        assertThat(created.getBody().toString()).doesNotContain(PASSWORD);
        assertThat(jdbc.queryForObject("SELECT password_hash FROM web_user WHERE username = ?", String.class, name.toLowerCase()))
                .startsWith("$2").doesNotContain(PASSWORD);

        // a replace without a password keeps it
        assertThat(api(HttpMethod.PUT, "/api/v1/users/" + name, "{\"role\":\"CREDITOR\",\"tenantId\":\"" + a + "\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(WebSession.location(new WebSession(port).signIn(name.toUpperCase(), PASSWORD))).doesNotContain("error");

        assertThat(api(HttpMethod.DELETE, "/api/v1/users/" + name, null).getStatusCode().value()).isEqualTo(204);
        assertThat(api(HttpMethod.DELETE, "/api/v1/users/" + name, null).getStatusCode().value()).isEqualTo(404);
        assertThat(WebSession.location(new WebSession(port).signIn(name, PASSWORD))).endsWith("/login?error");
    }

    @Test
    void aCreditorRecallsAClaimAfterConfirmingAndSeesTheResultOrTheRefusalInWords() {
        String invoice = String.valueOf(sa.n * 100 + 1);
        String claimId = sa.agencyClaims().get(invoice).toString();
        String rel = "/api/v2/invoice/" + claimId;
        String path = sa.prefix + rel;
        String scenario = "web-recall-" + sa.n;
        KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path + "/details")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(sa.detailsJson(claimId, invoice, "Reminder", null, "2026-11-20T10:00:00", "1250.00"))));
        KRAVIA.stubFor(post(urlPathEqualTo(path + "/actions/Withdraw")).inScenario(scenario).willReturn(okJson("{}")).willSetStateTo("gone"));
        KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path + "/details")).inScenario(scenario)
                .whenScenarioStateIs("gone")
                .willReturn(okJson(sa.detailsJson(claimId, invoice, "Closed", "Withdrawn", "2026-11-20T10:05:00", "0.00"))));
        String name = "recall-" + sa.n;
        user(name, "CREDITOR", a);
        String other = "other-" + sa.n;
        user(other, "CREDITOR", b);
        String page = "/tenants/" + a + "/claims/" + invoice;

        // another tenant's user can neither see nor act on it, and the agency hears nothing
        WebSession stranger = signedIn(other);
        stranger.get("/tenants/" + b + "/claims");
        assertThat(stranger.get(page).statusCode()).isEqualTo(403);
        assertThat(stranger.post(page + "/recall", Map.of(), true).statusCode()).isEqualTo(403);
        assertThat(sa.kraviaRequests("POST", rel + "/actions/Withdraw")).isZero();

        WebSession s = signedIn(name);
        HttpResponse<String> shown = s.get(page + "?lang=en");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Invoice N" + invoice, "REGISTERED", "1,250.00 SEK", "id=\"action-recall\"")
                .doesNotContain("id=\"confirm\"");
        HttpResponse<String> confirm = s.get(page + "?confirm=recall&lang=en");
        assertThat(confirm.body()).contains("id=\"confirm\"", "Recall this claim from the agency?");
        assertThat(s.post(page + "/recall", Map.of(), false).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(sa.kraviaRequests("POST", rel + "/actions/Withdraw")).isZero();

        HttpResponse<String> done = s.post(page + "/recall", Map.of(), true);
        assertThat(WebSession.location(done)).endsWith(page);
        assertThat(s.get(page + "?lang=en").body()).contains("The recall was sent").contains("recall requested by web user " + name);
        assertThat(sa.kraviaRequests("POST", rel + "/actions/Withdraw")).isEqualTo(1);
        assertThat(claim(a, invoice).path("status").asText()).isEqualTo("CLOSED");

        // a pause of another claim, asked from the web, names the web user in the history
        String paused = String.valueOf(sa.n * 100 + 2);
        String pausedRel = "/api/v2/invoice/" + sa.agencyClaims().get(paused);
        KRAVIA.stubFor(post(urlPathEqualTo(sa.prefix + pausedRel + "/actions/Pause")).willReturn(okJson("{}")));
        KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(sa.prefix + pausedRel + "/details"))
                .willReturn(okJson(sa.detailsJson(sa.agencyClaims().get(paused).toString(), paused, "Paused", null, "2026-11-21T09:00:00",
                        "1250.00"))));
        String pausedPage = "/tenants/" + a + "/claims/" + paused;
        s.get(pausedPage + "?confirm=pause");
        assertThat(WebSession.location(s.post(pausedPage + "/pause", Map.of(), true))).endsWith(pausedPage);
        assertThat(s.get(pausedPage + "?lang=en").body()).contains("The agency was asked to pause the claim.")
                .contains("pause sent to Kravia, asked by web user " + name);
        assertThat(sa.kraviaRequests("POST", pausedRel + "/actions/Pause")).isEqualTo(1);

        // asked again: the refusal in words, nothing sent
        s.get(page + "?confirm=recall");
        s.post(page + "/recall", Map.of(), true);
        assertThat(s.get(page + "?lang=en").body()).contains("Not done: the claim is");
        assertThat(sa.kraviaRequests("POST", rel + "/actions/Withdraw")).isEqualTo(1);
    }

    @Test
    void theOverviewShowsWhatTheApiShows() {
        String name = "overview-" + sa.n;
        user(name, "CREDITOR", a);
        WebSession s = signedIn(name);
        JsonNode items = claims(a).path("items");
        BigDecimal sek = BigDecimal.ZERO;
        int sekCount = 0;
        for (JsonNode c : items) {
            assertThat(c.path("status").asText()).isEqualTo("REGISTERED");
            if (c.path("currency").asText().equals("SEK")) {
                sek = sek.add(c.path("amount").decimalValue());
                sekCount++;
            }
        }

        String page = s.get("/tenants/" + a + "/overview?lang=en").body();

        java.util.regex.Matcher row = java.util.regex.Pattern.compile(
                "data-bucket=\"AT_AGENCY\"[^>]*>\\s*<td><a href=\"([^\"]*currency=SEK)\">[^<]*</a></td>\\s*<td>SEK</td>\\s*"
                        + "<td class=\"num\">(\\d+)</td>\\s*<td class=\"num\">([^<]*)</td>").matcher(page);
        assertThat(row.find()).as(page).isTrue();
        assertThat(Integer.parseInt(row.group(2))).isEqualTo(sekCount).isEqualTo(2);
        assertThat(row.group(3)).isEqualTo(String.format(java.util.Locale.ENGLISH, "%,.2f", sek));
        assertThat(page).contains("2 · 2,500.00").contains("1 · 99.50");
        assertThat(page).contains("<td>" + java.time.YearMonth.now(java.time.ZoneOffset.UTC) + "</td>");
        assertThat(page).contains("No payouts booked.");
        // the bucket's link lists exactly those claims
        String listed = s.get(row.group(1).replace("&amp;", "&") + "&lang=en").body();
        assertThat(listed).contains(sekCount + " claims");
    }

    @Test
    void theNeedsAttentionListShowsWhatAPersonMustDoForItsOwnTenantOnly() {
        Upstreams.Slice sc = Upstreams.slice();
        Invoice bad = Invoice.overdue(String.valueOf(sc.n * 100 + 9)).withIdentifier("556036-0794");
        sc.standard(bad);
        String c = createTenant(sc);
        poll(c);
        awaitStatus(c, bad.id(), "REJECTED");
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        jdbc.update("""
                INSERT INTO settlement (tenant_id, settlement_id, settlement_date, currency, payout, capital, commission, vat, status, reason,
                receipt_name, receipt_state, acknowledged, created_at, updated_at)
                VALUES (?, 'S-77', CURRENT_DATE, 'SEK', 900.00, 1000.00, 80.00, 20.00, 'NEEDS_ATTENTION', 'the lines add up to 990.00, not 1000.00',
                'r', 'NONE', FALSE, ?, ?)""", c, now, now);
        for (String[] d : new String[][] {{c, "m-" + sc.n}, {a, "m-other-" + sc.n}}) {
            jdbc.update("""
                    INSERT INTO dead_letter (message_id, queue, tenant_id, invoice_id, body, reason, first_failed_at, parked_at)
                    VALUES (?, 'indriva.claims.register', ?, '4242', '{}', 'the claim table refused the row', ?, ?)""", d[1], d[0], now, now);
        }
        long own = jdbc.queryForObject("SELECT id FROM dead_letter WHERE message_id = ?", Long.class, "m-" + sc.n);
        long others = jdbc.queryForObject("SELECT id FROM dead_letter WHERE message_id = ?", Long.class, "m-other-" + sc.n);
        String name = "attention-" + sc.n;
        user(name, "CREDITOR", c);
        WebSession s = signedIn(name);

        String page = s.get("/tenants/" + c + "/attention?lang=en").body();

        assertThat(page).contains("Claims (1)").contains("N" + bad.id())
                .contains("Fix this in the accounting system, then send it again: counterParty.identifier")
                .contains("confirm=retry");
        assertThat(page).contains("S-77").contains("the lines add up to 990.00, not 1000.00");
        assertThat(page).contains("the claim table refused the row").contains("Your platform&#39;s administrator can replay it.")
                .doesNotContain("replay-" + own);
        s.get("/tenants/" + c + "/attention");
        assertThat(s.post("/tenants/" + c + "/attention/dead-letters/" + own + "/replay", Map.of(), true).statusCode())
                .as("a creditor user may not replay").isEqualTo(403);

        String admin = "attention-admin-" + sc.n;
        user(admin, "PLATFORM_ADMIN", null);
        WebSession as = signedIn(admin);
        assertThat(as.get("/tenants/" + c + "/attention").body()).contains("replay-" + own)
                .as("another tenant's dead letter").doesNotContain("replay-" + others);
        assertThat(as.post("/tenants/" + c + "/attention/dead-letters/" + others + "/replay", Map.of(), true).statusCode())
                .as("another tenant's dead letter through this tenant's page").isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT replayed_at FROM dead_letter WHERE id = ?", java.sql.Timestamp.class, others)).isNull();

        // a tenant with nothing to do says so
        assertThat(creditorSignedIn("quiet-" + sc.n, b).get("/tenants/" + b + "/attention?lang=en").body()).contains("Nothing needs a person now.");
    }

    private WebSession creditorSignedIn(String name, String tenant) {
        user(name, "CREDITOR", tenant);
        return signedIn(name);
    }

    @Test
    void theInitialAdminFromConfigurationCanSignIn() {
        WebSession s = new WebSession(port);
        HttpResponse<String> r = s.signIn(INITIAL_ADMIN, INITIAL_ADMIN_PASSWORD);
        assertThat(WebSession.location(r)).doesNotContain("error");
        assertThat(WebSession.location(s.get("/"))).endsWith("/tenants");
    }

    private void assertBad(String name, String body, String field) {
        ResponseEntity<JsonNode> r = api(HttpMethod.PUT, "/api/v1/users/" + name, body);
        assertThat(r.getStatusCode().value()).as("%s → %s", body, r.getBody()).isEqualTo(400);
        assertThat(r.getBody().path("field").asText()).as(body).isEqualTo(field);
    }
}
