package dev.mentorship.devstack;

import jakarta.json.Json;
import jakarta.json.JsonException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform on one machine: PostgreSQL, Kafka and the three services, each its own process
 * with a pid file under {@code <data>/run}. Starting is idempotent: a part that runs is left alone,
 * a part that does not is started. Used by {@code bin/platform} and by the system tests.
 */
public final class Platform {

    public enum Service {
        MATCHING("matching-service", "matching", "MATCHING_PORT", 8081, "MATCHING_MANAGEMENT_PORT", 9081),
        PROGRESS("progress-service", "progress", "PROGRESS_PORT", 8082, "PROGRESS_MANAGEMENT_PORT", 9082),
        FEEDBACK("feedback-service", "feedback", "FEEDBACK_PORT", 8083, "FEEDBACK_MANAGEMENT_PORT", 9083);

        public final String module;
        public final String database;
        /** The environment variable that moves {@code bin/platform}'s API port for this service, and its default. */
        final String portVariable;
        final int defaultPort;
        /** The same for its management interface (health and metrics), the port its service configuration names. */
        final String managementPortVariable;
        final int defaultManagementPort;

        Service(String module, String database, String portVariable, int defaultPort, String managementPortVariable,
                int defaultManagementPort) {
            this.module = module;
            this.database = database;
            this.portVariable = portVariable;
            this.defaultPort = defaultPort;
            this.managementPortVariable = managementPortVariable;
            this.defaultManagementPort = defaultManagementPort;
        }
    }

    /**
     * Where and how to run.
     *
     * @param root        the project checkout (service jars are under {@code <module>/target/quarkus-app})
     * @param data        state: databases, Kafka logs, pid files, service logs
     * @param attached    children die with this JVM (tests, foreground {@code up}); otherwise they are detached
     * @param servicePorts HTTP port per service: its API
     * @param managementPorts the port of each service's management interface: health and metrics
     * @param java        the {@code java} launcher the services run on
     * @param aotCache    whether a service is launched with its AOT cache where its build has an up-to-date one ({@link AotCache})
     */
    public record Settings(Path root, Path data, int postgresPort, int kafkaPort, int kafkaControllerPort,
            Map<Service, Integer> servicePorts, Map<Service, Integer> managementPorts, boolean attached, List<String> serviceJvmOptions,
            Path java, boolean aotCache) {

        public static Settings local(Path root, boolean attached) {
            Map<Service, Integer> ports = new LinkedHashMap<>();
            Map<Service, Integer> managementPorts = new LinkedHashMap<>();
            for (Service service : Service.values()) {
                ports.put(service, intEnv(service.portVariable, service.defaultPort));
                managementPorts.put(service, intEnv(service.managementPortVariable, service.defaultManagementPort));
            }
            Path data = dataFolder(root);
            return new Settings(root, data, intEnv("PLATFORM_PG_PORT", 5433),
                    intEnv("PLATFORM_KAFKA_PORT", 9092), intEnv("PLATFORM_KAFKA_CONTROLLER_PORT", 9093), ports, managementPorts, attached,
                    DEFAULT_SERVICE_JVM, JavaProcess.currentJava(), !"off".equalsIgnoreCase(System.getenv("PLATFORM_AOT")));
        }

        /**
         * Where {@code bin/platform} keeps its state: {@code .platform/} in the checkout, or the folder
         * named by {@code PLATFORM_DATA} (a second platform beside the first, or state on another disk).
         */
        static Path dataFolder(Path root) {
            String named = System.getenv("PLATFORM_DATA");
            return named == null || named.isBlank() ? root.resolve(".platform") : Path.of(named.trim()).toAbsolutePath().normalize();
        }

        /** Free ports and a fresh folder: never collides with a running platform. */
        public static Settings isolated(Path root, Path data) {
            int services = Service.values().length;
            int[] free = Ports.free(3 + 2 * services);
            Map<Service, Integer> ports = new LinkedHashMap<>();
            Map<Service, Integer> managementPorts = new LinkedHashMap<>();
            for (Service service : Service.values()) {
                ports.put(service, free[3 + service.ordinal()]);
                managementPorts.put(service, free[3 + services + service.ordinal()]);
            }
            return new Settings(root, data, free[0], free[1], free[2], ports, managementPorts, true, DEFAULT_SERVICE_JVM,
                    JavaProcess.currentJava(), true);
        }

        /**
         * The same settings for services packaged under {@code root}, run by {@code java} with exactly
         * {@code jvmOptions} and without AOT caches: another build on another JDK, as the benchmark's
         * baseline is.
         */
        public Settings withServices(Path root, Path java, List<String> jvmOptions) {
            return new Settings(root, data, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, managementPorts, attached,
                    List.copyOf(jvmOptions), java, false);
        }

        /** The same settings, with {@code options} added to every service's JVM options. */
        public Settings withServiceJvmOptions(List<String> options) {
            List<String> all = new ArrayList<>(serviceJvmOptions);
            all.addAll(options);
            return new Settings(root, data, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, managementPorts, attached,
                    List.copyOf(all), java, aotCache);
        }

        /** The same settings, launching services without their AOT caches (a training run, which writes one). */
        public Settings withoutAotCache() {
            return new Settings(root, data, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, managementPorts, attached,
                    serviceJvmOptions, java, false);
        }

        static int intEnv(String name, int fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        }
    }

