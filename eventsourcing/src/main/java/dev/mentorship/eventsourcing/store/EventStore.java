package dev.mentorship.eventsourcing.store;

import dev.mentorship.eventsourcing.reactive.InOrder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The PostgreSQL event store. Every method runs on the current reactive session, so an append, its
 * outbox rows and whatever else the caller writes in the same transaction commit or fail together.
 */
@ApplicationScoped
public class EventStore {

    static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_unique";
    static final String EVENT_ID_CONSTRAINT = "events_event_id_key";

    private static final String COLUMNS = "position, transaction_id::text, stream_id, version, event_id::text, type, "
            + "schema_version, payload::text, metadata::text, recorded_at";

    public Uni<List<StoredEvent>> readStream(String streamId) {
        return SessionSql.select("select " + COLUMNS + " from events where stream_id = $1 order by version", streamId)
                .map(rows -> rows.stream().map(EventStore::toEvent).toList());
    }

    /**
     * Appends {@code events} after {@code currentVersion}. A concurrent writer that got there first
     * makes the unique (stream, version) constraint fail, reported as a {@link ConcurrencyConflict}.
     */
    public Uni<Void> append(String streamId, int currentVersion, List<NewEvent> events, boolean callerNamedVersion) {
        List<Integer> offsets = IntStream.range(0, events.size()).boxed().toList();
        Uni<Void> all = InOrder.each(offsets, offset -> {
            NewEvent event = events.get(offset);
            return insertEvent(streamId, currentVersion + offset + 1, event)
                    .chain(() -> event.publication().map(m -> insertOutbox(event, m)).orElse(Uni.createFrom().voidItem()));
        });
        return all.onFailure(f -> SqlErrors.violates(f, STREAM_VERSION_CONSTRAINT))
                .transform(f -> new ConcurrencyConflict(
                        "Stream " + streamId + " changed since version " + currentVersion + "; read it again and retry",
                        callerNamedVersion));
    }

    private Uni<Void> insertEvent(String streamId, int version, NewEvent event) {
        return SessionSql.update(
                "insert into events (stream_id, version, event_id, type, schema_version, payload, metadata, recorded_at) "
                        + "values ($1, $2, $3, $4, $5, cast($6::text as jsonb), cast($7::text as jsonb), $8)",
                streamId, version, event.eventId(), event.type(), event.schemaVersion(), event.payload(), event.metadata(),
                event.recordedAt().atOffset(ZoneOffset.UTC))
                .replaceWithVoid();
    }

    private Uni<Void> insertOutbox(NewEvent event, OutboxMessage message) {
        return SessionSql.update(
                "insert into outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload, correlation_id) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                event.eventId(), message.topic(), message.key(), message.ceType(), message.ceSource(), message.ceSubject(),
                event.recordedAt().atOffset(ZoneOffset.UTC), message.payload(), message.correlationId())
                .replaceWithVoid();
    }

    /** Where a consumed event came from: its CloudEvents source and its Kafka topic, partition and offset. */
    public record Origin(String source, String topic, int partition, long offset) {
    }

    /**
     * Records a consumed event's id in the inbox and appends the event to the local log under the
     * stream {@code streamId}, at that stream's next version, in one statement. Returns false when the
     * id is already recorded (a redelivery), in which case nothing is written.
     */
    public Uni<Boolean> appendConsumed(String streamId, NewEvent event, Origin origin) {
        return SessionSql.update(
                "with fresh as (insert into inbox (event_id, ce_type, ce_source, topic, kafka_partition, kafka_offset) "
                        + "values ($2, $3, $8, $9, $10, $11) on conflict (event_id) do nothing returning event_id) "
                        + "insert into events (stream_id, version, event_id, type, schema_version, payload, metadata, recorded_at) "
                        + "select $1, coalesce((select max(version) from events where stream_id = $1), 0) + 1, event_id, $3, $4, "
                        + "cast($5::text as jsonb), cast($6::text as jsonb), $7 from fresh on conflict (event_id) do nothing",
                streamId, event.eventId(), event.type(), event.schemaVersion(), event.payload(), event.metadata(),
                event.recordedAt().atOffset(ZoneOffset.UTC), origin.source(), origin.topic(), origin.partition(), origin.offset())
                .map(count -> count > 0);
    }

    /**
     * The next events after a checkpoint, in (transaction, position) order, taking only events whose
     * transaction is older than every transaction still running: what is returned can no longer be
     * overtaken by an event that commits later with a smaller position.
     */
    public Uni<List<StoredEvent>> readAfter(long transactionId, long position, int limit) {
        return SessionSql.select("select " + COLUMNS + " from events "
                        + "where transaction_id < pg_snapshot_xmin(pg_current_snapshot()) "
                        + "and (transaction_id, position) > (cast($1::text as xid8), $2) "
                        // Qualified: a bare "transaction_id" here would name the selected text column and
                        // sort transactions as strings ("10" before "9"), skipping events at each new digit.
                        + "order by events.transaction_id, events.position limit $3",
                        Long.toString(transactionId), position, limit)
                .map(rows -> rows.stream().map(EventStore::toEvent).toList());
    }

    /** The position of the newest event, or 0 for an empty log. */
    public Uni<Long> lastPosition() {
        return SessionSql.value("select coalesce(max(position), 0) from events").map(Rows::asLong);
    }

    /** How many events lie beyond a checkpoint. */
    public Uni<Long> countAfter(long transactionId, long position) {
        return SessionSql.value("select count(*) from events where (transaction_id, position) > (cast($1::text as xid8), $2)",
                        Long.toString(transactionId), position)
                .map(Rows::asLong);
    }

    private static StoredEvent toEvent(Object[] row) {
        return new StoredEvent(
                Rows.asLong(row[0]),
                Long.parseLong(row[1].toString()),
                (String) row[2],
                Rows.asInt(row[3]),
                Rows.asUuid(row[4]),
                (String) row[5],
                Rows.asInt(row[6]),
                (String) row[7],
                (String) row[8],
                Rows.asInstant(row[9]));
    }
}
