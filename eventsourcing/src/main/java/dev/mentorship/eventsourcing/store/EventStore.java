package dev.mentorship.eventsourcing.store;

import dev.mentorship.eventsourcing.privacy.PersonalData;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.tracing.Traces;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL event store. Every method runs on the current reactive session, so an append, its
 * outbox rows and whatever else the caller writes in the same transaction commit or fail together.
 */
@ApplicationScoped
public class EventStore {

    private static final Logger LOG = Logger.getLogger(EventStore.class);

    static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_unique";
    static final String EVENT_ID_CONSTRAINT = "events_event_id_key";
    /** Raised by the trigger of {@code V4__stream_order.sql}. */
    static final String STREAM_ORDER = "events_stream_order";

    private final CommitNotifier notifier;
    private final PersonalData personalData;
    private final AtomicBoolean warned = new AtomicBoolean();

    public EventStore(CommitNotifier notifier, PersonalData personalData) {
        this.notifier = notifier;
        this.personalData = personalData;
    }

    private static final String COLUMNS = "position, transaction_id::text, stream_id, version, event_id::text, type, "
            + "schema_version, payload::text, metadata::text, recorded_at";

    /** A stream's events in order, their personal fields opened (or reading as erased). */
    public Uni<List<StoredEvent>> readStream(String streamId) {
        return SessionSql.select("select " + COLUMNS + " from events where stream_id = $1 order by version", streamId)
                .map(rows -> rows.stream().map(EventStore::toEvent).toList())
                .chain(personalData::open);
    }

    /**
     * Appends {@code events} after {@code currentVersion}. A concurrent writer that got there first
     * makes the unique (stream, version) constraint fail, reported as a {@link ConcurrencyConflict}.
     */
    public Uni<Void> append(String streamId, int currentVersion, List<NewEvent> events, boolean callerNamedVersion) {
        return personalData.seal(events).chain(sealed -> appendSealed(streamId, currentVersion, sealed, callerNamedVersion));
    }

    private Uni<Void> appendSealed(String streamId, int currentVersion, List<NewEvent> events, boolean callerNamedVersion) {
        List<Integer> offsets = IntStream.range(0, events.size()).boxed().toList();
        Uni<Void> all = InOrder.each(offsets, offset -> {
            NewEvent event = events.get(offset);
            return event.publication().map(message -> insertEventAndOutbox(streamId, currentVersion + offset + 1, event, message))
                    .orElseGet(() -> insertEvent(streamId, currentVersion + offset + 1, event));
        });
        int channels = CommitNotifier.EVENTS
                | (events.stream().anyMatch(event -> event.publication().isPresent()) ? CommitNotifier.OUTBOX : 0);
        return all.onFailure(f -> SqlErrors.violates(f, STREAM_VERSION_CONSTRAINT))
                .transform(f -> new ConcurrencyConflict(
                        "Stream " + streamId + " changed since version " + currentVersion + "; read it again and retry",
                        callerNamedVersion))
                .onFailure(f -> SqlErrors.violates(f, STREAM_ORDER))
                .transform(f -> new StreamOrderConflict("Stream " + streamId + " changed while this command ran; send it again"))
                .call(() -> notifyAfterCommit(channels));
    }

    /** Wakes the relay and the projectors once the caller's transaction has committed (see {@link CommitNotifier}). */
    private Uni<Void> notifyAfterCommit(int channels) {
        return SessionSql.afterCommit(() -> notifier.committed(channels)).invoke(known -> {
            if (!known && warned.compareAndSet(false, true)) {
                LOG.warn("Cannot observe commits on this reactive connection; the relay and the projectors fall back to polling");
            }
        }).replaceWithVoid();
    }

    private static final String INSERT_EVENT = "insert into events (stream_id, version, event_id, type, schema_version, payload, metadata, recorded_at) "
            + "values ($1, $2, $3, $4, $5, cast($6::text as jsonb), cast($7::text as jsonb), $8)";

    /**
     * An event and its outbox row in one statement, one round trip: the data-modifying WITH runs to
     * completion whether or not its result is read, and a failed event insert fails the outbox insert.
     */
    private static final String INSERT_EVENT_AND_OUTBOX = "with event as (" + INSERT_EVENT + ") "
            + "insert into outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload, correlation_id, traceparent) "
            + "values ($3, $9, $10, $11, $12, $13, $8, $14, $15, $16)";

    private Uni<Void> insertEvent(String streamId, int version, NewEvent event) {
        return SessionSql.update(INSERT_EVENT, streamId, version, event.eventId(), event.type(), event.schemaVersion(), event.payload(),
                        event.metadata(), event.recordedAt().atOffset(ZoneOffset.UTC))
                .replaceWithVoid();
    }

