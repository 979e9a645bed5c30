package eu.indriva.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private final SecretCipher cipher = new SecretCipher(key());

    @Test
    void roundTrips() {
        for (String secret : new String[] {"s3cr3t", "", "åäö ünïcødé 🔑", "x".repeat(5_000)}) {
            assertThat(cipher.decrypt(cipher.encrypt(secret))).isEqualTo(secret);
        }
    }

    @Test
    void theStoredFormDoesNotContainThePlaintext() {
        String stored = cipher.encrypt("procountor-client-secret");

        assertThat(stored).doesNotContain("procountor-client-secret");
        assertThat(new String(Base64.getDecoder().decode(stored), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("procountor-client-secret");
    }

    @Test
    void twoEncryptionsOfTheSameTextDiffer() {
        String a = cipher.encrypt("same");
        String b = cipher.encrypt("same");

        assertThat(a).isNotEqualTo(b);
        // the first 12 bytes are the random iv
        assertThat(java.util.Arrays.copyOf(Base64.getDecoder().decode(a), 12))
                .isNotEqualTo(java.util.Arrays.copyOf(Base64.getDecoder().decode(b), 12));
        assertThat(cipher.decrypt(a)).isEqualTo(cipher.decrypt(b)).isEqualTo("same");
    }

    @Test
    void theFormatIsIvThenCiphertextAndTag() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("abc"));

        assertThat(raw).hasSize(12 + 3 + 16);
    }

    @Test
    void tamperingWithTheCiphertextIsDetected() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("token-123"));
        for (int position : new int[] {0, 12, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[position] ^= 0x01;
            String stored = Base64.getEncoder().encodeToString(tampered);

            assertThatThrownBy(() -> cipher.decrypt(stored)).as("flipped bit at %d", position)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("indriva.secrets.key");
        }
    }

    @Test
    void aDifferentKeyCannotDecrypt() {
        String stored = cipher.encrypt("token-123");

        assertThatThrownBy(() -> new SecretCipher(key()).decrypt(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was indriva.secrets.key changed?");
    }

    @Test
    void theSameKeyInAnotherInstanceDecrypts() {
        byte[] k = key();

        assertThat(new SecretCipher(k.clone()).decrypt(new SecretCipher(k).encrypt("kept"))).isEqualTo("kept");
    }

    @Test
    void refusesAKeyThatIsNot256Bits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretCipher(new byte[16]));
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretCipher(new byte[31]));
    }
}
