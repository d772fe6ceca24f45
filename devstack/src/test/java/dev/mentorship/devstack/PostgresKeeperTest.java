package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's PostgreSQL server runs under a small JVM that keeps it (the pid file's process).
 * Either can die without the other: the keeper killed with SIGKILL leaves the server running on its
 * port, and the server killed or crashed leaves the keeper waiting. {@code up} (ensurePostgres) and
 * {@code down} (stop) must handle both without a user hunting processes down.
 */
class PostgresKeeperTest {

    @TempDir
    Path data;

    private Platform platform;

    @BeforeEach
    void start() throws Exception {
        platform = new Platform(Platform.Settings.isolated(data, data));
        platform.ensurePostgres();
        execute("create table kept (note text); insert into kept values ('before')");
    }

    @AfterEach
    void stop() {
        platform.down();
    }

    @Test
    void a_server_that_outlived_its_keeper_is_taken_over_by_up_and_stopped_by_down() throws Exception {
        ProcessHandle server = server();
        try (Connection session = connect()) {
            kill(platform.running("postgres").orElseThrow());
            assertThat(platform.status()).containsEntry("postgres", "stopped");
            assertThat(server.isAlive()).as("the server outlives its keeper").isTrue();

            platform.ensurePostgres();

            assertThat(platform.running("postgres")).as("a new keeper").isPresent();
            assertThat(server()).as("the same server, taken over rather than restarted").isEqualTo(server);
            assertThat(session.isValid(5)).as("a session opened before is still served").isTrue();
            assertThat(notes()).isEqualTo("before");
        }

        platform.stop("postgres");

        assertThat(server.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Ports.listening(platform.settings().postgresPort())).isFalse();
    }

    @Test
    void down_stops_a_server_whose_keeper_was_killed() throws Exception {
        ProcessHandle server = server();
        kill(platform.running("postgres").orElseThrow());

        platform.down();

        assertThat(server.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Ports.listening(platform.settings().postgresPort())).isFalse();
    }

    @Test
    void a_keeper_whose_server_died_exits_and_up_starts_the_server_again_with_its_data() throws Exception {
        ProcessHandle keeper = platform.running("postgres").orElseThrow();
        ProcessHandle server = server();

        kill(server);

        assertThat(keeper.onExit().get(60, TimeUnit.SECONDS).isAlive()).as("the keeper goes with its server").isFalse();
        assertThat(platform.status()).containsEntry("postgres", "stopped");
        platform.ensurePostgres();
        assertThat(server()).isNotEqualTo(server);
        assertThat(notes()).as("committed data survives the crash").isEqualTo("before");
    }

    private ProcessHandle server() {
        return Postgres.Postmaster.of(data.resolve("postgres")).orElseThrow().process();
    }

    private static void kill(ProcessHandle process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor()).isZero();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    private Connection connect() throws Exception {
        Postgres postgres = platform.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String notes() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select string_agg(note, ',') from kept")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
