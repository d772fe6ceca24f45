package dev.mentorship.eventsourcing.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ProjectionLagCheckTest {

    @Test
    void ready_while_every_projection_is_within_the_limit_and_each_lag_is_reported() {
        HealthCheckResponse response = new ProjectionLagCheck(() -> lags(0, 1000), Map::of, () -> 1000).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getName()).isEqualTo("projections");
        assertThat(response.getData()).hasValueSatisfying(data ->
                assertThat(data).containsEntry("directory", 0L).containsEntry("roster", 1000L));
    }

    @Test
    void not_ready_once_one_projection_is_further_behind_than_the_limit() {
        HealthCheckResponse response = new ProjectionLagCheck(() -> lags(0, 1001), Map::of, () -> 1000).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("roster", 1001L));
    }

    @Test
    void a_failing_projection_is_named_with_its_event_and_stays_ready_while_within_the_limit() {
        HealthCheckResponse response = new ProjectionLagCheck(() -> lags(0, 3),
                () -> Map.of("roster", "event 0190 (MatchStarted, stream match-1 version 2, position 7): boom (failed 2 times)"),
                () -> 1000).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry("roster.failing", "event 0190 (MatchStarted, stream match-1 version 2, position 7): boom (failed 2 times)"));
    }

    private static Map<String, Long> lags(long directory, long roster) {
        Map<String, Long> lags = new LinkedHashMap<>();
        lags.put("directory", directory);
        lags.put("roster", roster);
        return lags;
    }
}
