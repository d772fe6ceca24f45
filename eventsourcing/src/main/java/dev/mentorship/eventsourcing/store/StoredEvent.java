package dev.mentorship.eventsourcing.store;

import java.time.Instant;
import java.util.UUID;

/** One row of the event store, as read back. {@code payload} and {@code metadata} are JSON text. */
public record StoredEvent(
        long position,
        long transactionId,
        String streamId,
        int version,
        UUID eventId,
        String type,
        int schemaVersion,
        String payload,
        String metadata,
        Instant recordedAt) {

    /** The same event with another payload: its personal fields opened. */
    public StoredEvent withPayload(String opened) {
        return new StoredEvent(position, transactionId, streamId, version, eventId, type, schemaVersion, opened, metadata, recordedAt);
    }
}
