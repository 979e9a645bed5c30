package eu.indriva.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Static checks of docker-compose.yml (no Docker engine, no Spring context).
 *
 * <p>{@link #check(String, Path)} returns the list of problems it finds; the real file must have
 * none, and each rule is shown to fire on a small broken sample.
 */
class ComposeFileTest {

    static final List<String> REQUIRED_SERVICES =
            List.of("artemis", "postgres", "procountor-sandbox", "kravia-sandbox", "proxy");

    /** The Indriva replicas: indriva-1, indriva-2, ... */
    private static final Pattern REPLICA = Pattern.compile("indriva-[0-9]+");

    /** An upstream server line of the proxy's nginx.conf. */
    private static final Pattern PROXIED = Pattern.compile("(?m)^\\s*server\\s+([A-Za-z0-9_.-]+):8080\\b");

    /** Environment keys whose values must never be literals. */
    private static final Pattern SECRET_KEY = Pattern.compile("PASSWORD|TOKEN|KEY|SECRET");

    /**
     * A reference to a variable without a default: {@code ${VAR}}, {@code ${VAR:?msg}} or
     * {@code ${VAR?msg}}. {@code ${VAR:-default}} is rejected: the default would be a committed
     * secret.
     */
    private static final Pattern VARIABLE_REFERENCE =
            Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");

    /** A tag made of a version (starts with a digit), optionally with a suffix: 15, 2.40.0, 17-jre. */
    private static final Pattern VERSION_TAG = Pattern.compile("[0-9][A-Za-z0-9_.-]*");

    // ------------------------------------------------------------------------------------------
    // The real file
    // ------------------------------------------------------------------------------------------

    @Test
    void realComposeFileHasNoProblems() throws IOException {
        Path root = projectRoot();
        Path composeFile = root.resolve("docker-compose.yml");
        assertThat(composeFile).as("docker-compose.yml in the project root").isRegularFile();

        List<String> problems = check(Files.readString(composeFile), root);

        assertThat(problems).as("problems in %s", composeFile).isEmpty();
    }

    @Test
    void realComposeFileDeclaresTheExpectedServices() throws IOException {
        Path root = projectRoot();
        Map<String, Object> services =
                asMap(parse(Files.readString(root.resolve("docker-compose.yml"))).get("services"));

        assertThat(services).containsKeys(REQUIRED_SERVICES.toArray(String[]::new));
    }

    // ------------------------------------------------------------------------------------------
    // Each rule fires on a broken sample
    // ------------------------------------------------------------------------------------------

    /** A minimal valid file (relative to an empty temporary "project"). */
    private static final String VALID_SAMPLE = """
            x-indriva: &indriva
              build: .
              depends_on:
                artemis:
                  condition: service_healthy
                postgres:
                  condition: service_healthy
              environment:
                - SPRING_DATASOURCE_URL=jdbc:postgresql://postgres:5432/indriva
                - SPRING_ARTEMIS_BROKER_URL=tcp://artemis:61616
                - INDRIVA_ADMIN_TOKEN=${INDRIVA_ADMIN_TOKEN}
            services:
              artemis:
                image: apache/activemq-artemis:2.40.0
                environment:
                  ARTEMIS_PASSWORD: ${ARTEMIS_PASSWORD:?required}
                volumes:
                  - artemis-data:/var/lib/artemis-instance
              postgres:
                image: postgres:15
                environment:
                  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?required}
              procountor-sandbox:
                image: wiremock/wiremock:3.13.2
              kravia-sandbox:
                image: wiremock/wiremock:3.13.2
              indriva-1:
                <<: *indriva
                volumes:
                  - indriva-1-data:/var/lib/indriva
              indriva-2:
                <<: *indriva
                volumes:
                  - indriva-2-data:/var/lib/indriva
              proxy:
                image: nginx:1.28.0
                ports:
                  - "8080:8080"
                volumes:
                  - ./docker/nginx/nginx.conf:/etc/nginx/nginx.conf:ro
            volumes:
              artemis-data:
              indriva-1-data:
              indriva-2-data:
            """;

    private static final String SAMPLE_PROXY_CONFIG = """
            upstream indriva {
                server indriva-1:8080 resolve;
                server indriva-2:8080 resolve;
            }
            """;

    /** A project with what the sample refers to: the Dockerfile and the proxy's configuration. */
    private static Path sampleProject(Path project) throws IOException {
        Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");
        Files.createDirectories(project.resolve("docker/nginx"));
        Files.writeString(project.resolve("docker/nginx/nginx.conf"), SAMPLE_PROXY_CONFIG);
        return project;
    }

    @Test
    void validSampleHasNoProblems(@TempDir Path project) throws IOException {
        sampleProject(project);

        assertThat(check(VALID_SAMPLE, project)).isEmpty();
    }

    @Test
    void reportsYamlThatDoesNotParse(@TempDir Path project) {
        assertThat(check("services:\n  artemis: [unclosed\n", project))
                .singleElement(STRING)
                .startsWith("does not parse");
        assertThat(check("services:\n  a:\n    image: x:1\n  a:\n    image: y:1\n", project))
                .anySatisfy(p -> assertThat(p).startsWith("does not parse"));
    }

    @Test
    void reportsMissingService(@TempDir Path project) throws IOException {
        sampleProject(project);
        String yaml = VALID_SAMPLE.replace("  kravia-sandbox:\n    image: wiremock/wiremock:3.13.2\n", "");

        assertThat(check(yaml, project)).containsExactly("missing service 'kravia-sandbox'");
    }

    @Test
    void reportsDanglingDependsOnInBothForms(@TempDir Path project) throws IOException {
        sampleProject(project);
        String mapForm = VALID_SAMPLE.replace("    postgres:\n      condition", "    postgress:\n      condition");
        String listForm = VALID_SAMPLE.replace(
                "depends_on:\n    artemis:\n      condition: service_healthy\n"
                        + "    postgres:\n      condition: service_healthy\n",
                "depends_on:\n    - artemis\n    - brokr\n");

        assertThat(check(mapForm, project))
                .containsExactlyElementsOf(replicas("service '%s' depends on undefined service 'postgress'"));
        assertThat(check(listForm, project))
                .containsExactlyElementsOf(replicas("service '%s' depends on undefined service 'brokr'"));
    }

    @Test
    void reportsUndeclaredNamedVolume(@TempDir Path project) throws IOException {
        sampleProject(project);
        String shortSyntax = VALID_SAMPLE.replace("volumes:\n  artemis-data:\n", "volumes:\n");
        String longSyntax = shortSyntax.replace(
                "      - artemis-data:/var/lib/artemis-instance\n",
                "      - type: volume\n        source: artemis-data\n        target: /var/lib/artemis-instance\n");

        assertThat(check(shortSyntax, project))
                .containsExactly("service 'artemis' uses volume 'artemis-data' not declared under top-level volumes");
        assertThat(check(longSyntax, project))
                .containsExactly("service 'artemis' uses volume 'artemis-data' not declared under top-level volumes");
    }

    @Test
    void reportsServiceWithoutImageOrBuild(@TempDir Path project) throws IOException {
        sampleProject(project);
        String yaml = VALID_SAMPLE.replace("  kravia-sandbox:\n    image: wiremock/wiremock:3.13.2\n",
                "  kravia-sandbox:\n    ports: [\"18082:8080\"]\n");

        assertThat(check(yaml, project)).containsExactly("service 'kravia-sandbox' has neither image nor build");
        // The broker/database URL checks also need the target service to run the right image.
        List<String> expected = new ArrayList<>(List.of("service 'postgres' has neither image nor build"));
        expected.addAll(replicas("service '%s' SPRING_DATASOURCE_URL 'jdbc:postgresql://postgres:5432/indriva'"
                + " does not point at the postgres service (jdbc:postgresql://postgres:5432/...)"));
        assertThat(check(VALID_SAMPLE.replace("    image: postgres:15\n", ""), project)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void reportsUnpinnedImages(@TempDir Path project) throws IOException {
        sampleProject(project);

        assertThat(check(VALID_SAMPLE.replace("postgres:15", "postgres:latest"), project))
                .containsExactly("service 'postgres' image 'postgres:latest' is not pinned to a version tag");
        assertThat(check(VALID_SAMPLE.replace("wiremock/wiremock:3.13.2\n  kravia",
                        "wiremock/wiremock\n  kravia"), project))
                .containsExactly("service 'procountor-sandbox' image 'wiremock/wiremock' is not pinned to a version tag");
        // A registry port is not a tag.
        assertThat(check(VALID_SAMPLE.replace("postgres:15", "registry.local:5000/postgres"), project))
                .containsExactly("service 'postgres' image 'registry.local:5000/postgres' is not pinned to a version tag");
        // Digests and registry ports with a tag are fine.
        assertThat(check(VALID_SAMPLE.replace("postgres:15", "registry.local:5000/postgres:15.8"), project)).isEmpty();
        assertThat(check(VALID_SAMPLE.replace("postgres:15", "postgres@sha256:" + "a".repeat(64)), project)).isEmpty();
    }

    @Test
    void reportsMissingMountedDirectoryAndDockerfile(@TempDir Path project) throws IOException {
        String withMount = VALID_SAMPLE.replace(
                "  kravia-sandbox:\n    image: wiremock/wiremock:3.13.2\n",
                "  kravia-sandbox:\n    image: wiremock/wiremock:3.13.2\n"
                        + "    volumes:\n      - ./mappings/kravia:/home/wiremock:ro\n");

        // Neither the Dockerfile, the proxy's configuration nor ./mappings/kravia exists in the empty project.
        List<String> expected = new ArrayList<>(replicas("service '%s' builds from missing Dockerfile "
                + project.resolve("Dockerfile").normalize()));
        expected.add("service 'kravia-sandbox' mounts missing path ./mappings/kravia");
        expected.add("service 'proxy' mounts missing path ./docker/nginx/nginx.conf");
        assertThat(check(withMount, project)).containsExactlyInAnyOrderElementsOf(expected);

        sampleProject(project);
        Files.createDirectories(project.resolve("mappings/kravia"));
        assertThat(check(withMount, project)).isEmpty();
    }

    @Test
    void reportsBrokerAndDatabaseUrlsNotPointingAtTheirServices(@TempDir Path project) throws IOException {
        sampleProject(project);

        assertThat(check(VALID_SAMPLE.replace("jdbc:postgresql://postgres:5432", "jdbc:postgresql://localhost:5432"), project))
                .containsExactlyElementsOf(replicas("service '%s' SPRING_DATASOURCE_URL 'jdbc:postgresql://localhost:5432/indriva'"
                        + " does not point at the postgres service (jdbc:postgresql://postgres:5432/...)"));
        assertThat(check(VALID_SAMPLE.replace("tcp://artemis:61616", "vm://0"), project))
                .containsExactlyElementsOf(replicas("service '%s' SPRING_ARTEMIS_BROKER_URL 'vm://0'"
                        + " does not point at the artemis service (tcp://artemis:61616)"));
        assertThat(check(VALID_SAMPLE.replace("    - SPRING_ARTEMIS_BROKER_URL=tcp://artemis:61616\n", ""), project))
                .containsExactlyElementsOf(replicas("service '%s' SPRING_ARTEMIS_BROKER_URL is not set"));
    }

    @Test
    void reportsLiteralSecrets(@TempDir Path project) throws IOException {
        sampleProject(project);

        assertThat(check(VALID_SAMPLE.replace("${POSTGRES_PASSWORD:?required}", "hunter2"), project))
                .containsExactly("service 'postgres' environment POSTGRES_PASSWORD has a literal value"
                        + " (must be a ${VAR} or ${VAR:?message} reference)");
        assertThat(check(VALID_SAMPLE.replace("${INDRIVA_ADMIN_TOKEN}", "s3cr3t"), project))
                .containsExactlyElementsOf(replicas("service '%s' environment INDRIVA_ADMIN_TOKEN has a literal value"
                        + " (must be a ${VAR} or ${VAR:?message} reference)"));
        // A default is a committed secret too, and so is a reference glued to a literal.
        assertThat(check(VALID_SAMPLE.replace("${ARTEMIS_PASSWORD:?required}", "${ARTEMIS_PASSWORD:-artemis}"), project))
                .containsExactly("service 'artemis' environment ARTEMIS_PASSWORD has a literal value"
                        + " (must be a ${VAR} or ${VAR:?message} reference)");
        assertThat(check(VALID_SAMPLE.replace("${ARTEMIS_PASSWORD:?required}", "pre${ARTEMIS_PASSWORD}"), project))
                .hasSize(1);
        // A bare key (value passed through from the shell) holds no literal.
        assertThat(check(VALID_SAMPLE.replace("=${INDRIVA_ADMIN_TOKEN}", ""), project)).isEmpty();
    }

    @Test
    void reportsASingleInstanceAPublishedReplicaASharedDataVolumeAndAProxyThatMissesAReplica(@TempDir Path project)
            throws IOException {
        sampleProject(project);

        String oneReplica = VALID_SAMPLE.replaceAll("(?s)  indriva-2:.*?(?=  proxy:)", "");
        assertThat(check(oneReplica, project)).contains("fewer than two Indriva replicas (services indriva-1, indriva-2, ...): [indriva-1]");
        assertThat(check(VALID_SAMPLE.replace("  indriva-2:\n    <<: *indriva\n", "  indriva-2:\n    <<: *indriva\n    ports:\n      - \"8081:8080\"\n"),
                project)).containsExactly("service 'indriva-2' publishes ports; the proxy is the only way in");
        assertThat(check(VALID_SAMPLE.replace("- indriva-2-data:/var/lib/indriva", "- indriva-1-data:/var/lib/indriva"), project))
                .containsExactly("replicas indriva-1 and indriva-2 share the data volume 'indriva-1-data'");

        Files.writeString(project.resolve("docker/nginx/nginx.conf"), SAMPLE_PROXY_CONFIG.replace("indriva-2", "indriva-3"));
        assertThat(check(VALID_SAMPLE, project))
                .containsExactly("the proxy (./docker/nginx/nginx.conf) sends to [indriva-1, indriva-3], the replicas are [indriva-1, indriva-2]");
    }

    /** The message for each replica of the sample. */
    private static List<String> replicas(String format) {
        return List.of(String.format(format, "indriva-1"), String.format(format, "indriva-2"));
    }

    // ------------------------------------------------------------------------------------------
    // The checker
    // ------------------------------------------------------------------------------------------

    /**
     * Checks a compose file.
     *
     * @param yaml the file's text
     * @param projectRoot the directory relative paths (build context, bind mounts) resolve against
     * @return human-readable problems, empty when the file passes
     */
    static List<String> check(String yaml, Path projectRoot) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> compose;
        try {
            compose = parse(yaml);
        } catch (RuntimeException e) {
            problems.add("does not parse: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return problems;
        }
        if (compose == null || !(compose.get("services") instanceof Map)) {
            problems.add("no services mapping");
            return problems;
        }
        Map<String, Object> services = asMap(compose.get("services"));
        Map<String, Object> declaredVolumes =
                compose.get("volumes") instanceof Map ? asMap(compose.get("volumes")) : Map.of();

        for (String required : REQUIRED_SERVICES) {
            if (!services.containsKey(required)) {
                problems.add("missing service '" + required + "'");
            }
        }

        services.forEach((name, definition) -> {
            if (!(definition instanceof Map)) {
                problems.add("service '" + name + "' is not a mapping");
                return;
            }
            Map<String, Object> service = asMap(definition);
            checkDependsOn(name, service, services, problems);
            checkVolumes(name, service, declaredVolumes, projectRoot, problems);
            checkImageOrBuild(name, service, projectRoot, problems);
            checkSecrets(name, service, problems);
        });

        List<String> replicas = services.keySet().stream().filter(n -> REPLICA.matcher(n).matches()).sorted().toList();
        if (replicas.size() < 2) {
            problems.add("fewer than two Indriva replicas (services indriva-1, indriva-2, ...): " + replicas);
        }
        Map<String, String> dataVolumes = new LinkedHashMap<>();
        for (String replica : replicas) {
            if (!(services.get(replica) instanceof Map)) {
                continue;
            }
            Map<String, Object> service = asMap(services.get(replica));
            Map<String, String> env = environment(service);
            checkPointsAt(replica, env, "SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/",
                    "postgres", "postgres", services, problems);
            checkPointsAt(replica, env, "SPRING_ARTEMIS_BROKER_URL", "tcp://artemis:61616",
                    "artemis", "activemq-artemis", services, problems);
            if (service.containsKey("ports")) {
                problems.add("service '" + replica + "' publishes ports; the proxy is the only way in");
            }
            if (service.get("volumes") instanceof List<?> volumes) {
                for (Object v : volumes) {
                    String source = String.valueOf(v).split(":")[0];
                    String other = dataVolumes.putIfAbsent(source, replica);
                    if (other != null) {
                        problems.add("replicas " + other + " and " + replica + " share the data volume '" + source + "'");
                    }
                }
            }
        }
        checkProxy(services, replicas, projectRoot, problems);
        return problems;
    }

    /** The proxy's nginx.conf (bind-mounted from the project) sends to exactly the replicas. */
    private static void checkProxy(Map<String, Object> services, List<String> replicas, Path projectRoot, List<String> problems) {
        if (!(services.get("proxy") instanceof Map) || !(asMap(services.get("proxy")).get("volumes") instanceof List<?> volumes)) {
            problems.add("service 'proxy' mounts no nginx.conf");
            return;
        }
        for (Object v : volumes) {
            String source = String.valueOf(v).split(":")[0];
            if (source.endsWith("nginx.conf")) {
                Path file = projectRoot.resolve(source);
                if (!Files.isRegularFile(file)) {
                    return; // reported as a missing mount
                }
                List<String> proxied = new ArrayList<>();
                try {
                    PROXIED.matcher(Files.readString(file)).results().forEach(m -> proxied.add(m.group(1)));
                } catch (IOException e) {
                    problems.add("the proxy's " + source + " cannot be read: " + e.getMessage());
                    return;
                }
                proxied.sort(null);
                if (!proxied.equals(replicas)) {
                    problems.add("the proxy (" + source + ") sends to " + proxied + ", the replicas are " + replicas);
                }
                return;
            }
        }
        problems.add("service 'proxy' mounts no nginx.conf");
    }

    private static void checkDependsOn(String name, Map<String, Object> service,
            Map<String, Object> services, List<String> problems) {
        Object dependsOn = service.get("depends_on");
        List<String> targets = new ArrayList<>();
        if (dependsOn instanceof List<?> list) {
            list.forEach(item -> targets.add(String.valueOf(item)));
        } else if (dependsOn instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> targets.add(String.valueOf(key)));
        } else if (dependsOn != null) {
            problems.add("service '" + name + "' has a depends_on that is neither a list nor a map");
        }
        for (String target : targets) {
            if (!services.containsKey(target)) {
                problems.add("service '" + name + "' depends on undefined service '" + target + "'");
            }
        }
    }

    private static void checkVolumes(String name, Map<String, Object> service,
            Map<String, Object> declaredVolumes, Path projectRoot, List<String> problems) {
        if (!(service.get("volumes") instanceof List<?> volumes)) {
            return;
        }
        for (Object volume : volumes) {
            String type;
            String source;
            if (volume instanceof Map<?, ?> longSyntax) {
                type = String.valueOf(longSyntax.get("type"));
                source = longSyntax.get("source") == null ? null : String.valueOf(longSyntax.get("source"));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                source = parts.length > 1 ? parts[0] : null; // "/path" alone: anonymous volume
                type = source != null && isPath(source) ? "bind" : "volume";
            }
            if (source == null || source.isEmpty()) {
                continue;
            }
            if ("volume".equals(type) && !declaredVolumes.containsKey(source)) {
                problems.add("service '" + name + "' uses volume '" + source
                        + "' not declared under top-level volumes");
            }
            if ("bind".equals(type) && !source.startsWith("/") && !source.startsWith("~")
                    && !source.contains("$") && !Files.exists(projectRoot.resolve(source))) {
                problems.add("service '" + name + "' mounts missing path " + source);
            }
        }
    }

    private static boolean isPath(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~")
                || source.contains("/");
    }

    private static void checkImageOrBuild(String name, Map<String, Object> service, Path projectRoot,
            List<String> problems) {
        Object image = service.get("image");
        Object build = service.get("build");
        if (image == null && build == null) {
            problems.add("service '" + name + "' has neither image nor build");
        }
        if (image != null && !isPinned(String.valueOf(image))) {
            problems.add("service '" + name + "' image '" + image + "' is not pinned to a version tag");
        }
        if (build != null) {
            String context;
            String dockerfile = "Dockerfile";
            if (build instanceof Map<?, ?> map) {
                context = map.get("context") == null ? "." : String.valueOf(map.get("context"));
                dockerfile = map.get("dockerfile") == null ? "Dockerfile" : String.valueOf(map.get("dockerfile"));
            } else {
                context = String.valueOf(build);
            }
            Path file = projectRoot.resolve(context).resolve(dockerfile).normalize();
            if (!Files.isRegularFile(file)) {
                problems.add("service '" + name + "' builds from missing Dockerfile " + file);
            }
        }
    }

    /** Has a version tag (not latest) or a digest. */
    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1); // drops registry:port/
        int colon = lastSegment.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String tag = lastSegment.substring(colon + 1);
        return !tag.equalsIgnoreCase("latest") && VERSION_TAG.matcher(tag).matches();
    }

    private static void checkSecrets(String name, Map<String, Object> service, List<String> problems) {
        environment(service).forEach((key, value) -> {
            if (value != null && SECRET_KEY.matcher(key.toUpperCase()).find()
                    && !VARIABLE_REFERENCE.matcher(value).matches()) {
                problems.add("service '" + name + "' environment " + key
                        + " has a literal value (must be a ${VAR} or ${VAR:?message} reference)");
            }
        });
    }

    private static void checkPointsAt(String replica, Map<String, String> env, String key, String expectedPrefix,
            String serviceName, String imageRepository, Map<String, Object> services, List<String> problems) {
        String value = env.get(key);
        if (value == null) {
            problems.add("service '" + replica + "' " + key + " is not set");
            return;
        }
        String host = null;
        try {
            host = URI.create(value.startsWith("jdbc:") ? value.substring("jdbc:".length()) : value).getHost();
        } catch (IllegalArgumentException e) {
            // reported below
        }
        boolean pointsAtService = value.startsWith(expectedPrefix) && serviceName.equals(host)
                && services.get(serviceName) instanceof Map<?, ?> target
                && String.valueOf(target.get("image")).contains(imageRepository);
        if (!pointsAtService) {
            problems.add("service '" + replica + "' " + key + " '" + value + "' does not point at the " + serviceName
                    + " service (" + expectedPrefix + (expectedPrefix.endsWith("/") ? "..." : "") + ")");
        }
    }

    /** The environment in map or list form; a bare key (pass-through) maps to null. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
        }
        return env;
    }

    static Map<String, Object> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // compose rejects them too
        Object document = new Yaml(new SafeConstructor(options)).load(yaml);
        if (document != null && !(document instanceof Map)) {
            throw new IllegalArgumentException("top level is not a mapping");
        }
        return asMap(document);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** The Maven project directory (surefire sets basedir; the working directory otherwise). */
    private static Path projectRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }
}
