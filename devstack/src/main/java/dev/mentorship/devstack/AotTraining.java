package dev.mentorship.devstack;

import dev.mentorship.devstack.Platform.Service;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * Writes a packaged service's AOT cache ({@link AotCache}): launches it on a platform of its own
 * (PostgreSQL, Kafka, free ports) with the options {@code bin/platform} runs it with, drives its API
 * with a workload of the service's real paths (commands, queries, events consumed, refused input),
 * then stops it; the JVM writes the cache as it exits. Run by Maven when a service is packaged
 * ({@code aot-cache} in the parent POM), each service naming its workload; {@code -Daot.skip}
 * packages without one.
 */
public final class AotTraining {

    /** What a training run does with the running service. */
    @FunctionalInterface
    public interface Workload {
        void run(Platform platform, Client client) throws Exception;
    }

    private AotTraining() {
    }

    /**
     * Trains {@code service}, packaged in the checkout at {@code root}, with {@code workload}, and puts
     * the cache beside its {@code quarkus-run.jar}. A workload request answered otherwise than it
     * expects fails the training: a cache is never written from a run that went wrong.
     */
    public static void train(Path root, Service service, Workload workload) throws Exception {
        long began = System.nanoTime();
        Path data = Files.createTempDirectory("mentorship-aot-");
        Path application = root.resolve(service.module).resolve("target/quarkus-app");
        Path cache = application.resolve(AotCache.FILE);
        // The cache of an earlier build must not serve this one should the training fail.
        Files.deleteIfExists(cache);
        Path written = data.resolve(AotCache.FILE);
        Path logs = root.resolve(service.module).resolve("target/aot-training-logs");
        Platform platform = new Platform(Platform.Settings.isolated(root, data).withoutAotCache()
                .withServiceJvmOptions(AotCache.recording(written)));
        try {
            platform.ensurePostgres();
            platform.ensureKafka();
            platform.ensureService(service);
            workload.run(platform, new Client(platform.serviceUrl(service)));
            if (!platform.stop(service.module) || !Files.isRegularFile(written)) {
                throw new IllegalStateException(service.module + " wrote no AOT cache; see " + logs);
            }
            Files.move(written, cache, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("%s: AOT cache %s (%d MB) trained in %.0f s%n", service.module, cache, Files.size(cache) >> 20,
                    (System.nanoTime() - began) / 1e9);
        } catch (Exception | Error e) {
            // The logs of the service and its platform tell why: they stay beside the build.
            System.err.println(service.module + ": AOT cache training failed; the logs of its run are in " + logs);
            try {
                keepLogs(data.resolve("logs"), logs);
                platform.downAndDelete();
            } catch (IOException | RuntimeException cleaning) {
                e.addSuppressed(cleaning);
            }
            throw e;
        }
        platform.downAndDelete();
    }

    private static void keepLogs(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path log : files.toList()) {
                Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The service packaged as {@code module}; a workload's {@code main} gets the module and the checkout from Maven. */
    public static Service service(String module) {
        return Arrays.stream(Service.values()).filter(service -> service.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + module));
    }

    /** A small HTTP client for workloads: JSON in and out, a token minted per call, the expected status checked. */
    public static final class Client {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String baseUrl;

        Client(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** A request as {@code role} and {@code subject} ({@code role} null: without a token); its body when it has the status expected. */
        public String send(String method, String path, String role, String subject, String json, int expected) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (role != null) {
                request.header("Authorization", "Bearer " + DevTokens.mint(role, subject));
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expected) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ", not " + expected + ": "
                            + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public JsonObject post(String path, String role, String subject, String json, int expected) {
            return object(send("POST", path, role, subject, json, expected));
        }

        public JsonObject get(String path, String role, String subject, int expected) {
            return object(send("GET", path, role, subject, null, expected));
        }

        /** Repeats a GET until it has the status expected, for a view that follows events: within 30 s, or the training fails. */
        public JsonObject await(String path, String role, String subject, int expected) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    return get(path, role, subject, expected);
                } catch (IllegalStateException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }

        private static JsonObject object(String body) {
            if (body.isBlank() || !body.startsWith("{")) {
                return JsonObject.EMPTY_JSON_OBJECT;
            }
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }
}
