package dev.mentorship.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.devstack.Ports;
import dev.mentorship.devstack.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's message-db baseline installs from the kept scripts and writes what it says it
 * writes: a figure from a broken install, or from writes that fail or land in one stream, would
 * compare the platform with something other than message-db's bare write.
 */
class MessageDbTest {

    @TempDir
    static Path data;

    private static Postgres postgres;
    private static String url;

    @BeforeAll
    static void install() throws SQLException {
        postgres = Postgres.start(Ports.free(), data.resolve("postgres"), false);
        url = MessageDb.install(postgres, "message_db_test");
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void write_message_appends_at_the_next_position_and_refuses_a_stale_expected_version() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                PreparedStatement write = connection.prepareStatement(MessageDb.WRITE)) {
            assertThat(write(write, "11111111-1111-4111-8111-111111111111", "cohort-one", -1L)).isZero();
            assertThat(write(write, "22222222-2222-4222-8222-222222222222", "cohort-one", 0L)).isEqualTo(1);

            assertThatThrownBy(() -> write(write, "33333333-3333-4333-8333-333333333333", "cohort-one", -1L))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Wrong expected version: -1 (Stream: cohort-one, Stream Version: 1)");
        }
    }

    @Test
    void the_baseline_writes_one_new_stream_of_the_cohort_category_per_counted_write() throws Exception {
        JdbcLoad.Result result = MessageDb.writeNewStreams(postgres, url, 4, Duration.ofMillis(700), false);

        assertThat(result.executed()).isPositive();
        assertThat(result.perSecond()).isPositive();
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*), count(distinct stream_name), max(position), "
                        + "count(*) filter (where category(stream_name) = 'cohort' and type = 'CohortOpened' and data->>'name' = 'Bench') "
                        + "from messages where category(stream_name) = 'cohort' and stream_name <> 'cohort-one'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("messages written").isEqualTo(result.executed());
            assertThat(rs.getLong(2)).as("streams").isEqualTo(result.executed());
            assertThat(rs.getLong(3)).as("highest position: every stream new").isZero();
            assertThat(rs.getLong(4)).as("cohort events").isEqualTo(result.executed());
        }
    }

    @Test
    void with_a_category_per_client_each_client_writes_new_streams_of_its_own_category() throws Exception {
        JdbcLoad.Result result = MessageDb.writeNewStreams(postgres, url, 3, Duration.ofMillis(700), true);

        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select category(stream_name), count(*), count(distinct stream_name), max(position) "
                        + "from messages where category(stream_name) like 'cohort_%' group by 1 order by 1")) {
            long written = 0;
            for (String category : new String[] {"cohort0", "cohort1", "cohort2"}) {
                assertThat(rs.next()).as("a category for each client").isTrue();
                assertThat(rs.getString(1)).isEqualTo(category);
                assertThat(rs.getLong(2)).as("messages in " + category).isPositive().isEqualTo(rs.getLong(3));
                assertThat(rs.getLong(4)).as("highest position in " + category).isZero();
                written += rs.getLong(2);
            }
            assertThat(rs.next()).as("no other category").isFalse();
            assertThat(written).isEqualTo(result.executed());
        }
    }

    private static long write(PreparedStatement write, String id, String stream, long expectedVersion) throws SQLException {
        write.setString(1, id);
        write.setString(2, stream);
        write.setString(3, "CohortOpened");
        write.setString(4, "{\"name\":\"Spring\"}");
        write.setString(5, "{}");
        write.setLong(6, expectedVersion);
        try (ResultSet rs = write.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
