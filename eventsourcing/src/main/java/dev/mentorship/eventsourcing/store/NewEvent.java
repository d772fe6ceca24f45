package dev.mentorship.eventsourcing.store;

import dev.mentorship.eventsourcing.privacy.PersonalField;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An event about to be appended, with the outbox message that publishes it, if it is published,
 * and its personal fields, which the store encrypts before it writes them.
 */
public record NewEvent(
        UUID eventId,
        String type,
        int schemaVersion,
        String payload,
        String metadata,
        Instant recordedAt,
        Optional<OutboxMessage> publication,
        List<PersonalField> personal) {

    public NewEvent(UUID eventId, String type, int schemaVersion, String payload, String metadata, Instant recordedAt,
            Optional<OutboxMessage> publication) {
        this(eventId, type, schemaVersion, payload, metadata, recordedAt, publication, List.of());
    }

    /** The same event with its personal fields sealed: nothing left to encrypt. */
    public NewEvent sealed(String sealedPayload, String sealedMetadata) {
        return new NewEvent(eventId, type, schemaVersion, sealedPayload, sealedMetadata, recordedAt, publication, List.of());
    }
}
