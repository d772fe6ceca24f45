package dev.mentorship.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Ports;
import dev.mentorship.devstack.Postgres;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/platform} as a person types it: the script, its banner, {@code status}, {@code token},
 * {@code down}, a foreground {@code up} stopped by a signal, and {@code up} run again after a crash.
 * Every port and the data folder are the test's own, so it never meets a platform running beside it.
 */
class PlatformCommandTest {

    private static final Path ROOT = Checkout.root();
    private static final List<String> COMPONENTS = List.of("postgres", "kafka", "matching-service", "progress-service", "feedback-service");

    private Path data;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    @BeforeEach
    void isolate() throws IOException {
        data = Files.createTempDirectory("mentorship-cli-");
        List<String> variables = List.of("PLATFORM_PG_PORT", "PLATFORM_KAFKA_PORT", "PLATFORM_KAFKA_CONTROLLER_PORT", "MATCHING_PORT",
                "PROGRESS_PORT", "FEEDBACK_PORT", "MATCHING_MANAGEMENT_PORT", "PROGRESS_MANAGEMENT_PORT", "FEEDBACK_MANAGEMENT_PORT");
        // Drawn together, so that no two are the same (PortsTest).
        int[] free = Ports.free(variables.size());
        for (int i = 0; i < free.length; i++) {
            ports.put(variables.get(i), free[i]);
        }
        ports.forEach((name, port) -> environment.put(name, Integer.toString(port)));
        environment.put("PLATFORM_DATA", data.toString());
    }

    @AfterEach
    void cleanUp() {
        run("down");
        // Whatever a failed test left behind: the same pid files, then the folder.
        new Platform(Platform.Settings.isolated(ROOT, data)).downAndDelete();
    }

    @Test
    void token_prints_only_the_token_and_refuses_a_role_no_service_knows_or_a_blank_subject() {
        Result token = run("token", "--role", "mentor", "--subject", "jedi-1");
        assertThat(token.exit()).isZero();
        assertThat(token.stdout().lines().toList()).singleElement().satisfies(line -> assertThat(line).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));
        assertThat(token.stderr()).isEmpty();

