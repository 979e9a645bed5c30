package eu.indriva.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import eu.indriva.IndrivaApplication;
import eu.indriva.support.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The client web in a real browser (Debian's chromium through chromium-driver), driving the sandbox
 * application as a newcomer runs it: its demo tenant, its users, its stub Procountor and Kravia.
 * Each step saves a screenshot under target/screenshots/. Skipped, saying why, without chromium.
 */
@SpringBootTest(classes = IndrivaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "indriva.sandbox.procountor-port=0",
        "indriva.sandbox.kravia-port=0",
        "indriva.sandbox.promentor-port=0",
        "management.server.port=0",
        // its own application, not SandboxEndToEndTest's: this one recalls a claim
        "spring.application.name=indriva-sandbox-browser"
})
@ActiveProfiles("sandbox")
class SandboxBrowserTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry r) throws Exception {
        String dir = Files.createTempDirectory("indriva-sandbox-browser-").toString();
        r.add("indriva.data-dir", () -> dir);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    SandboxUsers users;
    @Autowired
    @Qualifier("kraviaSandbox")
    WireMockServer kravia;
    @Autowired
    @Qualifier("procountorSandbox")
    WireMockServer procountor;
    @Value("${local.server.port}")
    int port;
    @Value("${indriva.admin.token}")
    String token;

