package eu.indriva.agency.promentor;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import eu.indriva.upstream.UpstreamException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;

/**
 * One tenant's SFTP account at Promentor, through Camel's SFTP component (camel-ftp). Each call
 * opens a session and closes it: the exchange is a few files a day per tenant.
 *
 * <p>The server's host key is pinned by its SHA-256 fingerprint (as {@code ssh-keygen -lf} prints it).
 * Before the first transfer, the server's key is read and compared; a server with another key is
 * refused, never accepted: the call fails as
 * {@link UpstreamException.Busy} (nothing was sent; the work waits) and the refusal is reported to
 * {@code onRefused} (the tenant needs attention until its settings are saved again). The key that matched is then handed to the
 * SFTP component as its only known host, with strict checking, so every later session is checked
 * against it too. Secrets never go into an endpoint URI (which Camel may log).
 */
public final class SftpAccount {

    /** What the tenant's settings and secrets say about the account. */
    public record Login(String host, int port, String user, String hostKeyFingerprint, String privateKey, String password) {

        @Override
        public String toString() {
            return "Login[" + user + "@" + host + ":" + port + "]";
        }
    }

    /** How long work waits after the server showed another host key (the tenant must be saved again). */
    static final Duration REFUSED_WAIT = Duration.ofMinutes(1);

    /** A file in a folder. */
    public record RemoteFile(String name, long size) {}

    private final CamelContext camel;
    private final Login login;
    private final Duration timeout;
    /** The known_hosts line of the key that matched the pin; read once. */
    private final AtomicReference<byte[]> knownHosts = new AtomicReference<>();

    private final java.util.function.Consumer<String> onRefused;

    private final eu.indriva.upstream.CircuitBreaker breaker;

    /**
     * @param breaker the server's circuit: a server that is down opens it, and work then waits for
     *                its trial without spending attempts (health shows it open)
     * @param onRefused told why, when the server shows a host key other than the pinned one
     */
    public SftpAccount(CamelContext camel, Login login, Duration timeout, eu.indriva.upstream.CircuitBreaker breaker,
                       java.util.function.Consumer<String> onRefused) {
        this.breaker = breaker;
        this.onRefused = onRefused;
        this.camel = camel;
        this.login = login;
        this.timeout = timeout;
    }

    /** Uploads under {@code <name>.part}, then renames to {@code <name>}: Promentor reads only the whole file. */
    public void upload(String folder, String name, byte[] content) {
        uploadAll(folder, List.of(new PromentorStore.Upload(name, content)));
    }

    /** Uploads files in one session, in their order, each as {@link #upload} does. */
    public void uploadAll(String folder, List<PromentorStore.Upload> files) {
        run(ops -> {
            for (PromentorStore.Upload f : files) {
                put(ops, folder, f.name(), f.content());
            }
            return null;
        });
    }

    private void put(SftpOperations ops, String folder, String name, byte[] content) {
        String part = folder + "/" + name + ".part";
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(new ByteArrayInputStream(content), InputStream.class);
        if (!ops.storeFile(part, ex, content.length)) {
            throw new UpstreamException.Transient("could not write " + part);
        }
        // a repeat after a crash may find the earlier upload got as far as the rename: it is replaced whole
        replace(ops, part, folder + "/" + name);
    }

    /**
     * Renames {@code from} to {@code to}, replacing a file of that name (an SFTP rename refuses to
     * overwrite). The rename is tried first: asking whether {@code to} exists would list its whole
     * folder (camel-ftp's existsFile), a cost that grows with every file waiting there.
     */
    private static void replace(SftpOperations ops, String from, String to) {
        try {
            if (ops.renameFile(from, to)) {
                return;
            }
        } catch (GenericFileOperationFailedException e) {
            // most likely a file of that name is there (a repeat after a crash): replaced below
        }
        try {
            ops.deleteFile(to);
        } catch (GenericFileOperationFailedException e) {
            // none there after all: the rename below says what is wrong
        }
        if (!ops.renameFile(from, to)) {
            throw new UpstreamException.Transient("could not move " + from + " to " + to);
        }
    }

    /** The plain files of a folder, by name. */
    public List<RemoteFile> list(String folder) {
        return run(ops -> {
            List<RemoteFile> out = new ArrayList<>();
            for (SftpRemoteFile f : ops.listFiles(folder)) {
                if (!f.isDirectory() && !f.getFilename().equals(".") && !f.getFilename().equals("..")) {
                    out.add(new RemoteFile(f.getFilename(), f.getFileLength()));
                }
            }
            out.sort(java.util.Comparator.comparing(RemoteFile::name));
            return out;
        });
    }

