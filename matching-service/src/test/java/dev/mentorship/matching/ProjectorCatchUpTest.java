package dev.mentorship.matching;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The projector works through a backlog several batches long, most of it events the projection
 * ignores, and its lag gauge comes back to zero; the service's own connections end transactions
 * left idle, so nothing can hold the projections back for long.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ProjectorCatchUpTest {

    private static final Pattern DIRECTORY_LAG = Pattern.compile("projection_lag\\{projection=\"directory\"[^}]*} ([0-9.E]+)");

    @Inject
    AgroalDataSource jdbc;

    @Inject
    Pool pool;

    // Health and metrics are on the management interface, a port of its own.
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void a_backlog_of_several_batches_is_projected_and_the_lag_returns_to_zero() throws Exception {
        // 2,600 events (over five batches of 500) that the directory ignores, written in one transaction
        // while the projector is busy with nothing else, then a mentor it must list.
        try (Connection connection = jdbc.getConnection();
                PreparedStatement backlog = connection.prepareStatement(
                        "insert into events (stream_id, version, event_id, type, payload) "
                                + "select 'Cohort-backlog-' || n || '-' || ?, 1, gen_random_uuid(), 'CohortOpened', "
                                + "jsonb_build_object('cohortId', 'backlog-' || n, 'name', 'Backlog ' || n) "
                                + "from generate_series(1, 2600) n")) {
            backlog.setString(1, UUID.randomUUID().toString());
            assertThat(backlog.executeUpdate()).isEqualTo(2600);
        }
        String mentorId = Api.mentor("catch-up-" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(listed(mentorId)).as("mentor in the directory").isTrue();
            assertThat(directoryLag()).as("directory lag gauge").isZero();
        });
        given().get(readiness).then().statusCode(200);
    }

    @Test
    void the_service_connections_end_transactions_left_idle_and_name_themselves() {
        Row settings = pool.query("select current_setting('idle_in_transaction_session_timeout') as idle, "
                + "current_setting('application_name') as name").execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertThat(settings.getString("idle")).isEqualTo("1min");
        assertThat(settings.getString("name")).isEqualTo("matching-service");
    }

    private boolean listed(String mentorId) throws Exception {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement query = connection.prepareStatement("select 1 from mentor_directory where mentor_id = ?")) {
            query.setString(1, mentorId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private double directoryLag() {
        Matcher lag = DIRECTORY_LAG.matcher(given().get(metrics).then().statusCode(200).extract().asString());
        assertThat(lag.find()).as("directory lag in /q/metrics").isTrue();
        return Double.parseDouble(lag.group(1));
    }
}
