package eu.indriva.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Browser;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;

/**
 * The client web in a real browser (Debian's chromium and chromium-driver, headless): sign in with a
 * wrong and a right password, follow and filter the claims, export what the filter shows, and meet a
 * 403 on another tenant's page. Each step leaves a screenshot in target/screenshots/. Skipped, with
 * the reason, where chromium or chromium-driver is not installed (.ci/run installs both).
 */
class BrowserTest extends AppTestBase {

    static final String PASSWORD = "browser test password";

    Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(port, 900);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void screenshot(String name) throws Exception {
        browser.screenshot(name);
    }

    private String url(String path) {
        return browser.url(path);
    }

    private void signIn(String username, String password) {
        browser.signIn(username, password);
    }

    private void navigate(By what) {
        browser.navigate(what);
    }

    @Test
    void aCreditorSignsInFollowsAndFiltersItsClaimsExportsThemAndCannotReachAnotherTenant() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        List<Invoice> invoices = List.of(Invoice.overdue(String.valueOf(s.n * 100 + 1)),
                Invoice.overdue(String.valueOf(s.n * 100 + 2)).withTotal("4800.00"),
                Invoice.overdue(String.valueOf(s.n * 100 + 3)).withCurrency("EUR").withTotal("99.50"));
        s.standard(invoices.toArray(Invoice[]::new));
        String tenant = createTenant(s);
        poll(tenant);
        for (Invoice i : invoices) {
            awaitStatus(tenant, i.id(), "REGISTERED");
        }
        Upstreams.Slice other = Upstreams.slice();
        other.standard(Invoice.overdue(String.valueOf(other.n * 100 + 1)));
        String otherTenant = createTenant(other);
        String user = "browser-" + s.n;
        assertThat(api(HttpMethod.PUT, "/api/v1/users/" + user,
                "{\"role\":\"CREDITOR\",\"tenantId\":\"" + tenant + "\",\"password\":\"" + PASSWORD + "\"}").getStatusCode().value())
                .isEqualTo(201);

        // a wrong password: the form says so, in Swedish first
        signIn(user, "not the password");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
        assertThat(browser.driver.findElement(By.id("login-error")).getText()).startsWith("Inloggningen misslyckades");
        screenshot("login-failed");

        // the right one, in the same browser session: the tenant's overview, then its claims
        signIn(user, PASSWORD);
        assertThat(browser.driver.getCurrentUrl()).as("after the right password: %s", browser.driver.getPageSource())
                .endsWith("/tenants/" + tenant + "/overview");
        assertThat(browser.driver.findElement(By.id("buckets")).getText()).contains("Hos inkassobolaget");
        assertThat(browser.driver.findElements(By.cssSelector(".chart svg rect"))).isNotEmpty();
        screenshot("overview");
        navigate(By.linkText("Ärenden"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/tenants/" + tenant + "/claims");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#claims tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(browser.driver.findElement(By.id("total")).getText()).isEqualTo("3 ärenden");
        assertThat(browser.driver.findElement(By.id("claims")).getText()).contains("4 800,00 SEK").contains("99,50 EUR");
        screenshot("claims");

        // in English, filtered to EUR
        browser.driver.get(url("/tenants/" + tenant + "/claims?lang=en"));
        new Select(browser.driver.findElement(By.id("f-currency"))).selectByValue("EUR");
        navigate(By.id("apply"));
        assertThat(browser.driver.findElements(By.cssSelector("#claims tbody tr"))).hasSize(1);
        assertThat(browser.driver.findElement(By.id("total")).getText()).isEqualTo("1 claim");
        assertThat(browser.driver.findElement(By.id("claims")).getText()).contains("N" + (s.n * 100 + 3)).contains("99.50 EUR");
        screenshot("claims-filtered");

        // the export link carries the filter: its rows are the rows shown
        String csvHref = browser.driver.findElement(By.id("csv")).getAttribute("href");
        String session = browser.driver.manage().getCookieNamed("INDRIVA_SESSION").getValue();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvHref))
                .header("Cookie", "INDRIVA_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
        List<String> lines = csv.body().lines().skip(1).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("N" + (s.n * 100 + 3) + ";");

        // one claim: its history, and a recall asked for (the confirmation first)
        navigate(By.linkText("N" + (s.n * 100 + 3)));
        assertThat(browser.driver.findElement(By.id("history")).getText()).contains("REGISTERED");
        assertThat(browser.driver.findElement(By.id("amounts")).getText()).contains("99.50 EUR");
        navigate(By.id("action-pause"));
        assertThat(browser.driver.findElement(By.id("confirm-text")).getText()).isEqualTo("Ask the agency to pause collecting this claim?");
        screenshot("claim-confirm");

        // another tenant's page: 403, and nothing of it
        browser.driver.get(url("/tenants/" + otherTenant + "/claims?lang=en"));
        assertThat(browser.driver.findElement(By.id("error-message")).getText()).startsWith("You do not have access");
        JsonNode otherJson = api(HttpMethod.GET, "/api/v1/tenants/" + otherTenant, null).getBody();
        assertThat(browser.driver.getPageSource()).doesNotContain(otherJson.path("name").asText()).doesNotContain("N" + (other.n * 100 + 1));
        screenshot("forbidden");

        // signing out ends the session
        browser.driver.get(url("/tenants/" + tenant + "/claims"));
        navigate(By.cssSelector("header form button"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login?signedOut");
        browser.driver.get(url("/tenants/" + tenant + "/claims"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
    }
}