    /**
     * Service JVM options, measured on two cores (docs/benchmarks.md, "Service memory"). About 25 MB of
     * heap is live under steady load; the heap starts at 32 MB and may grow to 128 MB. After a full
     * collection it keeps 25-50 % free (MinHeapFreeRatio/MaxHeapFreeRatio; the JDK's 40-70 % let the
     * old generation sit at ~46 MB): matching-service then runs a 60-130 ms full collection every
     * 10-25 s at saturation (4 over the benchmark with the JDK's ratios, 8 with these) and ends
     * 10-15 MB smaller. Keeping only 10-20 % free cost a consumer at 1,000 events/s a 0.28 s full
     * collection every ~30 s and is not used.
     *
     * <p>Only the optimising compiler (C2) compiles, without the profiling tier in front of it
     * ({@code -XX:-TieredCompilation}). Tiered compilation leaves thousands of lukewarm methods in the
     * code cache as large profiled code: after the benchmark's load matching-service held 38 MB of
     * compiled code with it and 16 MB without, at the same throughput once warm. The price is the
     * start: the interpreter runs what the quick compiler would have compiled. With the AOT cache
     * (JDK 25) that is about 0.4 s of a relaunch (3.3-3.6 s against 2.8-3.0 s ready), for some 30 MB
     * more resident memory with tiered compilation after a light load (docs/benchmarks.md, "Start-up").
     *
     * <p>Objects have compact headers ({@code -XX:+UseCompactObjectHeaders}, JEP 519): 8 bytes
     * instead of 12, some 5-10 MB less resident memory after load at the same start. It shapes every
     * object, so a service's AOT cache holds only for a JVM run with the same setting, and the training
     * run that writes it uses these options too ({@link AotTraining}).
     *
     * <p>Freed native memory (compiler arenas) goes back to the system every 5 s.
     * {@code SERVICE_JAVA_OPTS} appends options and wins over these: {@code -XX:+TieredCompilation} for
     * the faster start, or {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1} (the quick compiler
     * alone) for the smallest footprint and fastest start at about half the peak throughput. Where it
     * is set when a service is packaged, the cache is trained with those options too.
     */
    public static final List<String> DEFAULT_SERVICE_JVM = serviceJvm(System.getenv("SERVICE_JAVA_OPTS"));

    /** The options above, then {@code extra} (split at white space), which the JVM lets win. */
    static List<String> serviceJvm(String extra) {
        List<String> options = new ArrayList<>(List.of(
                "-Xms32m", "-Xmx128m", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=48m", "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=25", "-XX:MaxHeapFreeRatio=50", "-XX:-TieredCompilation", "-XX:+UseCompactObjectHeaders",
                "-Xss512k", "-XX:MaxDirectMemorySize=64m", "-Dio.netty.allocator.numDirectArenas=1", "-XX:TrimNativeHeapInterval=5000"));
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }

