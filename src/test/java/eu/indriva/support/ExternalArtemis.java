package eu.indriva.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real ActiveMQ Artemis distribution as an external broker: an instance made with
 * {@code artemis create} in a temporary directory, configured with the broker.xml that production
 * uses ({@code docker/artemis/broker.xml}), on a free port. Maven unpacks the distribution into
 * target/artemis (system property {@code indriva.test.artemis-home}); without it the tests that
 * need it are skipped with a message.
 */
public final class ExternalArtemis implements AutoCloseable {

    public static final String USER = "indriva";
    public static final String PASSWORD = "indriva-test-broker";
    private static volatile String unavailable;

    private final Path instance;
    public final int port;
    private Process process;

    private ExternalArtemis(Path instance, int port) {
        this.instance = instance;
        this.port = port;
    }

    public static boolean available() {
        if (unavailable == null) {
            Path home = home();
            unavailable = home != null && Files.isRegularFile(home.resolve("bin/artemis")) ? ""
                    : "no Artemis distribution at " + home + " (./mvnw generate-test-resources unpacks it)";
            if (!unavailable.isEmpty()) {
                System.err.println("external-broker tests SKIPPED: " + unavailable);
            }
        }
        return unavailable.isEmpty();
    }

    private static Path home() {
        String h = System.getProperty("indriva.test.artemis-home");
        return h == null ? null : Path.of(h);
    }

    /** Creates the instance with Indriva's broker.xml and starts it. */
    public static ExternalArtemis start() throws IOException {
        Path instance = Files.createTempDirectory("indriva-artemis-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(List.of("sh", home().resolve("bin/artemis").toString(), "create", instance.toString(), "--user", USER, "--password", PASSWORD,
                "--require-login", "--no-web", "--no-autotune", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
                "--no-hornetq-acceptor", "--host", "127.0.0.1", "--default-port", Integer.toString(port), "--force", "--silent"),
                instance.resolve("create.log"));
        Files.copy(Path.of("docker/artemis/broker.xml"), instance.resolve("etc/broker.xml"), StandardCopyOption.REPLACE_EXISTING);
        ExternalArtemis broker = new ExternalArtemis(instance, port);
        broker.startBroker();
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public synchronized void startBroker() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("broker.log").toFile()));
        pb.environment().put("JAVA_ARGS_APPEND", "-Dindriva.artemis.host=127.0.0.1 -Dindriva.artemis.port=" + port);
        pb.environment().put("JAVA_ARGS", "-Xms64m -Xmx512m -XX:+UseG1GC --add-opens java.base/jdk.internal.misc=ALL-UNNAMED");
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited; see " + instance.resolve("broker.log"));
            }
            if (Files.exists(instance.resolve("broker.log")) && Files.readString(instance.resolve("broker.log")).contains("AMQ221007")
                    && listening()) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("the broker did not start within 60 s; see " + instance.resolve("broker.log"));
    }

    /** A clean stop (SIGTERM): the broker closes its connections and journal. */
    public synchronized void stopBroker() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the launcher script's java child may outlive "sh": wait until the port is free
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (listening() && System.nanoTime() < deadline) {
            sleep(200);
        }
        process = null;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stopBroker();
    }

    private static void run(List<String> command, Path log) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
