package dev.mentorship.eventsourcing.projection;

import dev.mentorship.eventsourcing.config.KernelConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a read model is too far behind the log to answer truthfully. */
@Readiness
@ApplicationScoped
public class ProjectionLagCheck implements HealthCheck {

    private final ProjectionRunner runner;
    private final KernelConfig config;

    public ProjectionLagCheck(ProjectionRunner runner, KernelConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("projections").up();
        runner.lag().forEach((name, behind) -> {
            response.withData(name, behind);
            if (behind > config.projections().maxReadyLag()) {
                response.down();
            }
        });
        return response.build();
    }
}
