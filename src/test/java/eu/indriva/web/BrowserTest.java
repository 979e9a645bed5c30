package eu.indriva.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.Upstreams;
import eu.indriva.support.Upstreams.Invoice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String PASSWORD = "browser test password";


    WebDriver browser;

    @BeforeEach
    void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); .ci/run installs them");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=sv");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void signIn(String username, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        navigate(By.cssSelector("form.card button[type=submit]"));
    }

    /**
     * Clicks what leads to another page and waits until that page is there: a click returns before the
     * browser has loaded the answer (and followed its redirects), and reading the old page then fails now and then.
     */
    private void navigate(By what) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(what).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(old));
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
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
        assertThat(browser.getCurrentUrl()).endsWith("/login?error");
        assertThat(browser.findElement(By.id("login-error")).getText()).startsWith("Inloggningen misslyckades");
        screenshot("login-failed");

        // the right one, in the same browser session: the tenant's overview, then its claims
        signIn(user, PASSWORD);
        assertThat(browser.getCurrentUrl()).as("after the right password: %s", browser.getPageSource())
                .endsWith("/tenants/" + tenant + "/overview");
        assertThat(browser.findElement(By.id("buckets")).getText()).contains("Hos inkassobolaget");
        assertThat(browser.findElements(By.cssSelector(".chart svg rect"))).isNotEmpty();
        screenshot("overview");
        navigate(By.linkText("Ärenden"));
        assertThat(browser.getCurrentUrl()).endsWith("/tenants/" + tenant + "/claims");
        List<WebElement> rows = browser.findElements(By.cssSelector("#claims tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("3 ärenden");
        assertThat(browser.findElement(By.id("claims")).getText()).contains("4 800,00 SEK").contains("99,50 EUR");
        screenshot("claims");

        // in English, filtered to EUR
        browser.get(url("/tenants/" + tenant + "/claims?lang=en"));
        new Select(browser.findElement(By.id("f-currency"))).selectByValue("EUR");
        navigate(By.id("apply"));
        assertThat(browser.findElements(By.cssSelector("#claims tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("1 claim");
        assertThat(browser.findElement(By.id("claims")).getText()).contains("N" + (s.n * 100 + 3)).contains("99.50 EUR");
        screenshot("claims-filtered");

        // the export link carries the filter: its rows are the rows shown
        String csvHref = browser.findElement(By.id("csv")).getAttribute("href");
        String session = browser.manage().getCookieNamed("INDRIVA_SESSION").getValue();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvHref))
                .header("Cookie", "INDRIVA_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
        List<String> lines = csv.body().lines().skip(1).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("N" + (s.n * 100 + 3) + ";");

        // one claim: its history, and a recall asked for (the confirmation first)
        navigate(By.linkText("N" + (s.n * 100 + 3)));
        assertThat(browser.findElement(By.id("history")).getText()).contains("REGISTERED");
        assertThat(browser.findElement(By.id("amounts")).getText()).contains("99.50 EUR");
        navigate(By.id("action-pause"));
        assertThat(browser.findElement(By.id("confirm-text")).getText()).isEqualTo("Ask the agency to pause collecting this claim?");
        screenshot("claim-confirm");

        // another tenant's page: 403, and nothing of it
        browser.get(url("/tenants/" + otherTenant + "/claims?lang=en"));
        assertThat(browser.findElement(By.id("error-message")).getText()).startsWith("You do not have access");
        JsonNode otherJson = api(HttpMethod.GET, "/api/v1/tenants/" + otherTenant, null).getBody();
        assertThat(browser.getPageSource()).doesNotContain(otherJson.path("name").asText()).doesNotContain("N" + (other.n * 100 + 1));
        screenshot("forbidden");

        // signing out ends the session
        browser.get(url("/tenants/" + tenant + "/claims"));
        navigate(By.cssSelector("header form button"));
        assertThat(browser.getCurrentUrl()).endsWith("/login?signedOut");
        browser.get(url("/tenants/" + tenant + "/claims"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }
}
