package dev.mentorship.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for the local platform ({@code bin/platform up --keycloak}): Maven Central's
 * distribution, unpacked once into the platform's data folder and started in development mode on
 * 127.0.0.1 with the realm the Kubernetes deployment imports (deploy/k8s: the base realm, the dev
 * overlay's test users, one per role with the password {@code dev-only}, and its command-line client
 * {@code mentorship-cli}). The services then check its tokens instead of the development key's.
 */
public final class Keycloak {

    public static final String REALM = "mentorship";
    public static final String CLIENT = "mentorship-cli";
    public static final String PASSWORD = "dev-only";
    /** The test user of each role, as the dev overlay names them. */
    public static final Map<String, String> USERS = Map.of("apprentice", "padawan", "mentor", "jedi", "program-office", "office", "admin", "root");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Keycloak() {
    }

    public static String issuer(int port) {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** What a service needs to check Keycloak's tokens instead of the development key's. */
    public static Map<String, String> serviceEnvironment(int port) {
        return Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", issuer(port), "QUARKUS_OIDC_TOKEN_ISSUER", issuer(port),
                // Unset: discovery gives the keys.
                "QUARKUS_OIDC_PUBLIC_KEY", "");
    }

    /** Starts Keycloak on {@code port} (its management interface on {@code managementPort}); returns once the realm answers. */
    static Process start(Path root, Path data, int port, int managementPort, boolean detached, Path log) {
        Path home = unpacked(data.resolve("keycloak"));
        writeRealm(root, home.resolve("data/import/" + REALM + "-realm.json"));
        List<String> command = new ArrayList<>();
        if (detached) {
            command.add("setsid");
        }
        command.addAll(List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm", "--http-host=127.0.0.1",
                "--http-port=" + port, "--http-management-port=" + managementPort, "--hostname-strict=false", "--health-enabled=true"));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
                    "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m"));
            java().ifPresent(java -> builder.environment().put("JAVA_HOME", java.toString()));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak", e);
        }
    }

    /** Whether the realm's discovery document answers. */
    public static boolean ready(int port) {
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer(port)
                    + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An access token for a test user, through the password grant of the command-line client. */
    public static String token(int port, String username) {
        String form = "grant_type=password&client_id=" + CLIENT + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer(port)
                    + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": " + answer.statusCode() + " " + answer.body());
            }
            return JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The realm as the dev overlay imports it: deploy/k8s's base realm, its test users, and its
     * command-line client (the JSON patch the overlay applies).
     */
    static JsonNode realm(Path root) {
        try {
            Path k8s = root.resolve("deploy/k8s");
            ObjectNode realm = (ObjectNode) YAML.readTree(k8s.resolve("base/keycloak/realm.yaml").toFile()).path("spec").path("realm");
            realm.set("users", YAML.readTree(k8s.resolve("overlays/dev/realm-users.yaml").toFile()).path("spec").path("realm").path("users"));
            for (JsonNode operation : YAML.readTree(k8s.resolve("overlays/dev/realm-cli-client.yaml").toFile())) {
                if (operation.path("path").asText().equals("/spec/realm/clients/-")) {
                    ((ArrayNode) realm.path("clients")).add(operation.path("value"));
                }
            }
            return realm;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the realm in deploy/k8s", e);
        }
    }

    private static void writeRealm(Path root, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm(root)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution unpacked under {@code folder} (once: later starts find it there). */
    private static Path unpacked(Path folder) {
        Path zip = distribution();
        String name = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "keycloak-").replace(".zip", "");
        Path home = folder.resolve(name);
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home;
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            Path partial = folder.resolve(name + ".unpacking");
            if (Files.exists(partial)) {
                JavaProcess.deleteTree(partial);
            }
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                // Entries are keycloak-<version>/...; the top folder becomes the partial one.
                String relative = entry.getName().contains("/") ? entry.getName().substring(entry.getName().indexOf('/') + 1) : "";
                Path target = partial.resolve(relative).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("Unsafe entry in the Keycloak distribution: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (relative.startsWith("bin/") && relative.endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
            Files.move(partial, home);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip, e);
        }
    }

    private static Path distribution() {
        try (InputStream in = Keycloak.class.getResourceAsStream("/devstack/keycloak.dist")) {
            if (in == null) {
                throw new IllegalStateException("devstack/keycloak.dist is missing: build the devstack module first");
            }
            return Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDK Keycloak 26.5 runs on: JDK 17 where installed beside the platform's, else the platform's own. */
    private static java.util.Optional<Path> java() {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        return Files.isExecutable(jdk17.resolve("bin/java")) ? java.util.Optional.of(jdk17) : java.util.Optional.empty();
    }
}
