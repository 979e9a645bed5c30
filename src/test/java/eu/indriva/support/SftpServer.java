package eu.indriva.support;

import eu.indriva.sandbox.SftpFolderServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * A real SFTP server (Apache MINA SSHD, through {@link SftpFolderServer}) for one account, on a free
 * port, serving a temporary folder with {@code /in}, {@code /out} and {@code /out/archive}. Password
 * and public-key login; its host key is generated at start, and {@link #fingerprint()} is what a
 * tenant pins. Hooks around each rename let a test act between an upload and its rename.
 */
public final class SftpServer implements AutoCloseable {

    public static final String USER = "creditor-4711";
    public static final String PASSWORD = "sftp-test-password";

    private final SftpFolderServer server;
    /** An OpenSSH private key (PEM) the server accepts for {@link #USER}. */
    private final SftpFolderServer.ClientKey clientKey;

    private SftpServer(Path root, int port, SftpFolderServer.ClientKey clientKey) {
        this.clientKey = clientKey;
        this.server = SftpFolderServer.start("127.0.0.1", port, root, root.resolve("hostkey.ser"),
                new SftpFolderServer.Account(USER, PASSWORD, clientKey.publicKey()), new SftpEventListener() {
                    @Override
                    public void moving(ServerSession session, Path src, Path dst, Collection<CopyOption> opts) throws IOException {
                        RenameHook hook = beforeRename;
                        if (hook != null) {
                            hook.moving(src.getFileName().toString(), dst.getFileName().toString());
                        }
                    }

                    @Override
                    public void moved(ServerSession session, Path src, Path dst, Collection<CopyOption> opts, Throwable thrown)
                            throws IOException {
                        RenameHook hook = afterRename;
                        if (hook != null && thrown == null) {
                            hook.moving(src.getFileName().toString(), dst.getFileName().toString());
                        }
                    }
                });
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
            return new SftpServer(root, port, SftpFolderServer.generateClientKey("test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A new server on the same port, folder, host key and client key (after {@link #stop()}: a server that was down comes back). */
    public SftpServer restart() {
        return new SftpServer(root(), port(), clientKey);
    }

    public int port() {
        return server.port();
    }

    /** {@code SHA256:...} of the server's host key, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() {
        return server.fingerprint();
    }

    public String clientPrivateKey() {
        return clientKey.privatePem();
    }

    /** The server's folder ({@code root.resolve("in")} is {@code /in}). */
    public Path root() {
        return server.root();
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
