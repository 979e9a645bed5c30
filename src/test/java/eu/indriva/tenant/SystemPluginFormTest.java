package eu.indriva.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.accounting.AccountingPlugin;
import eu.indriva.accounting.procountor.ProcountorPlugin;
import eu.indriva.agency.kravia.KraviaPlugin;
import eu.indriva.agency.promentor.PromentorPlugin;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings form shows what each system's bean reads: its settings are exactly the fields
 * {@code readSettings} reads from a valid block, and its secrets exactly {@code secretFields}. A
 * setting added to a plugin without its form field (or the reverse) fails here.
 */
class SystemPluginFormTest {

    static Stream<Arguments> plugins() {
        return Stream.of(
                Arguments.of(new ProcountorPlugin(new AccountingPlugin.RateLimit(20, Duration.ofMillis(500))),
                        Map.of("baseUrl", "https://api.procountor.example", "clientId", "c", "redirectUri", "https://x.example/cb")),
                Arguments.of(new KraviaPlugin(), Map.of("baseUrl", "https://api.kravia.example", "creditorId", 10759L)),
                Arguments.of(new PromentorPlugin(null, null, null, null, null, null, 500, Duration.ofHours(24), Duration.ofMinutes(5),
                                Duration.ofSeconds(30)),
                        Map.of("host", "sftp.promentor.example", "port", 2222L, "user", "u", "hostKeyFingerprint",
                                "SHA256:" + "A".repeat(43), "creditorNo", "4711")));
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void theFormHasEverySettingAndSecretOfTheSystemAndNothingElse(SystemPlugin plugin, Map<String, Object> validBlock) {
        SettingsBlock block = new SettingsBlock("block", validBlock);
        plugin.readSettings(block);

        Set<String> formSettings = plugin.formFields().stream().filter(f -> !f.secret()).map(SystemPlugin.FormField::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> formSecrets = plugin.formFields().stream().filter(SystemPlugin.FormField::secret).map(SystemPlugin.FormField::name)
                .collect(Collectors.toSet());
        assertThat(formSettings).as(plugin.system() + "'s settings").containsExactlyInAnyOrderElementsOf(block.read());
        assertThat(formSecrets).as(plugin.system() + "'s secrets").containsExactlyInAnyOrderElementsOf(plugin.secretFields());
    }
}
