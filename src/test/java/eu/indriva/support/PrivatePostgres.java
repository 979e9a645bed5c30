package eu.indriva.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, a free port), for tests
 * that stop and start the database: the machine's shared server (see {@link Postgres}) must stay
 * up for the other tests. Needs the PostgreSQL server binaries (/usr/lib/postgresql/N/bin); as
 * root, the server runs as the "postgres" user (initdb refuses root).
 */
public final class PrivatePostgres implements AutoCloseable {

    private static volatile String unavailable;

    private final Path bin;
    private final Path dir;
    public final int port;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** True when a private server can be made here; otherwise prints why (the tests are skipped). */
    public static boolean available() {
        if (unavailable == null) {
            if (binaries().isEmpty()) {
                unavailable = "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)";
            } else if (isRoot() && !run(List.of("id", "postgres"))) {
                unavailable = "running as root and there is no postgres user to run the server as";
            } else {
                unavailable = "";
            }
            if (!unavailable.isEmpty()) {
                System.err.println("database-outage tests SKIPPED: " + unavailable);
            }
        }
        return unavailable.isEmpty();
    }

    /** initdb and start; the caller closes it (stop and delete). */
    public static PrivatePostgres start() throws IOException {
        Path bin = binaries().orElseThrow();
        Path dir = Files.createTempDirectory("indriva-pg-");
        if (isRoot()) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        int port = FreePort.pick();
        PrivatePostgres pg = new PrivatePostgres(bin, dir, port);
        pg.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync"));
        pg.startServer();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public void startServer() {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start"));
    }

    /** A fast shutdown: open connections are cut, new ones refused, as when the server is stopped. */
    public void stopServer() {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (RuntimeException alreadyStopped) {
            // deleted all the same
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private void pg(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        if (!run(full)) {
            String log;
            try {
                log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
            } catch (IOException e) {
                log = "";
            }
            throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + log);
        }
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString(), Comparator.comparingInt(PrivatePostgres::major)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
