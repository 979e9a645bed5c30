package eu.indriva.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlRulesTest {

    private final UrlRules production = new UrlRules(false, List.of(), List.of());
    private final UrlRules sandbox = new UrlRules(true, List.of(), List.of());

    private static String problem(UrlRules rules, String url) {
        return rules.problemResolved(URI.create(url), UrlRules.System.AGENCY).orElse(null);
    }

    @Test
    void productionTakesHttpsToPublicHostsOnly() {
        assertThat(problem(production, "https://api.kravia.ai")).isNull();
        assertThat(problem(production, "https://203.0.113.10/api")).isNull();
        assertThat(problem(production, "http://api.kravia.ai")).contains("must use https").contains("allow-insecure-urls");
        assertThat(problem(production, "https://localhost:8443")).contains("this machine");
        assertThat(problem(production, "https://127.0.0.1")).contains("this machine");
        assertThat(problem(production, "https://[::1]/x")).contains("this machine");
    }

    @Test
    void linkLocalAndMetadataAddressesAreRefusedEvenInTheSandbox() {
        for (UrlRules rules : List.of(production, sandbox)) {
            assertThat(problem(rules, "https://169.254.169.254/latest/meta-data")).contains("link-local");
            assertThat(problem(rules, "https://169.254.1.1")).contains("link-local");
            assertThat(problem(rules, "https://[fd00:ec2::254]/")).contains("fd00::/8");
            assertThat(problem(rules, "https://[fe80::1]/")).contains("link-local");
            assertThat(problem(rules, "https://metadata.google.internal/computeMetadata")).contains("metadata");
            assertThat(problem(rules, "https://0.0.0.0/")).contains("unspecified");
        }
    }

    @Test
    void theSandboxMayUsePlainHttpOnLoopback() {
        assertThat(problem(sandbox, "http://localhost:18082")).isNull();
        assertThat(problem(sandbox, "http://127.0.0.1:18082")).isNull();
    }

    @Test
    void anAllowListLimitsTheHostsPerSystem() {
        UrlRules listed = new UrlRules(false, List.of("api.procountor.com", "*.procountor.fi"), List.of(" API.Kravia.ai "));
        assertThat(listed.problem(URI.create("https://api.procountor.com/latest/api"), UrlRules.System.ACCOUNTING)).isEmpty();
        assertThat(listed.problem(URI.create("https://pts.procountor.fi"), UrlRules.System.ACCOUNTING)).isEmpty();
        assertThat(listed.problem(URI.create("https://api.kravia.ai"), UrlRules.System.ACCOUNTING).orElseThrow())
                .contains("indriva.accounting.allowed-hosts");
        assertThat(listed.problem(URI.create("https://api.kravia.ai"), UrlRules.System.AGENCY)).isEmpty();
        assertThat(listed.problem(URI.create("https://evil.example"), UrlRules.System.AGENCY).orElseThrow())
                .contains("not in indriva.agency.allowed-hosts");
    }

    @Test
    void aNameThatDoesNotResolveIsLeftToTheCall() {
        // a name that does not resolve (now) passes here; the call is checked again when it is made
        assertThat(problem(production, "https://no-such-host.invalid")).isNull();
    }
}
