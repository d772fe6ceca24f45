package dev.mentorship.eventsourcing.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An event about to be appended, with the outbox message that publishes it, if it is published. */
public record NewEvent(
        UUID eventId,
        String type,
        int schemaVersion,
        String payload,
        String metadata,
        Instant recordedAt,
        Optional<OutboxMessage> publication) {
}
