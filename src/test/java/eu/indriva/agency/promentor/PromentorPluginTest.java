package eu.indriva.agency.promentor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.agency.AgencyService;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.SettingsBlock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** What a tenant's Promentor block must hold, checked by the system's own bean. */
class PromentorPluginTest {

    private static final String PIN = "SHA256:" + "A".repeat(43);
    private final PromentorPlugin plugin = new PromentorPlugin(null, null, null, null, null, null, 500, Duration.ofHours(24),
            Duration.ofMinutes(5), Duration.ofSeconds(30));

    private static Map<String, Object> block() {
        Map<String, Object> m = new HashMap<>();
        m.put("system", "promentor");
        m.put("host", "sftp.promentor.example");
        m.put("user", "creditor-4711");
        m.put("hostKeyFingerprint", PIN);
        m.put("creditorNo", "4711");
        m.put("privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----\n...");
        return m;
    }

    private Map<String, Object> read(Map<String, Object> in) {
        SettingsBlock b = new SettingsBlock("agency", in);
        plugin.readSettings(b);
        return b.settings(plugin.name(), plugin.secretFields());
    }

    private static void assertBadField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo(field));
    }

    @Test
    void keepsTheAccountWithPort22ByDefaultAndNoSecret() {
        assertThat(read(block())).isEqualTo(Map.of("host", "sftp.promentor.example", "port", 22L, "user", "creditor-4711",
                "hostKeyFingerprint", PIN, "creditorNo", "4711"));
    }

    @Test
    void aCreditorNumberSentAsANumberIsKeptAsDigits() {
        Map<String, Object> in = block();
        in.put("creditorNo", 4711);
        in.put("port", 2222);

        assertThat(read(in)).containsEntry("creditorNo", "4711").containsEntry("port", 2222L);
    }

    @Test
    void refusals() {
        for (Object[] bad : new Object[][] {{"host", "sftp://x.example"}, {"host", "a b"}, {"port", 0}, {"port", 70000},
                {"hostKeyFingerprint", "MD5:aa:bb"}, {"hostKeyFingerprint", "SHA256:short"}, {"creditorNo", "47-11"},
                {"creditorNo", 47.5}, {"user", " "}}) {
            Map<String, Object> in = block();
            in.put((String) bad[0], bad[1]);
            assertBadField(() -> read(in), "agency." + bad[0]);
        }
        Map<String, Object> kraviaField = block();
        kraviaField.put("baseUrl", "https://api.kravia.ai");
        assertBadField(() -> read(kraviaField), "agency.baseUrl");
    }

    @Test
    void aPrivateKeyOrAPasswordIsRequiredAndAKeyMustLookLikeOne() {
        assertBadField(() -> plugin.checkSecrets(Map.of(), "is required when the tenant is created"), "agency.privateKey");
        plugin.checkSecrets(Map.of("password", "pw"), "x");
        plugin.checkSecrets(Map.of("privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl"), "x");
        assertBadField(() -> plugin.checkSecrets(Map.of("privateKey", "ssh-rsa AAAA"), "x"), "agency.privateKey");
    }

    @Test
    void accountEndpointAndServices() {
        Map<String, Object> settings = read(block());

        assertThat(plugin.account(settings)).isEqualTo("creditor 4711");
        assertThat(plugin.endpoint(settings).uri().toString()).isEqualTo("sftp://sftp.promentor.example:22");
        assertThat(plugin.services()).containsExactlyInAnyOrder(AgencyService.INVOICE, AgencyService.REMINDER, AgencyService.COLLECTION);
        assertThat(plugin.syncInterval()).contains(Duration.ofMinutes(5));
    }
}
