package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.eventsourcing.outbox.OutboxRelay;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay's fetch, prepared while the outbox is empty (its usual state), still reads a backlog by
 * the primary key. Left to the plan cache, PostgreSQL settled on a plan made for an empty table (a
 * sequential scan and a sort) and then read the whole backlog for every batch.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class OutboxFetchPlanTest {

    @Inject
    AgroalDataSource jdbc;

    @Test
    void a_backlog_after_idle_fetches_is_read_by_the_primary_key() throws SQLException {
        assertThat(planAfterIdleFetches(true)).anyMatch(line -> line.contains("Index Scan using outbox_pkey"))
                .noneMatch(line -> line.contains("Seq Scan"));
    }

    @Test
    void without_the_relays_session_settings_the_plan_cache_falls_into_the_trap() throws SQLException {
        // The control: shows that the test above would see the trap were the setting gone.
        assertThat(planAfterIdleFetches(false)).anyMatch(line -> line.contains("Seq Scan"));
    }

    @Test
    void the_relays_session_is_ended_by_the_server_within_30_s_of_its_peer_going_silent() throws SQLException {
        // The relay's session holds the advisory lock: the server must notice a dead relay machine
        // (keepalives unanswered, or data unacknowledged) well before the OS default of two hours.
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            OutboxRelay.configureSession(connection);
            try {
                int idle = seconds(statement, "tcp_keepalives_idle");
                int interval = seconds(statement, "tcp_keepalives_interval");
                int count = Integer.parseInt(show(statement, "tcp_keepalives_count"));
                assertThat(idle + interval * count).isLessThanOrEqualTo(30);
                assertThat(show(statement, "tcp_user_timeout")).isIn("20s", "20000ms", "20000");
            } finally {
                statement.execute("reset all");
            }
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("show " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int seconds(Statement statement, String setting) throws SQLException {
        String value = show(statement, setting).replaceAll("s$", "");
        assertThat(value).as(setting + " (0 would mean the operating system's default)").isNotEqualTo("0");
        return Integer.parseInt(value);
    }

    /**
     * On a session-private outbox of the same shape (a temporary table comes first in the search
     * path, so the relay's SQL reads it and the service's relay never sees it): the relay's fetch run
     * on the empty table as often as an idle relay runs it, then 50,000 rows, then the plan.
     */
    private List<String> planAfterIdleFetches(boolean relaySession) throws SQLException {
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            if (relaySession) {
                OutboxRelay.configureSession(connection);
            }
            statement.execute("create temp table outbox (like public.outbox including all)");
            try {
                statement.execute("analyze outbox");
                statement.execute("prepare relay_fetch(int) as " + OutboxRelay.FETCH.replace("?", "$1"));
                for (int i = 0; i < 12; i++) {
                    statement.executeQuery("execute relay_fetch(500)").close();
                }
                statement.execute("insert into outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload) "
                        + "select gen_random_uuid(), 'mentorship.test.backlog', g::text, 'mentorship.test.Filler.v1', '/test', g::text, now(), "
                        + "'{\"pad\":\"" + "x".repeat(220) + "\"}' from generate_series(1, 50000) g");
                List<String> plan = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("explain execute relay_fetch(500)")) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
                return plan;
            } finally {
                statement.execute("deallocate all");
                statement.execute("drop table pg_temp.outbox");
                statement.execute("reset all");
            }
        }
    }
}