    public byte[] read(String path) {
        return run(ops -> {
            Exchange ex = new DefaultExchange(camel);
            GenericFile<SftpRemoteFile> target = ops.newGenericFile();
            ex.setProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, target);
            if (!ops.retrieveFile(path, ex, -1)) {
                throw new UpstreamException.Transient("could not read " + path);
            }
            Object body = target.getBody();
            return body instanceof byte[] b ? b : camel.getTypeConverter().convertTo(byte[].class, ex, body);
        });
    }

    /** Moves a file (to an archive or error folder), replacing one of that name already there. */
    public void move(String from, String to) {
        run(ops -> {
            int cut = to.lastIndexOf('/');
            if (cut > 0) {
                ops.buildDirectory(to.substring(0, cut), true);
            }
            replace(ops, from, to);
            return null;
        });
    }

    private interface Work<T> {
        T on(SftpOperations ops);
    }

    private <T> T run(Work<T> work) {
        breaker.acquire();
        boolean reported = false;
        try {
            T result = session(work);
            breaker.success();
            reported = true;
            return result;
        } catch (UpstreamException.Busy e) {
            throw e; // the host key was refused: says nothing about the server being up
        } catch (UpstreamException.Transient e) {
            breaker.failure();
            reported = true;
            throw e;
        } finally {
            if (!reported) {
                breaker.abandon();
            }
        }
    }

    private <T> T session(Work<T> work) {
        byte[] known = knownHosts.updateAndGet(k -> k != null ? k : pinnedKey());
        SftpEndpoint endpoint;
        try {
            endpoint = (SftpEndpoint) camel.getComponent("sftp", SftpComponent.class)
                    .createEndpoint("sftp://" + login.host() + ":" + login.port() + "/");
        } catch (Exception e) {
            throw new IllegalStateException("cannot make an SFTP endpoint for " + login, e);
        }
        var conf = endpoint.getConfiguration();
        conf.setUsername(login.user());
        if (login.privateKey() != null) {
            conf.setPrivateKey(login.privateKey().getBytes(StandardCharsets.US_ASCII));
        }
        if (login.password() != null) {
            conf.setPassword(login.password());
        }
        conf.setKnownHosts(known);
        conf.setUseUserKnownHostsFile(false);
        conf.setStrictHostKeyChecking("yes");
        conf.setConnectTimeout((int) timeout.toMillis());
        conf.setTimeout((int) timeout.toMillis());
        conf.setSoTimeout((int) timeout.toMillis());
        conf.setBinary(true);
        SftpOperations ops = (SftpOperations) endpoint.createRemoteFileOperations();
        try {
            ops.connect(conf, new DefaultExchange(camel));
            return work.on(ops);
        } catch (GenericFileOperationFailedException e) {
            throw new UpstreamException.Transient("SFTP " + login + ": " + reason(e));
        } finally {
            try {
                ops.disconnect();
            } catch (GenericFileOperationFailedException ignored) {
                // the session is gone either way
            }
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return e.getMessage() != null && root != e ? e.getMessage() + " (" + m + ")" : m;
    }

    /**
     * Reads the server's host key and checks it against the pin. Only the key exchange happens: the
     * session is given no credentials and is closed.
     *
     * @return the known_hosts line of the matching key
     */
    private byte[] pinnedKey() {
        JSch jsch = new JSch();
        AtomicReference<HostKey> shown = new AtomicReference<>();
        AtomicReference<String> seen = new AtomicReference<>();
        jsch.setHostKeyRepository(new PinnedKey(login.hostKeyFingerprint(), shown, seen));
        Session session = null;
        try {
            session = jsch.getSession(login.user(), login.host(), login.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "none");
            session.setUserInfo(new NoAnswers());
            session.setTimeout((int) timeout.toMillis());
            session.connect((int) timeout.toMillis());
        } catch (JSchException e) {
            // with no credentials the session ends at authentication; only the host key matters here
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
        if (shown.get() != null) {
            HostKey k = shown.get();
            return (k.getHost() + " " + k.getType() + " " + k.getKey() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        if (seen.get() != null) {
            String why = "the SFTP server " + login.host() + ":" + login.port() + " showed host key " + seen.get()
                    + ", not the pinned " + login.hostKeyFingerprint() + "; nothing was sent. If Promentor changed its key, "
                    + "confirm the new fingerprint with them and save it in agency.hostKeyFingerprint";
            onRefused.accept(why);
            throw new UpstreamException.Busy(why, java.time.Instant.now().plus(REFUSED_WAIT));
        }
        throw new UpstreamException.Transient("SFTP server " + login.host() + ":" + login.port() + " cannot be reached");
    }

    /** {@code SHA256:<base64 without padding>} of a public key blob, as {@code ssh-keygen -lf} prints it. */
    public static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A host key repository that knows one key: the one with the pinned fingerprint. */
    private record PinnedKey(String pin, AtomicReference<HostKey> shown, AtomicReference<String> seen) implements HostKeyRepository {

        @Override
        public int check(String host, byte[] key) {
            String f = fingerprint(key);
            seen.set(f);
            if (!f.equals(pin)) {
                return NOT_INCLUDED;
            }
            try {
                shown.set(new HostKey(host, key));
            } catch (JSchException e) {
                return NOT_INCLUDED;
            }
            return OK;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {}

        @Override
        public void remove(String host, String type) {}

        @Override
        public void remove(String host, String type, byte[] key) {}

        @Override
        public String getKnownHostsRepositoryID() {
            return "pinned";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }

    /** Answers no prompt: the probe never authenticates, and an unknown key is never accepted. */
    private static final class NoAnswers implements UserInfo {
        public String getPassphrase() { return null; }
        public String getPassword() { return null; }
        public boolean promptPassword(String m) { return false; }
        public boolean promptPassphrase(String m) { return false; }
        public boolean promptYesNo(String m) { return false; }
        public void showMessage(String m) {}
    }
}
