package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.projection.ProjectionLagCheck;
import dev.mentorship.eventsourcing.projection.ProjectionRunner;
import dev.mentorship.eventsourcing.store.StoredEvent;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * A projection that throws on an event is retried with back-off and reported (metric, readiness
 * detail naming the event), while the service's other projections keep applying the log; once it
 * can apply the event, it catches up and the report clears.
 */
@QuarkusTest
@TestProfile(ProjectionFailureTest.WithRefusingProjection.class)
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ProjectionFailureTest {

    /**
     * Refuses events of type {@code Unprocessable} while {@link #REFUSING} is set. A bean only in this
     * test's profile (an enabled alternative would hide the service's own projections from the runner).
     */
    @IfBuildProperty(name = "projection-failure-test.refusing", stringValue = "on")
    @ApplicationScoped
    public static class RefusingProjection implements Projection {

        static final AtomicBoolean REFUSING = new AtomicBoolean(true);

        @Override
        public String name() {
            // Named to come before "directory": the runner steps projections in name order.
            return "a-refusing";
        }

        @Override
        public Uni<Void> apply(StoredEvent event) {
            if (REFUSING.get() && event.type().equals("Unprocessable")) {
                throw new IllegalStateException("cannot apply this");
            }
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> reset() {
            return Uni.createFrom().voidItem();
        }
    }

    public static class WithRefusingProjection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("projection-failure-test.refusing", "on");
        }
    }

    @Inject
    AgroalDataSource jdbc;

    @Inject
    ProjectionRunner runner;

    @Inject
    @Readiness
    ProjectionLagCheck readiness;

    @Inject
    MeterRegistry metrics;

    @Test
    void a_projection_failing_on_an_event_is_retried_and_reported_while_the_others_keep_up() throws Exception {
        UUID poison = UUID.randomUUID();
        try (Connection connection = jdbc.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into events (stream_id, version, event_id, type, payload) "
                        + "values (?, 1, ?, 'Unprocessable', '{}'::jsonb)")) {
            insert.setString(1, "test-unprocessable-" + poison);
            insert.setObject(2, poison);
            insert.executeUpdate();
        }
        String mentorId = Api.mentor(Api.unique("jedi"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(listed(mentorId)).as("the directory keeps applying the log; failing %s lag %s", runner.failing(), runner.lag()).isTrue();
            assertThat(runner.failing()).hasEntrySatisfying("a-refusing", reason -> assertThat(reason)
                    .contains(poison.toString()).contains("Unprocessable").contains("cannot apply this"));
            assertThat(metrics.counter("projection.failures", "projection", "a-refusing").count()).isGreaterThanOrEqualTo(2);
            assertThat(metrics.get("projection.failing").tag("projection", "a-refusing").gauge().value()).isEqualTo(1.0);
            assertThat(runner.lag().get("a-refusing")).as("the events waiting behind the failing one count as lag").isPositive();
            assertThat(readiness.call().getData()).hasValueSatisfying(data ->
                    assertThat(String.valueOf(data.get("a-refusing.failing"))).contains(poison.toString()));
        });
        assertThat(runner.failing()).doesNotContainKey("directory");

        RefusingProjection.REFUSING.set(false);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(runner.failing()).isEmpty();
            assertThat(runner.lag()).containsEntry("a-refusing", 0L);
            assertThat(metrics.get("projection.failing").tag("projection", "a-refusing").gauge().value()).isZero();
        });
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
}
