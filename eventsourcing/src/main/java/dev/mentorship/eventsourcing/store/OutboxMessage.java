package dev.mentorship.eventsourcing.store;

/** What the relay will send to Kafka for one event: a CloudEvent in binary mode. */
public record OutboxMessage(
        String topic,
        String key,
        String ceType,
        String ceSource,
        String ceSubject,
        String payload,
        String correlationId) {
}
