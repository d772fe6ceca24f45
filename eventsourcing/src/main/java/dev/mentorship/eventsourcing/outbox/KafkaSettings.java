package dev.mentorship.eventsourcing.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The services' own Kafka settings ({@code kafka.*}, which Quarkus hands out as the
 * {@code default-kafka-broker} map: the brokers, and any security settings such as
 * {@code security.protocol} or {@code sasl.jaas.config}) for the clients the kernel creates itself
 * (the outbox relay's and the dead letters' producers, the topic and readiness admin clients), so
 * that they reach the same cluster the same way as the services' channels.
 */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /**
     * The settings a client of one kind knows, for example {@code ProducerConfig.configNames()}; the
     * rest (a consumer's {@code group.id} for a producer) would only be warned about as unknown.
     */
    public static Map<String, Object> known(Map<String, Object> kafka, Set<String> names) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (names.contains(name) && value != null) {
                settings.put(name, value.toString());
            }
        });
        return settings;
    }
}
