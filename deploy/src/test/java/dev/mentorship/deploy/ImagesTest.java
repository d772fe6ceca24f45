package dev.mentorship.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Ports;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.ServiceImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The services' OCI images, as the build wrote them ({@code <service>/target/image/<service>.tar}):
 * their configuration matches what the Deployments expect of them, they hold the packaged service
 * and the JDK that trained its AOT cache file for file, and each one, unpacked into a root of its
 * own, starts its service as user 185 on that cache against the platform's real PostgreSQL and Kafka.
 */
class ImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target/images").toAbsolutePath();
    /** Unpacked once a test run, from the tarballs this build wrote. */
    private static final Map<Service, Path> LAYOUTS = new ConcurrentHashMap<>();
    private static final Map<Service, Path> ROOTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void built() {
        assumeFalse(Boolean.getBoolean("image.skip"), "this build made no images (-Daot.skip or -Dimage.skip)");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void each_image_is_the_one_the_overlays_pin_and_runs_as_their_pods_expect(Service service) throws IOException {
        Path layout = layout(service);
        JsonNode index = read(layout.resolve("index.json"));
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode entry = index.path("manifests").get(0);
        assertThat(entry.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        ObjectNode deployment = deployment(service);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        // The reference the build names its image with is the one the production overlay runs.
        assertThat(entry.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo(container.path("image").asText());

        JsonNode manifest = blob(layout, entry.path("digest").asText());
        assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo("application/vnd.oci.image.config.v1+json");
        JsonNode config = blob(layout, manifest.path("config").path("digest").asText()).path("config");

        assertThat(config.path("User").asText()).isEqualTo(ServiceImage.USER).isEqualTo(pod.path("securityContext").path("runAsUser").asText());
        assertThat(strings(config.path("Entrypoint"))).isEqualTo(ServiceImage.entrypoint())
                .startsWith("/opt/java/openjdk/bin/java")
                .containsSubsequence("-XX:AOTCache=/deployments/app.aot", "-jar", "/deployments/quarkus-run.jar")
                .containsAll(Platform.DEFAULT_SERVICE_JVM.stream().filter(option -> option.startsWith("-XX:+Use")).toList());
        assertThat(config.path("Cmd").isMissingNode() || config.path("Cmd").isNull()).isTrue();
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
        List<String> containerPorts = StreamSupport.stream(container.path("ports").spliterator(), false)
                .map(port -> port.path("containerPort").asInt() + "/tcp").toList();
        assertThat(containerPorts).isNotEmpty();
        assertThat(iterable(config.path("ExposedPorts").fieldNames())).containsExactlyInAnyOrderElementsOf(containerPorts);
        assertThat(strings(config.path("Env"))).contains("JAVA_HOME=/opt/java/openjdk", "MALLOC_ARENA_MAX=2");

        // Every layer is there, gzip-compressed, and is what its digest says.
        assertThat(manifest.path("layers")).hasSize(5).allSatisfy(layer -> {
            assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            Path file = layout.resolve("blobs/sha256").resolve(layer.path("digest").asText().substring("sha256:".length()));
            assertThat(sha256(file)).isEqualTo(layer.path("digest").asText());
            assertThat(Files.size(file)).isEqualTo(layer.path("size").asLong());
        });
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void each_image_holds_its_packaged_service_and_the_jdk_that_trained_its_cache_file_for_file(Service service) throws IOException {
        Path root = root(service);
        Path packaged = Manifests.repository().resolve(service.module).resolve("target/quarkus-app");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(packaged)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals("quarkus-app-dependencies.txt")).toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        for (Path file : files) {
            Path inImage = root.resolve("deployments").resolve(packaged.relativize(file).toString());
            assertSameFile(file, inImage);
        }
        // The JVM maps the cache only over the module image and the JVM it was made with.
        Path javaHome = Path.of(System.getProperty("java.home"));
        for (String file : List.of("lib/modules", "lib/server/libjvm.so", "bin/java", "release")) {
            assertSameFile(javaHome.resolve(file), root.resolve("opt/java/openjdk").resolve(file));
        }
        assertThat(Files.isExecutable(root.resolve("opt/java/openjdk/bin/java"))).isTrue();
        assertThat(root.resolve("opt/java/openjdk/lib/src.zip")).doesNotExist();
        assertThat(root.resolve("lib/x86_64-linux-gnu/libc.so.6")).isRegularFile();
        assertThat(root.resolve("lib64/ld-linux-x86-64.so.2")).isRegularFile();
        assertThat(Files.readString(root.resolve("etc/passwd"))).contains(":185:185:");
    }

    @Test
    void each_image_starts_its_service_as_user_185_on_its_aot_cache_in_a_root_of_its_own() throws Exception {
        boolean superuser = "root".equals(System.getProperty("user.name"));
        Path data = WORK.resolve("platform");
        deleteTree(data);
        Platform platform = new Platform(Platform.Settings.isolated(Manifests.repository(), data));
        try {
            platform.ensurePostgres();
            platform.ensureKafka();
            for (Service service : Service.values()) {
                int[] ports = Ports.free(2);
                Path log = WORK.resolve(service.module + ".log");
                Process container = start(root(service), superuser, ports, platform.environment(service), log);
                try {
                    awaitReady(container, ports[1], log);
                    ProcessHandle java = container.descendants().filter(handle -> handle.info().command().orElse("").endsWith("/java"))
                            .findFirst().orElseThrow();
                    String status = Files.readString(Path.of("/proc", Long.toString(java.pid()), "status"));
                    if (superuser) {
                        assertThat(status.lines().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow()).matches("Uid:\\s+185\\s+185\\s+185\\s+185");
                    }
                    assertThat(Files.readString(log)).doesNotContain("[error");
                } finally {
                    container.descendants().forEach(ProcessHandle::destroyForcibly);
                    container.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            platform.downAndDelete();
        }
    }

    @Test
    void an_image_whose_jar_is_not_the_trained_one_is_refused_its_cache() throws Exception {
        Path root = WORK.resolve("stale-root");
        deleteTree(root);
        run("cp", "-a", root(Service.MATCHING).toString(), root.toString());
        // The same bytes with another time: what packaging again without training, or a builder stamping files, leaves.
        Files.setLastModifiedTime(root.resolve("deployments/quarkus-run.jar"), java.nio.file.attribute.FileTime.from(Instant.EPOCH));
        Path log = WORK.resolve("stale.log");
        Process container = start(root, "root".equals(System.getProperty("user.name")), Ports.free(2), Map.of(), log);
        try {
            assertThat(container.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(container.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains("timestamp has changed").contains("[error");
        } finally {
            container.descendants().forEach(ProcessHandle::destroyForcibly);
            container.destroyForcibly();
            deleteTree(root);
        }
    }

    /**
     * The image's entrypoint in {@code root}, as a container runtime starts it: its own mount and
     * process namespaces, /proc and /dev mounted, the host's /etc/hosts and resolv.conf bound in as
     * the kubelet does, the network shared (the platform listens on loopback), changed into the root
     * as user 185. {@code -XX:AOTMode=on} makes the JVM refuse to start without the cache.
     */
    private static Process start(Path root, boolean superuser, int[] ports, Map<String, String> environment, Path log) throws IOException {
        for (String folder : List.of("proc", "dev")) {
            Files.createDirectories(root.resolve(folder));
        }
        for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
            if (!Files.exists(root.resolve(file))) {
                Files.createFile(root.resolve(file));
            }
        }
        List<String> entrypoint = new ArrayList<>(ServiceImage.entrypoint());
        entrypoint.addAll(entrypoint.indexOf("-jar"), List.of("-XX:AOTMode=on", "-Dquarkus.profile=local",
                "-Dquarkus.http.port=" + ports[0], "-Dquarkus.management.port=" + ports[1]));
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork"));
        if (!superuser) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("sh", "-c", """
                root="$1"; shift
                mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" \
                  && mount --bind /etc/hosts "$root/etc/hosts" && mount --bind /etc/resolv.conf "$root/etc/resolv.conf" \
                  && exec chroot $USERSPEC "$root" "$@"
                """, "container", root.toString()));
        command.addAll(entrypoint);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().put("USERSPEC", superuser ? "--userspec=185:185" : "");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitReady(Process container, int managementPort, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!container.isAlive()) {
                fail("The image's service stopped (exit " + container.exitValue() + "):\n" + tail(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        fail("The image's service was not ready within 120 s:\n" + tail(log));
    }

    /** The image's OCI layout, unpacked from the tarball the build wrote. */
    private static Path layout(Service service) throws IOException {
        Path tarball = Manifests.repository().resolve(service.module).resolve("target/image").resolve(service.module + ".tar");
        assertThat(tarball).as("the image the build writes for " + service.module).isRegularFile();
        Path existing = LAYOUTS.get(service);
        if (existing != null) {
            return existing;
        }
        Path layout = WORK.resolve(service.module).resolve("layout");
        deleteTree(layout);
        Files.createDirectories(layout);
        run("tar", "-xf", tarball.toString(), "-C", layout.toString());
        LAYOUTS.put(service, layout);
        return layout;
    }

    /** The image's file system: its layers unpacked in order, as a runtime lays them out. */
    private static Path root(Service service) throws IOException {
        Path existing = ROOTS.get(service);
        if (existing != null) {
            return existing;
        }
        Path layout = layout(service);
        JsonNode manifest = blob(layout, read(layout.resolve("index.json")).path("manifests").get(0).path("digest").asText());
        Path root = WORK.resolve(service.module).resolve("root");
        deleteTree(root);
        Files.createDirectories(root);
        for (JsonNode layer : manifest.path("layers")) {
            run("tar", "-xzf", layout.resolve("blobs/sha256").resolve(layer.path("digest").asText().substring("sha256:".length())).toString(),
                    "-C", root.toString());
        }
        ROOTS.put(service, root);
        return root;
    }

    private static void assertSameFile(Path expected, Path actual) throws IOException {
        assertThat(actual).as(actual.toString()).isRegularFile();
        assertThat(Files.size(actual)).as("size of " + actual).isEqualTo(Files.size(expected));
        assertThat(Files.getLastModifiedTime(actual).toMillis() / 1000).as("modification time of " + actual)
                .isEqualTo(Files.getLastModifiedTime(expected).toMillis() / 1000);
    }

    private static ObjectNode deployment(Service service) {
        return Manifests.overlay("prod").stream()
                .filter(document -> document.path("kind").asText().equals("Deployment"))
                .filter(document -> document.path("metadata").path("name").asText().equals(service.module))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + service.module + " in the prod overlay"));
    }

    private static JsonNode blob(Path layout, String digest) throws IOException {
        return read(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())));
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            run("rm", "-rf", folder.toString());
        }
    }
}
