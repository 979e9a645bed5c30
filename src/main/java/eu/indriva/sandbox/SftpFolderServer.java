package eu.indriva.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) for one account, serving one folder as its root. The host
 * key is generated into a file at first start and read from it afterwards, so a restarted server
 * shows the same key (what a tenant pins). Used by the sandbox as Promentor's server, and by the
 * tests.
 */
public final class SftpFolderServer implements AutoCloseable {

    /** The one account: a password, an accepted public key, or both (null: that way is refused). */
    public record Account(String user, String password, PublicKey key) {
    }

    /** A client key pair: the private key as PEM (what a tenant stores) and the public key as an authorized_keys line. */
    public record ClientKey(String privatePem, String publicLine) {

        public PublicKey publicKey() {
            try {
                return AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicLine.trim()).resolvePublicKey(null, null);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("not a public key: " + e.getMessage(), e);
            }
        }
    }

    private final SshServer server;
    private final Path root;
    private final PublicKey hostKey;

    private SftpFolderServer(SshServer server, Path root, PublicKey hostKey) {
        this.server = server;
        this.root = root;
        this.hostKey = hostKey;
    }

    /**
     * Starts a server on {@code host:port} (port 0: any free one) serving {@code root}; {@code listener}
     * (may be null) hears of what clients do, e.g. each rename.
     */
    public static SftpFolderServer start(String host, int port, Path root, Path hostKeyFile, Account account,
                                         SftpEventListener listener) {
        try {
            Files.createDirectories(root);
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost(host);
            sshd.setPort(port);
            SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
            keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            sshd.setKeyPairProvider(keys);
            if (account.password() != null) {
                sshd.setPasswordAuthenticator((u, p, s) -> account.user().equals(u) && account.password().equals(p));
            }
            if (account.key() != null) {
                sshd.setPublickeyAuthenticator((u, k, s) -> account.user().equals(u) && KeyUtils.compareKeys(account.key(), k));
            }
            SftpSubsystemFactory sftp = new SftpSubsystemFactory();
            if (listener != null) {
                sftp.addSftpEventListener(listener);
            }
            sshd.setSubsystemFactories(List.of(sftp));
            sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
            sshd.start();
            PublicKey hostKey = keys.loadKeys(null).iterator().next().getPublic();
            return new SftpFolderServer(sshd, root, hostKey);
        } catch (IOException e) {
            throw new IllegalStateException("the SFTP server on " + host + ":" + port + " did not start: " + e.getMessage(), e);
        }
    }

    /** A new RSA 3072 client key pair. */
    public static ClientKey generateClientKey(String comment) {
        try {
            com.jcraft.jsch.KeyPair pair = com.jcraft.jsch.KeyPair.genKeyPair(new com.jcraft.jsch.JSch(), com.jcraft.jsch.KeyPair.RSA, 3072);
            ByteArrayOutputStream priv = new ByteArrayOutputStream();
            pair.writePrivateKey(priv);
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            pair.writePublicKey(pub, comment);
            return new ClientKey(priv.toString(StandardCharsets.US_ASCII), pub.toString(StandardCharsets.US_ASCII).trim());
        } catch (com.jcraft.jsch.JSchException e) {
            throw new IllegalStateException("no client key generated: " + e.getMessage(), e);
        }
    }

    /** The key pair kept in {@code folder} (client_key, client_key.pub), generated there the first time. */
    public static ClientKey clientKeyIn(Path folder, String comment) {
        Path priv = folder.resolve("client_key");
        Path pub = folder.resolve("client_key.pub");
        try {
            if (!Files.exists(priv) || !Files.exists(pub)) {
                Files.createDirectories(folder);
                ClientKey key = generateClientKey(comment);
                Files.writeString(pub, key.publicLine() + "\n", StandardCharsets.US_ASCII);
                Files.writeString(priv, key.privatePem(), StandardCharsets.US_ASCII);
                if (priv.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    // ssh and sftp refuse a private key others can read
                    Files.setPosixFilePermissions(priv, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                }
                return key;
            }
            return new ClientKey(Files.readString(priv, StandardCharsets.US_ASCII), Files.readString(pub, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("the client key in " + folder + " cannot be kept", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** {@code SHA256:...} of the server's host key, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey);
    }

    /** The folder served ({@code root().resolve("in")} is {@code /in}). */
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