    Browser browser;
    String password;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = Browser.start(port, 1000);
        password = Files.readString(users.passwordFile()).trim();
        // the demo tenant's three transferable invoices are at the sandbox Kravia; 1004's debtor was rejected
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                List.of("1001", "1002", "1003").stream().allMatch(id -> List.of("REGISTERED", "CLOSED").contains(claim(id).path("status").asText()))
                        && "REJECTED".equals(claim("1004").path("status").asText()));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private JsonNode api(HttpMethod method, String path) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token);
        return http.exchange(path, method, new HttpEntity<>(h), JsonNode.class).getBody();
    }

    private JsonNode claim(String invoiceId) {
        return api(HttpMethod.GET, "/api/v1/tenants/demo/claims/" + invoiceId);
    }

    /** What was sent to the sandbox Kravia about claims: registrations, copies, payments, credit notes, actions. */
    private long kraviaWrites() {
        return kravia.getAllServeEvents().stream().filter(e -> !e.getRequest().getMethod().getName().equals("GET")
                && e.getRequest().getUrl().startsWith("/api/v2/invoice/")).count();
    }

    private String url(String path) {
        return browser.url(path);
    }

    private void screenshot(String name) throws Exception {
        browser.screenshot(name);
    }

    private void navigate(By what) {
        browser.navigate(what);
    }

    private void signIn(String username, String pw) {
        browser.signIn(username, pw);
    }

    private void type(String id, String text) {
        browser.type(id, text);
    }

    @Test
    void theDemoCreditorFollowsFiltersExportsPreviewsAndRecallsAndSeesNoOtherTenant() throws Exception {
        signIn("demo", "wrong password here");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
        signIn("demo", password);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/tenants/demo/overview");

        // the overview's figures are the API's: its places add up to the API's claims, each place to its filtered list
        browser.driver.get(url("/tenants/demo/overview?lang=en"));
        long shown = 0;
        for (WebElement row : browser.driver.findElements(By.cssSelector("#buckets tbody tr"))) {
            shown += Long.parseLong(row.getAttribute("data-count"));
        }
        assertThat(shown).isEqualTo(api(HttpMethod.GET, "/api/v1/tenants/demo/claims").path("total").asLong());
        screenshot("sandbox-overview");

        // filtered to EUR, exported: the CSV's rows are the rows shown
        browser.driver.get(url("/tenants/demo/claims?lang=en"));
        new Select(browser.driver.findElement(By.id("f-currency"))).selectByValue("EUR");
        navigate(By.id("apply"));
        List<String> rows = browser.driver.findElements(By.cssSelector("#claims tbody tr")).stream()
                .map(r -> r.findElement(By.cssSelector("td")).getText()).toList();
        assertThat(rows).isNotEmpty();
        String session = browser.driver.manage().getCookieNamed("INDRIVA_SESSION").getValue();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        browser.driver.findElement(By.id("csv")).getAttribute("href"))).header("Cookie", "INDRIVA_SESSION=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.body().lines().skip(1).map(l -> l.substring(0, l.indexOf(';'))).toList()).containsExactlyElementsOf(rows);
        screenshot("sandbox-claims-eur");

        // the preview: the sandbox's invoices that stay, with their reasons; nothing changes
        long claimsBefore = api(HttpMethod.GET, "/api/v1/tenants/demo/claims").path("total").asLong();
        long kraviaWritesBefore = kraviaWrites();
        browser.driver.get(url("/tenants/demo/preview?lang=en"));
        assertThat(browser.driver.findElement(By.cssSelector("#preview-skip tr[data-invoice='1005']")).getAttribute("data-reason"))
                .isEqualTo("BELOW_MINIMUM");
        assertThat(browser.driver.findElement(By.cssSelector("#preview-skip tr[data-invoice='1006']")).getAttribute("data-reason"))
                .isEqualTo("EXCLUDED_CUSTOMER");
        assertThat(browser.driver.findElement(By.cssSelector("#preview-skip tr[data-invoice='1001']")).getAttribute("data-reason"))
                .isEqualTo("ALREADY_CLAIM");
        screenshot("preview");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/demo/claims").path("total").asLong()).isEqualTo(claimsBefore);
        // the sandbox's own agency sync reads from Kravia meanwhile; nothing may be written there
        assertThat(kraviaWrites()).as("claims, payments or actions sent to the agency").isEqualTo(kraviaWritesBefore);

        // a claim recalled: confirmed on the page, and the sandbox agency receives the Withdraw
        browser.driver.get(url("/tenants/demo/claims/1002?lang=en"));
        assertThat(browser.driver.findElement(By.id("debtor")).getText()).isNotBlank();
        navigate(By.id("action-recall"));
        screenshot("claim-recall-confirm");
        navigate(By.id("confirm-yes"));
        assertThat(browser.driver.findElement(By.id("done")).getText()).contains("recall was sent");
        String agencyClaim = claim("1002").path("agencyClaimId").asText();
        assertThat(kravia.getAllServeEvents()).anySatisfy(e -> assertThat(e.getRequest().getUrl())
                .isEqualTo("/api/v2/invoice/" + agencyClaim + "/actions/Withdraw"));
        screenshot("claim-recalled");

        // the payouts the sandbox agency reported, and how they were booked
        await().atMost(Duration.ofSeconds(90)).until(() -> api(HttpMethod.GET, "/api/v1/tenants/demo/settlements").size() > 0);
        browser.driver.get(url("/tenants/demo/payouts?lang=en"));
        navigate(By.cssSelector("#payouts tbody tr a"));
        assertThat(browser.driver.findElements(By.cssSelector("#payout-lines tbody tr"))).isNotEmpty();
        screenshot("payout");

        // the three-way reconciliation, started on its page: what it shows is what the API has
        browser.driver.get(url("/tenants/demo/reconciliations?lang=en"));
        navigate(By.id("start-button"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            browser.driver.navigate().refresh();
            return "DONE".equals(browser.driver.findElement(By.id("recon-status")).getAttribute("data-status"));
        });
        String runPath = java.net.URI.create(browser.driver.getCurrentUrl()).getPath();
        JsonNode run = api(HttpMethod.GET, "/api/v1" + runPath);
        assertThat(browser.driver.findElement(By.id("recon-claims")).getText()).isEqualTo(run.path("claims").asText());
        assertThat(browser.driver.findElements(By.cssSelector("#differences tbody tr"))).hasSize(run.path("differences").size());
        assertThat(browser.driver.findElements(By.cssSelector("#totals tbody tr"))).hasSize(run.path("totals").size());
        screenshot("reconciliation");

        // another tenant: 403, nothing of it
        browser.driver.get(url("/tenants/demo-promentor/overview?lang=en"));
        assertThat(browser.driver.findElement(By.id("error-message")).getText()).startsWith("You do not have access");
        assertThat(browser.driver.getPageSource()).doesNotContain("Promentor");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndThePagesFitAPhone() throws Exception {
        for (int i = 0; i < 5; i++) {
            signIn("demo-promentor", "not the password " + i);
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
        }
        // locked: the right password is refused too, with the same words (nothing says which usernames exist)
        signIn("demo-promentor", password);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
        assertThat(browser.driver.findElement(By.id("login-error")).getText()).startsWith("Inloggningen misslyckades");

        // at a phone's width (390 px) the pages do not scroll sideways: wide tables scroll in their own box
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        signIn("demo", password);
        for (String page : List.of("/tenants/demo/overview", "/tenants/demo/claims", "/tenants/demo/claims/1001", "/tenants/demo/preview",
                "/tenants/demo/reconciliations")) {
            browser.driver.get(url(page + "?lang=en"));
            // the widest element that sticks out, named in the message should one do
            Object wider = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("""
                    const w = window.innerWidth; let worst = null;
                    for (const e of document.querySelectorAll('body *')) {
                      const r = e.getBoundingClientRect();
                      if (r.right > w + 1) { worst = e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right); break; }
                    }
                    return document.documentElement.scrollWidth <= w ? null : (worst || 'the page');""");
            assertThat(wider).as(page).isNull();
        }
        screenshot("phone-preview");
    }

    @Test
    void theAdminCreatesATenantInTheFormSeesFieldErrorsAndTestsItsConnection() throws Exception {
        signIn("admin", password);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/tenants");
        browser.driver.get(url("/tenants?lang=en"));
        navigate(By.id("new-tenant"));
        type("f-id", "browser-made");
        type("f-name", "Browser Made AB");
        type("f-country", "SE");
        type("f-accounting-procountor-baseUrl", procountor.baseUrl());
        type("f-accounting-procountor-clientId", "sandbox-client");
        type("f-accounting-procountor-clientSecret", "sandbox-client-secret");
        type("f-accounting-procountor-apiKey", "sandbox-api-key");
        new Select(browser.driver.findElement(By.id("agency-system"))).selectByValue("kravia");
        type("f-agency-kravia-baseUrl", kravia.baseUrl());
        type("f-agency-kravia-creditorId", "not a number");
        type("f-agency-kravia-token", "sandbox-agency-token");
        type("f-graceDays", "10");
        type("f-minimumAmount", "100");
        navigate(By.id("save"));

        // refused, beside its input, with what was typed kept (the secrets not)
        assertThat(browser.driver.findElement(By.id("e-agency.kravia.creditorId")).getText()).contains("must be a whole number");
        assertThat(browser.driver.findElement(By.id("f-name")).getAttribute("value")).isEqualTo("Browser Made AB");
        screenshot("settings-field-error");
        type("f-agency-kravia-creditorId", "20001");
        type("f-accounting-procountor-clientSecret", "sandbox-client-secret");
        type("f-accounting-procountor-apiKey", "sandbox-api-key");
        type("f-agency-kravia-token", "sandbox-agency-token");
        navigate(By.id("save"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/tenants/browser-made/settings");
        assertThat(api(HttpMethod.GET, "/api/v1/tenants/browser-made").path("agency").path("creditorId").asLong()).isEqualTo(20001);

        navigate(By.id("test-connection"));
        assertThat(browser.driver.findElement(By.cssSelector("#checks li[data-side=ACCOUNTING]")).getAttribute("data-ok")).isEqualTo("true");
        screenshot("settings");

        browser.driver.get(url("/operations?lang=en"));
        assertThat(browser.driver.findElement(By.cssSelector("#tenant-runs tr[data-tenant=demo]")).getText()).contains("Demo Bygg AB");
        screenshot("operations");
        browser.driver.get(url("/users?lang=en"));
        assertThat(browser.driver.findElement(By.cssSelector("#users tr[data-user=demo]")).getText()).contains("demo");
        screenshot("users");
    }
}