        Result unknown = run("token", "--role", "superuser", "--subject", "jedi-1");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr()).contains("unknown role 'superuser'").contains("program-office");

        Result missing = run("token", "--subject", "jedi-1");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("--role is required");

        // The services refuse a token that names no one; the command says so instead of printing one.
        Result blank = run("token", "--role", "mentor", "--subject", " ");
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.stdout()).isEmpty();
        assertThat(blank.stderr()).contains("--subject must be 1 to 255 characters");
    }

    @Test
    void up_refuses_a_port_another_program_holds_naming_the_variable_that_moves_it() throws IOException {
        try (ServerSocket squatter = new ServerSocket(ports.get("PLATFORM_PG_PORT"), 50, InetAddress.getLoopbackAddress())) {
            Result up = run("up", "--detach");

            assertThat(up.exit()).isEqualTo(1);
            assertThat(up.stderr()).contains("127.0.0.1:" + squatter.getLocalPort()).contains("in use").contains("PLATFORM_PG_PORT")
                    .doesNotContain("\tat ");
            assertThat(status().values()).containsOnly("stopped");
        }
    }

    @Test
    void up_serves_on_the_chosen_ports_keeps_state_restarts_only_what_is_down_and_leaves_nothing_behind() throws Exception {
        // As on a machine that has never unpacked the PostgreSQL binaries (or whose temporary folder a
        // reboot emptied): the first up unpacks them before it starts the server.
        Path binaries = data.resolve("embedded-pg");
        environment.put("JAVA_TOOL_OPTIONS", "-Dot.epg.working-dir=" + binaries);
        // A foreground up, stopped with SIGTERM as Ctrl-C's neighbour: every child goes with it.
        Process foreground = start("up");
        String banner = awaitOutput(foreground, "Press Ctrl-C to stop everything.");
        environment.remove("JAVA_TOOL_OPTIONS");
        try (Stream<Path> unpacked = Files.list(binaries)) {
            assertThat(unpacked.filter(folder -> Files.isExecutable(folder.resolve("bin/postgres")))).as("binaries unpacked into " + binaries)
                    .singleElement();
        }
        assertThat(banner).contains("http://127.0.0.1:" + ports.get("MATCHING_PORT"))
                .contains("http://127.0.0.1:" + ports.get("PROGRESS_PORT"))
                .contains("http://127.0.0.1:" + ports.get("FEEDBACK_PORT"))
                .contains("management http://127.0.0.1:" + ports.get("MATCHING_MANAGEMENT_PORT"))
                .contains("management http://127.0.0.1:" + ports.get("PROGRESS_MANAGEMENT_PORT"))
                .contains("management http://127.0.0.1:" + ports.get("FEEDBACK_MANAGEMENT_PORT"))
                .contains("127.0.0.1:" + ports.get("PLATFORM_KAFKA_PORT"))
                .contains("127.0.0.1:" + ports.get("PLATFORM_PG_PORT"));
        assertThat(ports.values()).allSatisfy(port ->
                assertThat(listeningAddresses(port)).as("addresses listening on port " + port).isNotEmpty().allMatch(LOOPBACK::contains));
        String office = token("program-office", "office-1");
        String mentorId = given().auth().oauth2(office).contentType(ContentType.JSON)
                .body(Map.of("name", "Tammy", "email", "tammy@example.com", "subject", "jedi-1", "sreExperienceYears", 6,
                        "skills", List.of("observability"), "timezone", "America/Los_Angeles", "capacity", 2, "managerId", "m-1"))
                .post(url("MATCHING_PORT", "/mentors")).then().statusCode(201).extract().path("id");
        List<ProcessHandle> children = foreground.toHandle().descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(COMPONENTS.size());

        foreground.destroy();
        assertThat(foreground.waitFor(120, TimeUnit.SECONDS)).as("the launcher exits on SIGTERM").isTrue();
        assertNothingLeft(children);
        assertThat(status().values()).containsOnly("stopped");

        // Detached, on the same data: what was stored is still there.
        Result detached = run("up", "--detach");
        assertThat(detached.exit()).as(detached.stderr()).isZero();
        assertThat(detached.stdout()).contains("Running in the background");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(office)
                .get(url("MATCHING_PORT", "/mentors/" + mentorId)).then().statusCode(200).body("name", equalTo("Tammy")));
        Map<String, Long> before = pids();
        assertThat(before).containsOnlyKeys(COMPONENTS);
        assertThat(status()).allSatisfy((component, state) -> {
            if (component.endsWith("-service")) {
                assertThat(state).as(component).endsWith("  ready");
            }
        });

        // A crashed service and a stopped broker: up starts those two and leaves the rest alone.
        ProcessHandle crashed = ProcessHandle.of(before.get("progress-service")).orElseThrow();
        crashed.destroyForcibly();
        crashed.onExit().get(30, TimeUnit.SECONDS);
        ProcessHandle broker = ProcessHandle.of(before.get("kafka")).orElseThrow();
        broker.destroy();
        broker.onExit().get(60, TimeUnit.SECONDS);
        assertThat(status()).containsEntry("progress-service", "stopped").containsEntry("kafka", "stopped");
        // status tells a running service from a ready one, and says which check is down.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status().get("matching-service"))
                .startsWith("running").contains("not ready: ").containsIgnoringCase("kafka"));

        Result again = run("up", "--detach");
        assertThat(again.exit()).as(again.stderr()).isZero();
        Map<String, Long> after = pids();
        assertThat(after).containsOnlyKeys(COMPONENTS);
        for (String untouched : List.of("postgres", "matching-service", "feedback-service")) {
            assertThat(after.get(untouched)).as(untouched + " is left running").isEqualTo(before.get(untouched));
        }
        assertThat(after.get("kafka")).isNotEqualTo(before.get("kafka"));
        assertThat(after.get("progress-service")).isNotEqualTo(before.get("progress-service"));
        // The services left running reconnect to the new broker on their own, within their clients' back-off.
        for (String management : List.of("MATCHING_MANAGEMENT_PORT", "PROGRESS_MANAGEMENT_PORT", "FEEDBACK_MANAGEMENT_PORT")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(url(management, "/q/health/ready")).then().statusCode(200));
        }

        // down stops every part and what each part started.
        List<ProcessHandle> running = new ArrayList<>();
        after.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(process -> {
            running.add(process);
            process.descendants().forEach(running::add);
        }));
        Result down = run("down");
        assertThat(down.exit()).isZero();
        assertNothingLeft(running);
        assertThat(status().values()).containsOnly("stopped");
    }

    @Test
    void with_MENTORSHIP_PG_URL_the_services_use_that_server_the_platform_starts_none_of_its_own_and_ctrl_c_stops_the_rest() throws Exception {
        try (Postgres existing = Postgres.start(Ports.free(), data.resolve("existing-postgres"), false)) {
            environment.put("MENTORSHIP_PG_URL", "jdbc:postgresql://127.0.0.1:" + existing.port() + "/");
            // In the foreground, in a process group of its own, as a terminal runs it.
            Process foreground = startInOwnGroup("up");
            String banner = awaitOutput(foreground, "Press Ctrl-C to stop everything.");
            assertThat(banner).contains("postgresql        127.0.0.1:" + existing.port());
            assertThat(Ports.listening(ports.get("PLATFORM_PG_PORT"))).as("the platform's own PostgreSQL port").isFalse();
            assertThat(status().get("postgres")).startsWith("external 127.0.0.1:" + existing.port());

            String cohortId = given().auth().oauth2(token("program-office", "office-1")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Spring")).post(url("MATCHING_PORT", "/cohorts")).then().statusCode(201).extract().path("id");
            try (Connection connection = DriverManager.getConnection(existing.jdbcUrl("matching"), existing.user(), existing.password());
                    PreparedStatement query = connection.prepareStatement("select count(*) from events where stream_id like ?")) {
                query.setString(1, "%" + cohortId);
                try (ResultSet rows = query.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).as("the cohort's events, in the existing server").isEqualTo(1);
                }
            }

            // Ctrl-C: the terminal sends SIGINT to the whole foreground group, launcher and children alike.
            List<ProcessHandle> children = foreground.toHandle().descendants().toList();
            assertThat(new ProcessBuilder("kill", "-INT", "--", "-" + foreground.pid()).start().waitFor()).isZero();
            assertThat(foreground.waitFor(120, TimeUnit.SECONDS)).as("the launcher exits on Ctrl-C").isTrue();
            assertThat(read(data.resolve("foreground.txt"))).contains("Stopping the platform...");
            assertNothingLeft(children);
            assertThat(status()).containsEntry("matching-service", "stopped");
            assertThat(Ports.listening(existing.port())).as("stopping leaves a server it did not start alone").isTrue();
        }
    }

    /** 127.0.0.1, ::1 and ::ffff:127.0.0.1 as /proc/net/tcp and tcp6 write them. */
    private static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F");

    /** The local addresses of the sockets listening on {@code port}, from /proc/net/tcp and tcp6. */
    private static List<String> listeningAddresses(int port) {
        String suffix = String.format(":%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            read(Path.of(table)).lines().skip(1).map(String::strip).map(line -> line.split("\\s+"))
                    .filter(fields -> fields[1].endsWith(suffix) && fields[3].equals("0A"))
                    .forEach(fields -> addresses.add(fields[1].substring(0, fields[1].indexOf(':'))));
        }
        return addresses;
    }

    private void assertNothingLeft(List<ProcessHandle> processes) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)).as("processes still alive").isEmpty());
        assertThat(ports.values().stream().filter(Ports::listening)).as("ports still open").isEmpty();
    }

    private String token(String role, String subject) {
        Result token = run("token", "--role", role, "--subject", subject);
        assertThat(token.exit()).isZero();
        return token.stdout().trim();
    }

    /** {@code status}: component → "stopped", or its pid and address. */
    private Map<String, String> status() {
        Result status = run("status");
        assertThat(status.exit()).isZero();
        Map<String, String> parts = new LinkedHashMap<>();
        status.stdout().lines().map(String::strip).filter(line -> !line.isEmpty())
                .forEach(line -> parts.put(line.split("\\s+", 2)[0], line.split("\\s+", 2)[1]));
        return parts;
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        status().forEach((component, state) -> {
            if (state.startsWith("running")) {
                pids.put(component, Long.parseLong(state.split("\\s+")[2]));
            }
        });
        return pids;
    }

    private String url(String portVariable, String path) {
        return "http://127.0.0.1:" + ports.get(portVariable) + path;
    }

    private Result run(String... arguments) {
        try {
            Path out = Files.createTempFile(data, "out-", ".txt");
            Path err = Files.createTempFile(data, "err-", ".txt");
            Process process = builder(arguments).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bin/platform " + String.join(" ", arguments) + " did not finish in 300 s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Process start(String... arguments) throws IOException {
        return builder(arguments).redirectErrorStream(true).redirectOutput(data.resolve("foreground.txt").toFile()).start();
    }

    /**
     * {@code setsid env --default-signal=INT bin/platform ...}: the launcher leads a new process group
     * (and session) and takes SIGINT as a terminal's foreground job does. A test run may inherit
     * SIGINT ignored (a background job of a non-interactive shell, as some CI agents run their
     * steps), and a JVM started so runs no shutdown hook on SIGINT and lets no handler be installed.
     */
    private Process startInOwnGroup(String... arguments) throws IOException {
        ProcessBuilder builder = builder(arguments);
        List<String> command = new ArrayList<>(builder.command());
        command.addAll(0, List.of("setsid", "env", "--default-signal=INT"));
        return builder.command(command).redirectErrorStream(true).redirectOutput(data.resolve("foreground.txt").toFile()).start();
    }

    private String awaitOutput(Process process, String line) {
        Path output = data.resolve("foreground.txt");
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as(() -> "bin/platform up exited: " + read(output)).isTrue();
            return read(output).contains(line);
        });
        return read(output);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessBuilder builder(String... arguments) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/platform").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("MENTORSHIP_PG_URL");
        builder.environment().remove("SERVICE_JAVA_OPTS");
        builder.environment().putAll(environment);
        return builder;
    }

    private record Result(int exit, String stdout, String stderr) {
    }
}
