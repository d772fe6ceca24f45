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

/** Not ready while a read model is too far behind the log to answer truthfully. */
@Readiness
@ApplicationScoped
public class ProjectionLagCheck implements HealthCheck {

    private final Supplier<Map<String, Long>> lag;
    private final LongSupplier maxReadyLag;

    @Inject
    public ProjectionLagCheck(ProjectionRunner runner, KernelConfig config) {
        this(runner::lag, () -> config.projections().maxReadyLag());
    }

    ProjectionLagCheck(Supplier<Map<String, Long>> lag, LongSupplier maxReadyLag) {
        this.lag = lag;
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
        return response.build();
    }
}
