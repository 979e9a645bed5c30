package eu.indriva.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) for one account, on a free port, serving a temporary folder
 * with {@code /in}, {@code /out} and {@code /out/archive}. Password and public-key login; its host
 * key is generated at start, and {@link #fingerprint()} is what a tenant pins.
 */
public final class SftpServer implements AutoCloseable {

    public static final String USER = "creditor-4711";
    public static final String PASSWORD = "sftp-test-password";

    private final SshServer server;
    private final Path root;
    private final PublicKey hostKey;
    /** An OpenSSH private key (PEM) the server accepts for {@link #USER}. */
    private final String clientPrivateKey;

    private final int port;

    private SftpServer(SshServer server, Path root, PublicKey hostKey, String clientPrivateKey) {
        this.port = server.getPort();
        this.server = server;
        this.root = root;
        this.hostKey = hostKey;
        this.clientPrivateKey = clientPrivateKey;
    }

    public static SftpServer start() {
        return start(FreePort.pick());
    }

    /** On a given port (a restart of a server that was down keeps its port). */
    public static SftpServer start(int port) {
        try {
            Path root = Files.createTempDirectory("promentor-sftp");
            for (String d : List.of("in", "out", "out/archive")) {
                Files.createDirectories(root.resolve(d));
            }
            return start(port, root, root.resolve("hostkey.ser"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SftpServer start(int port, Path root, Path hostKeyFile) throws IOException {
        com.jcraft.jsch.JSch jsch = new com.jcraft.jsch.JSch();
        com.jcraft.jsch.KeyPair pair;
        try {
            pair = com.jcraft.jsch.KeyPair.genKeyPair(jsch, com.jcraft.jsch.KeyPair.RSA, 3072);
        } catch (com.jcraft.jsch.JSchException e) {
            throw new IOException(e);
        }
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        pair.writePrivateKey(priv);
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        pair.writePublicKey(pub, "test");
        PublicKey accepted;
        try {
            accepted = AuthorizedKeyEntry.parseAuthorizedKeyEntry(pub.toString(StandardCharsets.US_ASCII).trim())
                    .resolvePublicKey(null, null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((u, p, s) -> USER.equals(u) && PASSWORD.equals(p));
        sshd.setPublickeyAuthenticator((u, k, s) -> USER.equals(u) && KeyUtils.compareKeys(accepted, k));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        SftpServer[] self = new SftpServer[1];
        sftp.addSftpEventListener(new org.apache.sshd.sftp.server.SftpEventListener() {
            @Override
            public void moving(org.apache.sshd.server.session.ServerSession session, Path src, Path dst,
                               java.util.Collection<java.nio.file.CopyOption> opts) throws IOException {
                RenameHook hook = self[0] == null ? null : self[0].beforeRename;
                if (hook != null) {
                    hook.moving(src.getFileName().toString(), dst.getFileName().toString());
                }
            }

            @Override
            public void moved(org.apache.sshd.server.session.ServerSession session, Path src, Path dst,
                              java.util.Collection<java.nio.file.CopyOption> opts, Throwable thrown) throws IOException {
                RenameHook hook = self[0] == null ? null : self[0].afterRename;
                if (hook != null && thrown == null) {
                    hook.moving(src.getFileName().toString(), dst.getFileName().toString());
                }
            }
        });
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        PublicKey hostKey = keys.loadKeys(null).iterator().next().getPublic();
        SftpServer server = new SftpServer(sshd, root, hostKey, priv.toString(StandardCharsets.US_ASCII));
        self[0] = server;
        return server;
    }

    /** Called by the server before it renames a file (names without folders); throwing makes the rename fail. */
    @FunctionalInterface
    public interface RenameHook {
        void moving(String from, String to) throws IOException;
    }

    private volatile RenameHook beforeRename;

    /** Sets (or, with null, clears) what happens before each rename, for tests of the moment between upload and rename. */
    public void beforeRename(RenameHook hook) {
        this.beforeRename = hook;
    }

    private volatile RenameHook afterRename;

    /** Sets (or clears) what happens after a rename, before the client hears of it. */
    public void afterRename(RenameHook hook) {
        this.afterRename = hook;
    }

    /** A new server on the same port, folder and host key (after {@link #stop()}: a server that was down comes back). */
    public SftpServer restart() {
        try {
            return start(port, root, root.resolve("hostkey.ser"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code SHA256:...} of the server's host key, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey);
    }

    public String clientPrivateKey() {
        return clientPrivateKey;
    }

    /** The server's folder ({@code root.resolve("in")} is {@code /in}). */
    public Path root() {
        return root;
    }

    public void stop() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
