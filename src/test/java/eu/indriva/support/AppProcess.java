package eu.indriva.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Indriva in its own JVM, so a test can kill it with SIGKILL (what `kill -9` does) and start it
 * again on the same data directory.
 */
public final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    private final int port;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static AppProcess start(Path dataDir, Path log, String... extraArgs) throws IOException {
        int port = FreePort.pick();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), "eu.indriva.IndrivaApplication",
                "--indriva.data-dir=" + dataDir,
                "--server.port=" + port,
                "--management.server.port=" + FreePort.pick(),
                "--indriva.admin.token=" + AppTestBase.TOKEN,
                "--indriva.secrets.key=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYiE=",
                "--indriva.poll.tick=PT1H",
                "--indriva.security.allow-insecure-urls=true",
                // surefire's manifest-only class path makes classpath scanning see the routes twice
                "--indriva.routes-location=file:" + Path.of("routes").toAbsolutePath() + "/*.yaml",
                "--indriva.retry.initial-delay=PT0.2S",
                "--indriva.retry.max-delay=PT1S",
                "--indriva.retry.max-attempts=50",
                "--indriva.circuit.failure-threshold=1000",
                "--logging.level.org.apache.activemq=WARN"));
        // an extra argument replaces the default of the same property (Spring would join the two with a comma)
        for (String extra : extraArgs) {
            String key = extra.contains("=") ? extra.substring(0, extra.indexOf('=') + 1) : extra;
            cmd.removeIf(arg -> arg.startsWith(key));
        }
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        AppProcess app = new AppProcess(p, port);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("Indriva exited during start-up; see " + log);
            }
            try {
                return app.call("GET", "/api/v1/tenants", null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return app;
    }

    public HttpResponse<String> call(String method, String path, String body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + AppTestBase.TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Kravia's webhook as the agency posts it (no bearer token): the status and the body. */
    public HttpResponse<String> webhook(String tenantId, String body) throws IOException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/kravia/" + tenantId))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public int port() {
        return port;
    }

    public JsonNode json(String path) throws IOException {
        return Upstreams.JSON.readTree(call("GET", path, null).body());
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A normal stop (SIGTERM): Spring's graceful shutdown. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
