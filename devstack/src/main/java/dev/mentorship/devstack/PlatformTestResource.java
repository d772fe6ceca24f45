package dev.mentorship.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Hands a {@code @QuarkusTest} real infrastructure: a fresh database named by the {@code database}
 * argument on the shared PostgreSQL, and the shared Kafka broker.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> args) {
        database = args.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.shared();
        Postgres postgres = infrastructure.postgres();
        postgres.createDatabase(database, true);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // The infrastructure outlives a single application start; the JVM's exit stops it.
    }
}
