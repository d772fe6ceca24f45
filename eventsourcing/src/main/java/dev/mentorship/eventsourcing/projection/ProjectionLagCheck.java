package dev.mentorship.eventsourcing.projection;

import dev.mentorship.eventsourcing.config.KernelConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a read model is too far behind the log to answer truthfully. A projection that
 * keeps failing on an event is named in the check's data with that event; it turns the check DOWN
 * once the events waiting behind it pass the limit, like any other lag.
 */
@Readiness
@ApplicationScoped
public class ProjectionLagCheck implements HealthCheck {

    private final Supplier<Map<String, Long>> lag;
    private final Supplier<Map<String, String>> failing;
    private final LongSupplier maxReadyLag;

    @Inject
    public ProjectionLagCheck(ProjectionRunner runner, KernelConfig config) {
        this(runner::lag, runner::failing, () -> config.projections().maxReadyLag());
    }

    ProjectionLagCheck(Supplier<Map<String, Long>> lag, Supplier<Map<String, String>> failing, LongSupplier maxReadyLag) {
        this.lag = lag;
        this.failing = failing;
        this.maxReadyLag = maxReadyLag;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("projections").up();
        long limit = maxReadyLag.getAsLong();
        lag.get().forEach((name, behind) -> {
            response.withData(name, behind);
            if (behind > limit) {
                response.down();
            }
        });
        failing.get().forEach((name, reason) -> response.withData(name + ".failing", reason));
        return response.build();
    }
}