    private final Settings settings;
    private Integer keycloakPort;

    public Platform(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + settings.kafkaPort();
    }

    public String serviceUrl(Service service) {
        return "http://127.0.0.1:" + settings.servicePorts().get(service);
    }

    /** A service's management interface: readiness at {@code /q/health/ready}, Prometheus metrics at {@code /q/metrics}. */
    public String managementUrl(Service service) {
        return "http://127.0.0.1:" + settings.managementPorts().get(service);
    }

    /** Starts whatever part is not running. */
    public void up() {
        ensurePostgres();
        ensureKafka();
        if (running("keycloak").isPresent()) {
            // Started by an earlier up --keycloak: the services started now check its tokens too.
            ensureKeycloak();
        }
        for (Service service : Service.values()) {
            ensureService(service);
        }
    }

    /**
     * The platform's own PostgreSQL server, started if it is not running; with {@code MENTORSHIP_PG_URL}
     * set, none is started and the services' databases are created on that server instead.
     */
    public void ensurePostgres() {
        Postgres external = Postgres.external();
        if (external != null) {
            createDatabases(external);
            return;
        }
        if (running("postgres").isPresent()) {
            return;
        }
        // A server that outlived the process keeping it holds the port (the new keeper takes it over)
        // and has its binaries unpacked.
        Optional<Postgres.Postmaster> outlived = Postgres.Postmaster.of(postgresData());
        if (outlived.filter(server -> server.port() == settings.postgresPort()).isEmpty()) {
            requireFree(settings.postgresPort(), "PostgreSQL", "PLATFORM_PG_PORT");
        }
        Path log = logs().resolve("postgres.log");
        if (outlived.isEmpty()) {
            unpackPostgres(log);
        }
        List<String> program = new ArrayList<>(watch());
        program.addAll(List.of(PlatformCommand.class.getName(), "postgres-server", Integer.toString(settings.postgresPort()),
                postgresData().toString()));
        Process process = JavaProcess.start(JavaProcess.currentJava(), List.of("-Xmx64m", "-XX:+UseSerialGC", "-cp", KafkaBroker.classpath()),
                program, Map.of(), log, !settings.attached());
        record("postgres", process.toHandle());
        await("postgres", () -> Ports.listening(settings.postgresPort()) && postgres().accepting(), process.toHandle(), log);
        createDatabases(postgres());
    }

