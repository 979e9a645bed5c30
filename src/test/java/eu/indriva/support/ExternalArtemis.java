package eu.indriva.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
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
        int port = FreePort.pick();
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
        Path log = instance.resolve("broker.log");
        // the log of an earlier start stays in the file: only what this start writes counts
        long before = Files.exists(log) ? Files.size(log) : 0;
        process = pb.start();
        Process started = process;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("the broker exited; see " + log);
            }
            if (!Files.exists(log)) {
                return false;
            }
            byte[] all = Files.readAllBytes(log);
            String since = new String(all, (int) Math.min(before, all.length), (int) Math.max(0, all.length - before),
                    java.nio.charset.StandardCharsets.UTF_8);
            return since.contains("AMQ221007") && listening();
        });
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
        // the port is free once the broker has let go of it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> !listening());
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
}
