package eu.indriva.agency.promentor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.support.FreePort;
import eu.indriva.support.SftpServer;
import eu.indriva.upstream.UpstreamException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SftpAccount} against a real SFTP server (MINA SSHD): transfers, the pinned host key, logins. */
class SftpAccountTest {

    static SftpServer server;
    static CamelContext camel;

    @BeforeAll
    static void start() throws Exception {
        server = SftpServer.start();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        camel.stop();
    }

    private static eu.indriva.upstream.CircuitBreaker breaker() {
        return new eu.indriva.upstream.CircuitBreaker("sftp test", 1000, Duration.ofSeconds(30), java.time.Clock.systemUTC());
    }

    private static final java.util.List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static SftpAccount account(String fingerprint, String key, String password) {
        return new SftpAccount(camel, new SftpAccount.Login("127.0.0.1", server.port(), SftpServer.USER, fingerprint, key, password),
                Duration.ofSeconds(5), breaker(), refusals::add);
    }

    @Test
    void uploadsUnderATemporaryNameThenRenamesAndReadsListsAndMoves() throws Exception {
        SftpAccount a = account(server.fingerprint(), server.clientPrivateKey(), null);
        byte[] content = "claimRef;amount\n1001;12.50\n".getBytes(StandardCharsets.UTF_8);

        a.upload("/in", "NC_4711_20261205120000_001.csv", content);

        assertThat(Files.readAllBytes(server.root().resolve("in/NC_4711_20261205120000_001.csv"))).isEqualTo(content);
        assertThat(Files.exists(server.root().resolve("in/NC_4711_20261205120000_001.csv.part"))).isFalse();
        assertThat(a.list("/in")).extracting(SftpAccount.RemoteFile::name).contains("NC_4711_20261205120000_001.csv");

        Files.writeString(server.root().resolve("out/KV_4711_20261205121000_001.csv"), "file;lineRef;status;caseNo;message\n");
        assertThat(new String(a.read("/out/KV_4711_20261205121000_001.csv"), StandardCharsets.UTF_8)).startsWith("file;lineRef");
        assertThat(a.list("/out")).extracting(SftpAccount.RemoteFile::name).containsExactly("KV_4711_20261205121000_001.csv");

        a.move("/out/KV_4711_20261205121000_001.csv", "/out/archive/KV_4711_20261205121000_001.csv");
        assertThat(a.list("/out")).isEmpty();
        assertThat(Files.exists(server.root().resolve("out/archive/KV_4711_20261205121000_001.csv"))).isTrue();
    }

    @Test
    void aRepeatedUploadReplacesTheFileWhole() throws Exception {
        SftpAccount a = account(server.fingerprint(), null, SftpServer.PASSWORD);

        a.upload("/in", "DP_4711_20261205120000_002.csv", "first version, longer than the second".getBytes(StandardCharsets.UTF_8));
        a.upload("/in", "DP_4711_20261205120000_002.csv", "second".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(server.root().resolve("in/DP_4711_20261205120000_002.csv"))).isEqualTo("second");
    }

    @Test
    void aServerWithAnotherHostKeyIsRefusedAndNothingIsSent() throws Exception {
        SftpAccount a = account("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, SftpServer.PASSWORD);

        assertThatThrownBy(() -> a.upload("/in", "NC_4711_20261205120000_003.csv", new byte[] {1}))
                .as("nothing sent: the work waits").isInstanceOf(UpstreamException.Busy.class)
                .hasMessageContaining("showed host key " + server.fingerprint())
                .hasMessageContaining("not the pinned SHA256:AAAA");
        assertThat(refusals).anySatisfy(r -> assertThat(r).contains("not the pinned SHA256:AAAA"));
        assertThat(Files.exists(server.root().resolve("in/NC_4711_20261205120000_003.csv.part"))).isFalse();
        assertThat(Files.exists(server.root().resolve("in/NC_4711_20261205120000_003.csv"))).isFalse();
    }

    @Test
    void aWrongPasswordIsAnErrorWithoutTheSecretInIt() {
        SftpAccount a = account(server.fingerprint(), null, "not-the-password");

        assertThatThrownBy(() -> a.list("/in")).isInstanceOf(UpstreamException.class).hasMessageNotContaining("not-the-password");
    }

    @Test
    void aServerThatIsDownIsTransient() {
        SftpAccount a = new SftpAccount(camel, new SftpAccount.Login("127.0.0.1", FreePort.pick(), SftpServer.USER,
                server.fingerprint(), null, SftpServer.PASSWORD), Duration.ofSeconds(2), breaker(), refusals::add);

        assertThatThrownBy(() -> a.list("/in")).isInstanceOf(UpstreamException.Transient.class).hasMessageContaining("cannot be reached");
    }
}