    /**
     * On a machine without the embedded binaries (a fresh one, or after a reboot emptied the temporary
     * folder), unpacking them needs far more heap than keeping the server does, so it runs in a JVM of
     * its own that ends when they are in place; on later starts it only finds them there.
     */
    private void unpackPostgres(Path log) {
        Process unpack = JavaProcess.start(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", KafkaBroker.classpath()),
                List.of(PlatformCommand.class.getName(), "postgres-binaries"), Map.of(), log);
        try {
            if (!unpack.waitFor(5, TimeUnit.MINUTES)) {
                unpack.destroyForcibly();
                throw new IllegalStateException("Unpacking the PostgreSQL binaries took over 5 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unpack.destroyForcibly();
            throw new IllegalStateException("Interrupted while unpacking the PostgreSQL binaries", e);
        }
        if (unpack.exitValue() != 0) {
            throw new IllegalStateException("Unpacking the PostgreSQL binaries failed; see " + log);
        }
    }

    private static void createDatabases(Postgres server) {
        for (Service service : Service.values()) {
            server.createDatabase(service.database, false);
        }
    }

    public void ensureKafka() {
        if (running("kafka").isPresent()) {
            return;
        }
        requireFree(settings.kafkaPort(), "Kafka", "PLATFORM_KAFKA_PORT");
        requireFree(settings.kafkaControllerPort(), "Kafka's controller", "PLATFORM_KAFKA_CONTROLLER_PORT");
        // Like a production cluster, the platform's broker creates no topic on first use: the services
        // create theirs (KafkaTopics), and a service that did not would fail here, not in production.
        KafkaBroker broker = new KafkaBroker(settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.data().resolve("kafka"), settings.attached(), false).start();
        record("kafka", broker.process().toHandle());
    }

    /**
     * A real Keycloak with the platform's realm ({@link Keycloak}), started if it is not running; the
     * services this platform starts afterwards check its tokens instead of the development key's. On
     * {@code PLATFORM_KEYCLOAK_PORT} (8180, its management interface on the next port) for
     * {@code bin/platform}, on free ports for an isolated platform. Returns its port.
     */
    public int ensureKeycloak() {
        Path portFile = settings.data().resolve("run").resolve("keycloak.port");
        try {
            if (running("keycloak").isPresent() && Files.exists(portFile)) {
                keycloakPort = Integer.parseInt(Files.readString(portFile).strip());
                return keycloakPort;
            }
            // bin/platform's own data folder: the fixed ports; an isolated platform's: free ones.
            boolean local = settings.data().equals(Settings.dataFolder(settings.root()));
            int port = local ? Settings.intEnv("PLATFORM_KEYCLOAK_PORT", 8180) : Ports.free();
            int management = local ? port + 1 : Ports.free();
            requireFree(port, "Keycloak", "PLATFORM_KEYCLOAK_PORT");
            requireFree(management, "Keycloak's management interface", "PLATFORM_KEYCLOAK_PORT");
            Path log = logs().resolve("keycloak.log");
            Process process = Keycloak.start(settings.root(), settings.data(), port, management, !settings.attached(), log);
            record("keycloak", process.toHandle());
            Files.createDirectories(portFile.getParent());
            Files.writeString(portFile, Integer.toString(port));
            await("keycloak", () -> Keycloak.ready(port), process.toHandle(), log);
            keycloakPort = port;
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local Keycloak's port, when this platform started one ({@link #ensureKeycloak()}). */
    public Optional<Integer> keycloakPort() {
        return Optional.ofNullable(keycloakPort);
    }

    public void ensureService(Service service) {
        if (running(service.module).isPresent()) {
            return;
        }
        requireFree(settings.servicePorts().get(service), service.module, service.portVariable);
        requireFree(settings.managementPorts().get(service), service.module + "'s management interface", service.managementPortVariable);
        Path log = logs().resolve(service.module + ".log");
        Process process = launch(service, settings.servicePorts().get(service), settings.managementPorts().get(service), log, "local",
                Map.of());
        record(service.module, process.toHandle());
        await(service.module, () -> ready(managementUrl(service)), process.toHandle(), log);
    }

    /**
     * Another instance of a running service on {@code port} (its management interface on
     * {@code managementPort}), sharing its database and broker as a second replica would; ready when
     * this returns. It has no pid file: the caller stops it.
     */
    public Process launchReplica(Service service, int port, int managementPort) {
        return launchInstance(service, port, managementPort, "local", Map.of());
    }

    /**
     * An instance of a service in the given Quarkus profile, with extra environment (in {@code prod},
     * for example, {@code OIDC_AUTH_SERVER_URL}), on this platform's database and broker; ready (as its
     * management interface says) when this returns. It has no pid file: the caller stops it.
     */
    public Process launchInstance(Service service, int port, int managementPort, String profile, Map<String, String> environment) {
        Path log = logs().resolve(service.module + "-" + port + ".log");
        Process process = launch(service, port, managementPort, log, profile, environment);
        await(service.module + " on port " + port, () -> ready("http://127.0.0.1:" + managementPort), process.toHandle(), log);
        return process;
    }

    private Process launch(Service service, int port, int managementPort, Path log, String profile, Map<String, String> extraEnvironment) {
        Path jar = application(service.module).resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        List<String> jvm = new ArrayList<>(settings.serviceJvmOptions());
        if (settings.aotCache()) {
            jvm.addAll(AotCache.options(application(service.module)));
        }
        jvm.addAll(List.of("-Dquarkus.profile=" + profile, "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort,
                "-jar", jar.toString()));
        Map<String, String> env = new HashMap<>(extraEnvironment);
        environment(service).forEach(env::putIfAbsent);
        return JavaProcess.start(settings.java(), jvm, List.of(), env, log, !settings.attached());
    }

    /**
     * What a service is started with on this platform besides its JVM options: its database and
     * broker, Keycloak's settings where it runs, the key wrapping its data keys and matching-service's
     * local webhook secrets (unless the shell brings its own).
     */
    public Map<String, String> environment(Service service) {
        Postgres postgres = postgres();
        Map<String, String> env = new HashMap<>(Map.of(
                "DB_JDBC_URL", postgres.jdbcUrl(service.database),
                "DB_REACTIVE_URL", postgres.reactiveUrl(service.database),
                "DB_USER", postgres.user(),
                "DB_PASSWORD", postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap(),
                // Fewer glibc malloc arenas: less resident memory for a JVM with a handful of busy threads.
                "MALLOC_ARENA_MAX", "2"));
        if (keycloakPort != null) {
            env.putAll(Keycloak.serviceEnvironment(keycloakPort));
        }
        String privacyKey = System.getenv(PrivacyKey.VARIABLE);
        env.put(PrivacyKey.VARIABLE, privacyKey == null || privacyKey.isBlank() ? PrivacyKey.in(settings.data()) : privacyKey);
        if (service == Service.MATCHING) {
            WebhookSecrets.in(settings.data()).environment().forEach((name, secret) -> {
                if (System.getenv(name) == null) {
                    env.putIfAbsent(name, secret);
                }
            });
        }
        return env;
    }

    /**
     * Stops one part (SIGTERM, then SIGKILL after a grace period); its data stays. Returns whether it
     * ended on its own within the grace period: a service training its AOT cache ({@link AotTraining})
     * writes it on the way out, and gets longer.
     */
    public boolean stop(String component) {
        boolean recording = settings.serviceJvmOptions().stream().anyMatch(option -> option.startsWith(AotCache.RECORD));
        boolean clean = running(component).map(process -> JavaProcess.stop(process, recording ? 300 : 30)).orElse(true);
        if (component.equals("postgres")) {
            // A server whose keeper was killed outlives it: down stops it too.
            Postgres.Postmaster.of(postgresData()).ifPresent(Postgres.Postmaster::stop);
        }
        try {
            Files.deleteIfExists(pidFile(component));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clean;
    }

    /** A service's packaged application; for Kafka and PostgreSQL, a folder that does not exist. */
    public Path application(String module) {
        return settings.root().resolve(module).resolve("target/quarkus-app");
    }

    /** Services first, so nothing writes while Kafka and PostgreSQL go away. */
    public void down() {
        for (Service service : Service.values()) {
            stop(service.module);
        }
        stop("keycloak");
        stop("kafka");
        stop("postgres");
    }

    /** Stops everything and deletes the data folder: for the throwaway platforms of tests and the benchmark. */
    public void downAndDelete() {
        down();
        if (settings.data().equals(settings.root().resolve(".platform"))) {
            throw new IllegalStateException("Refusing to delete the platform's own data in " + settings.data());
        }
        try {
            JavaProcess.deleteTree(settings.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        Postgres external = Postgres.external();
        status.put("postgres", external != null ? "external " + external.address() + "  (MENTORSHIP_PG_URL)"
                : describe("postgres", "127.0.0.1:" + settings.postgresPort()));
        status.put("kafka", describe("kafka", kafkaBootstrap()));
        if (running("keycloak").isPresent()) {
            status.put("keycloak", describe("keycloak", "http://127.0.0.1:" + readPort("keycloak.port")));
        }
        // The services are asked at once: a probe may take its full timeout while the broker is down.
        Map<Service, CompletableFuture<String>> readiness = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            if (running(service.module).isPresent()) {
                readiness.put(service, CompletableFuture.supplyAsync(() -> readiness(managementUrl(service))));
            }
        }
        for (Service service : Service.values()) {
            String state = describe(service.module, serviceUrl(service));
            CompletableFuture<String> ready = readiness.get(service);
            status.put(service.module, state.equals("stopped") || ready == null ? state : state + "  " + ready.join());
        }
        return status;
    }

    private static final String READY = "ready";

    /**
     * What a running service's readiness endpoint says, asked of its management interface at
     * {@code baseUrl}: {@code ready}, {@code not ready: } and the checks that are down (the database,
     * the broker, a lagging projection), or {@code not answering} within 5 s (still starting, or hung).
     * A service answers within its Kafka check's 2 s even while the broker is down.
     */
    static String readiness(String baseUrl) {
        return readiness(baseUrl, Duration.ofSeconds(5));
    }

    private static String readiness(String baseUrl, Duration timeout) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return READY;
            }
            List<String> down = downChecks(response.body());
            return down.isEmpty() ? "not ready (HTTP " + response.statusCode() + ")" : "not ready: " + String.join(", ", down);
        } catch (IOException e) {
            return "not answering";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not answering";
        }
    }

    /** The names of the checks a MicroProfile Health answer reports DOWN; the status code when the body is not one. */
    static List<String> downChecks(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> "DOWN".equals(check.getString("status", "")))
                    .map(check -> check.getString("name", "?"))
                    .toList();
        } catch (JsonException | ClassCastException | NullPointerException e) {
            return List.of("unreadable health answer");
        }
    }

    public boolean ready(Service service) {
        return ready(managementUrl(service));
    }

    /** Whether a service's readiness is UP, asked with a short timeout, as start-up polls it. */
    private static boolean ready(String baseUrl) {
        return READY.equals(readiness(baseUrl, Duration.ofSeconds(2)));
    }

    public Optional<ProcessHandle> running(String component) {
        Path pidFile = pidFile(component);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            String[] recorded = Files.readString(pidFile).trim().split("\\s+");
            long pid = Long.parseLong(recorded[0]);
            Optional<Instant> started = recorded.length > 1 ? Optional.of(Instant.ofEpochMilli(Long.parseLong(recorded[1]))) : Optional.empty();
            // After a reboot, or once the part died long ago, the pid may belong to some other program,
            // another JVM even (an IDE, a build): status calls it stopped and down never signals it.
            return ProcessHandle.of(pid).filter(JavaProcess::alive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true))
                    .filter(p -> started.isEmpty() || JavaProcess.startedAt(p, started.get(), Duration.ofSeconds(1)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String describe(String component, String address) {
        return running(component).map(p -> "running  pid " + p.pid() + "  " + address).orElse("stopped");
    }

    /** The server the services use: the platform's own, or the one {@code MENTORSHIP_PG_URL} names. */
    public Postgres postgres() {
        Postgres external = Postgres.external();
        return external != null ? external : Postgres.connect(settings.postgresPort());
    }

    private List<String> watch() {
        return settings.attached()
                ? List.of(ParentWatch.class.getName(), Long.toString(ProcessHandle.current().pid()))
                : List.of();
    }

    private void record(String component, ProcessHandle process) {
        try {
            Files.createDirectories(pidFile(component).getParent());
            // The pid and the instant the process started (epoch milliseconds), which tells it from a later process given the same pid.
            Files.writeString(pidFile(component),
                    process.pid() + process.info().startInstant().map(started -> " " + started.toEpochMilli()).orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path postgresData() {
        return settings.data().resolve("postgres");
    }

    private String readPort(String file) {
        try {
            return Files.readString(settings.data().resolve("run").resolve(file)).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private Path pidFile(String component) {
        return settings.data().resolve("run").resolve(component + ".pid");
    }

    /** Where the platform's components write their logs, one file each. */
    public Path logs() {
        return settings.data().resolve("logs");
    }

    /**
     * A part this platform does not run, whose port something else holds, would fail minutes later
     * with a bind error deep in its log; say so before starting it.
     */
    private static void requireFree(int port, String part, String variable) {
        if (Ports.listening(port)) {
            throw new IllegalStateException("127.0.0.1:" + port + ", " + part + "'s port, is in use by another program: stop it, or choose"
                    + " another port with " + variable);
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition, ProcessHandle process, Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited during start-up; see " + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(what + " did not become ready in 90 s; see " + log);
    }
}
