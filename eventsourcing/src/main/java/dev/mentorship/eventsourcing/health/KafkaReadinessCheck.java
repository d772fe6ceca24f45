package dev.mentorship.eventsourcing.health;

import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.outbox.KafkaSettings;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the Kafka cluster cannot be reached, and never slow to say so.
 *
 * <p>Quarkus' own check ({@code quarkus.kafka.health.enabled}) waits for the cluster's description
 * without a limit of its own: with the broker down, each readiness probe held a worker thread for
 * the admin client's 60 s API timeout, the answer came after the prober had given up, and probes
 * piled up on the worker pool that blocking endpoints share. This check asks with a deadline
 * ({@code mentorship.health.kafka-timeout}, 2 s) and without blocking a thread, and answers DOWN with
 * the reason when the deadline passes. Its admin client takes the connection and security settings
 * of the services' other Kafka clients ({@code kafka.*}).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

    /** The name Quarkus' check had, which dashboards and alerts may already look for. */
    public static final String NAME = "Kafka connection health check";

    private final Map<String, Object> kafka;
    private final Duration timeout;
    private Admin admin;

    @Inject
    public KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            KernelConfig config) {
        this.kafka = kafka;
        this.timeout = config.health().kafkaTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        int millis = (int) timeout.toMillis();
        return Uni.createFrom().completionStage(
                        () -> admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes().toCompletionStage())
                .ifNoItem().after(timeout.plusMillis(500)).fail()
                .map(nodes -> HealthCheckResponse.named(NAME).up()
                        .withData("nodes", nodes.stream().map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(",")))
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()))
                        .build());
    }

    /** Created on the first probe, so that a service whose readiness nobody asks for opens no connection for it. */
    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = KafkaSettings.known(kafka, AdminClientConfig.configNames());
            int millis = (int) timeout.toMillis();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-" + config.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG, "check"));
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
