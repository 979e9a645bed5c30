package eu.indriva.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StartupChecksTest {

    private static String base64Of(int bytes) {
        byte[] k = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            k[i] = (byte) (i * 7 + 1);
        }
        return Base64.getEncoder().encodeToString(k);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void aMissingKeyIsRefusedWithHowToMakeOne(String value) {
        assertThatIllegalStateException().isThrownBy(() -> StartupChecks.secretsKey(value))
                .withMessageContaining("indriva.secrets.key is not set")
                .withMessageContaining("openssl rand -base64 32")
                .withMessageContaining("INDRIVA_SECRETS_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "%%%%", "a", "change-me-please"})
    void aKeyThatIsNotBase64IsRefusedWithHowToMakeOne(String value) {
        assertThatIllegalStateException().isThrownBy(() -> StartupChecks.secretsKey(value))
                .withMessageContaining("not valid base64")
                .withMessageContaining("openssl rand -base64 32");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 24, 31, 33, 64})
    void aKeyOfTheWrongLengthIsRefusedSayingItsLength(int bytes) {
        assertThatIllegalStateException().isThrownBy(() -> StartupChecks.secretsKey(base64Of(bytes)))
                .withMessageContaining("must be 32 bytes")
                .withMessageContaining("it is " + bytes)
                .withMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aValid32ByteKeyPassesAndIsDecoded() {
        String key = base64Of(32);

        assertThat(StartupChecks.secretsKey(key)).isEqualTo(Base64.getDecoder().decode(key)).hasSize(32);
    }

    @Test
    void surroundingWhitespaceFromAnEnvFileIsTolerated() {
        String key = base64Of(32);

        assertThat(StartupChecks.secretsKey("  " + key + "\n")).isEqualTo(Base64.getDecoder().decode(key));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aMissingAdminTokenIsRefused(String token) {
        assertThatIllegalStateException().isThrownBy(() -> StartupChecks.adminToken(token))
                .withMessageContaining("indriva.admin.token is not set")
                .withMessageContaining("openssl rand");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "admin", "123456789012345"})
    void aShortAdminTokenIsRefused(String token) {
        assertThatIllegalStateException().isThrownBy(() -> StartupChecks.adminToken(token))
                .withMessageContaining("shorter than 16")
                .withMessageContaining("openssl rand");
    }

    @Test
    void aLongEnoughAdminTokenPasses() {
        assertThat(StartupChecks.adminToken("1234567890123456")).isEqualTo("1234567890123456");
        assertThat(StartupChecks.adminToken("f".repeat(64))).isEqualTo("f".repeat(64));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void aCountBelowOneIsRefusedNamingTheSetting(int value) {
        assertThatIllegalStateException().isThrownBy(() -> StartupChecks.positive("indriva.poll.max-backlog", value))
                .isInstanceOf(StartupChecks.Misconfigured.class)
                .withMessageContaining("indriva.poll.max-backlog must be at least 1, it is " + value);
        assertThat(StartupChecks.positive("indriva.poll.max-backlog", 1)).isEqualTo(1);
    }
}