    private Uni<Void> insertEventAndOutbox(String streamId, int version, NewEvent event, OutboxMessage message) {
        return SessionSql.update(INSERT_EVENT_AND_OUTBOX, streamId, version, event.eventId(), event.type(), event.schemaVersion(),
                        event.payload(), event.metadata(), event.recordedAt().atOffset(ZoneOffset.UTC), message.topic(), message.key(),
                        message.ceType(), message.ceSource(), message.ceSubject(), message.payload(), message.correlationId(),
                        Traces.current())
                .replaceWithVoid();
    }

    /** Where a consumed event came from: its CloudEvents source and its Kafka topic, partition and offset. */
    public record Origin(String source, String topic, int partition, long offset) {
    }

    /** A consumed event, bound for the local log under {@code streamId}. */
    public record Consumed(String streamId, NewEvent event, Origin origin) {
    }

    /**
     * Records the consumed events' ids in the inbox and appends the events to the local log, each at
     * its stream's next version and in the given order, in one statement whatever their number.
     * Events whose id is already recorded (redeliveries, or a repeat within {@code events}) are not
     * written again. Returns the ids that were stored now.
     */
    public Uni<Set<UUID>> appendConsumed(List<Consumed> events) {
        int size = events.size();
        String[] streams = new String[size];
        UUID[] ids = new UUID[size];
        String[] types = new String[size];
        Integer[] schemaVersions = new Integer[size];
        String[] payloads = new String[size];
        String[] metadata = new String[size];
        OffsetDateTime[] recordedAt = new OffsetDateTime[size];
        String[] sources = new String[size];
        String[] topics = new String[size];
        Integer[] partitions = new Integer[size];
        Long[] offsets = new Long[size];
        for (int i = 0; i < size; i++) {
            Consumed consumed = events.get(i);
            NewEvent event = consumed.event();
            streams[i] = consumed.streamId();
            ids[i] = event.eventId();
            types[i] = event.type();
            schemaVersions[i] = event.schemaVersion();
            payloads[i] = event.payload();
            metadata[i] = event.metadata();
            recordedAt[i] = event.recordedAt().atOffset(ZoneOffset.UTC);
            sources[i] = consumed.origin().source();
            topics[i] = consumed.origin().topic();
            partitions[i] = consumed.origin().partition();
            offsets[i] = consumed.origin().offset();
        }
        return SessionSql.select(APPEND_CONSUMED, streams, ids, types, schemaVersions, payloads, metadata, recordedAt, sources, topics,
                        partitions, offsets)
                .map(rows -> rows.stream().map(row -> Rows.asUuid(row[0])).collect(Collectors.<UUID>toSet()))
                .call(stored -> stored.isEmpty() ? Uni.createFrom().voidItem() : notifyAfterCommit(CommitNotifier.EVENTS));
    }

    /**
     * The consumed events as rows (first occurrence of each id, in order); the inbox keeps the ids not
     * seen before; those events are appended after their stream's last version, numbered in order.
     */
    private static final String APPEND_CONSUMED = "with incoming as ("
            + "select distinct on (event_id) * from unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], "
            + "$7::timestamptz[], $8::text[], $9::text[], $10::int[], $11::bigint[]) with ordinality "
            + "as t(stream_id, event_id, type, schema_version, payload, metadata, recorded_at, source, topic, kafka_partition, kafka_offset, n) "
            + "order by event_id, n), "
            + "fresh as (insert into inbox (event_id, ce_type, ce_source, topic, kafka_partition, kafka_offset) "
            + "select event_id, type, source, topic, kafka_partition, kafka_offset from incoming order by n "
            + "on conflict (event_id) do nothing returning event_id) "
            + "insert into events (stream_id, version, event_id, type, schema_version, payload, metadata, recorded_at) "
            + "select i.stream_id, coalesce((select max(e.version) from events e where e.stream_id = i.stream_id), 0) "
            + "+ row_number() over (partition by i.stream_id order by i.n), "
            + "i.event_id, i.type, i.schema_version, cast(i.payload as jsonb), cast(i.metadata as jsonb), i.recorded_at "
            + "from incoming i join fresh f on f.event_id = i.event_id order by i.n "
            + "on conflict (event_id) do nothing returning event_id";

    /**
     * The next events after a checkpoint, in (transaction, position) order, taking only events whose
     * transaction is older than every transaction still running: what is returned can no longer be
     * overtaken by an event that commits later with a smaller position. Within a stream this is
     * version order: the store refuses an append whose transaction is older than the one that wrote
     * the stream's previous version ({@link StreamOrderConflict}).
     */
    public Uni<List<StoredEvent>> readAfter(long transactionId, long position, int limit) {
        return SessionSql.select("select " + COLUMNS + " from events "
                        + "where transaction_id < pg_snapshot_xmin(pg_current_snapshot()) "
                        + "and (transaction_id, position) > (cast($1::text as xid8), $2) "
                        // Qualified: a bare "transaction_id" here would name the selected text column and
                        // sort transactions as strings ("10" before "9"), skipping events at each new digit.
                        + "order by events.transaction_id, events.position limit $3",
                        Long.toString(transactionId), position, limit)
                .map(rows -> rows.stream().map(EventStore::toEvent).toList())
                .chain(personalData::open);
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
