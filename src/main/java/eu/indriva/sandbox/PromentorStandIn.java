package eu.indriva.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox Promentor (its SFTP server and {@link PromentorSandbox}) on its own, without Indriva:
 * for the benchmark, which runs it as a separate process so that Promentor's side does not share
 * the measured JVM. Run from the jar:
 *
 * <pre>
 * java -Dloader.main=eu.indriva.sandbox.PromentorStandIn -cp indriva.jar \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --dir DIR [--port 19022] [--creditor-no 4799]
 *      [--tick PT1S] [--stage-after PT24H] [--report-every PT24H]
 * </pre>
 *
 * It prints {@code fingerprint=SHA256:...}, {@code user=...} and {@code private-key=DIR/client_key}
 * once it listens, and runs until killed.
 */
public final class PromentorStandIn {

    private PromentorStandIn() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("--port", "19022", "--creditor-no", "4799", "--tick", "PT1S",
                "--stage-after", "PT24H", "--report-every", "PT24H"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (!opts.containsKey("--dir")) {
            System.err.println("usage: PromentorStandIn --dir DIR [--port N] [--creditor-no N] [--tick D] [--stage-after D] [--report-every D]");
            System.exit(2);
        }
        // MINA SSHD logs every session at DEBUG; the stand-in says only what matters
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        Path dir = Path.of(opts.get("--dir"));
        Files.createDirectories(dir);
        String creditorNo = opts.get("--creditor-no");
        String user = "creditor-" + creditorNo;
        SftpFolderServer.ClientKey key = SftpFolderServer.clientKeyIn(dir, user);
        SftpFolderServer server = SftpFolderServer.start("127.0.0.1", Integer.parseInt(opts.get("--port")), dir.resolve("sftp"),
                dir.resolve("hostkey.ser"), new SftpFolderServer.Account(user, null, key.publicKey()), null);
        PromentorSandbox desk = new PromentorSandbox(server.root(), dir.resolve("promentor-state.jsonl"), creditorNo,
                Duration.parse(opts.get("--stage-after")), Duration.parse(opts.get("--report-every")), Clock.systemUTC());
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        long tick = Duration.parse(opts.get("--tick")).toMillis();
        ticks.scheduleWithFixedDelay(desk::tick, tick, tick, TimeUnit.MILLISECONDS);
        System.out.println("fingerprint=" + server.fingerprint());
        System.out.println("user=" + user);
        System.out.println("private-key=" + dir.resolve("client_key").toAbsolutePath());
        System.out.println("listening on 127.0.0.1:" + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
