package dev.mentorship.eventsourcing.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.privacy.PersonalField;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.EventStore;
import dev.mentorship.eventsourcing.store.NewEvent;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.eventsourcing.store.OutboxMessage;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.eventsourcing.store.StreamOrderConflict;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventContract;
import dev.mentorship.events.IntegrationEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The generic command path: load the stream, fold it with {@code evolve}, ask {@code decide}, and
 * append the result (with its outbox rows) at the version that was read.
 */
@ApplicationScoped
public class CommandHandler {

    private final EventStore store;
    private final ObjectMapper json;
    /** Writes a request body the same way each time, whatever order its maps were filled in. */
    private final ObjectWriter canonical;
    private final Map<Class<?>, EventCodec<?>> codecs = new ConcurrentHashMap<>();

    public CommandHandler(EventStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
        this.canonical = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /**
     * Runs a command that creates a stream, at most once per {@code Idempotency-Key}.
     *
     * <p>Without a key, the id is a new time-ordered one and {@code creation} runs with it. With a key,
     * the id is derived from the aggregate, the caller and the key (see {@link IdempotentCreates}), so a
     * repeat names the same stream. When that stream exists:
     * <ul>
     * <li>its first event records the digest of this same request: nothing is written, and its current
     * state comes back as a replay;</li>
     * <li>it records another request: 422, the key was used for something else.</li>
     * </ul>
     * A repeat that races the first past that check fails when it writes, on the stream's version
     * constraint or on a unique row of the same create. It is then answered from what the first one
     * wrote. A failure with nothing written under the id (the cohort does not exist, the database is
     * down) is the caller's to see.
     *
     * @param request  the validated request body the digest is taken over
     * @param creation runs the create with the id to use and the context whose events record the digest
     */
    public <S> Uni<Created<S>> create(Aggregate<?, ?, S> aggregate, Optional<String> idempotencyKey, Object request,
            CommandContext context, BiFunction<String, CommandContext, Uni<Versioned<S>>> creation) {
        if (idempotencyKey.isEmpty()) {
            return Uni.createFrom().deferred(() -> creation.apply(NewIds.next().toString(), context))
                    .map(result -> new Created<>(result, false));
        }
        String key = idempotencyKey.get();
        String id = IdempotentCreates.streamId(aggregate.name(), context.actor(), key).toString();
        String digest = IdempotentCreates.digest(key, context.actor(), canonicalJson(request));
        return earlier(aggregate, id, digest).chain(found -> found != null
                ? Uni.createFrom().item(found)
                : creation.apply(id, context.digesting(digest)).map(result -> new Created<>(result, false))
                        .onFailure().recoverWithUni(failure -> earlier(aggregate, id, digest)
                                .onFailure().transform(unreadable -> failure)
                                .chain(first -> first != null ? Uni.createFrom().item(first) : Uni.createFrom().failure(failure))));
    }

    /**
     * The id of something a command creates inside a stream that exists (a check-in of a match, a
     * shift of an apprentice's): derived from the kind, the caller and the {@code Idempotency-Key} like
     * a created stream's, so a repeat names the same thing and the decider can tell it from a new one;
     * a new time-ordered id without a key.
     */
    public static String entryId(String kind, String actor, Optional<String> idempotencyKey) {
        return idempotencyKey.map(key -> IdempotentCreates.streamId(kind, actor, key)).orElseGet(NewIds::next).toString();
    }

    /** The stream a request with this digest created under {@code id}, as a replay; null when there is none. */
    private <S> Uni<Created<S>> earlier(Aggregate<?, ?, S> aggregate, String id, String digest) {
        return Panache.withSession(() -> store.readStream(aggregate.streamId(id))).map(stored -> {
            if (stored.isEmpty()) {
                return null;
            }
            if (!digest.equals(recordedDigest(stored.get(0)))) {
                throw DomainException.keyReused("This Idempotency-Key was already used for a different request, which created "
                        + aggregate.name() + " " + id + "; send a new key for a new request");
            }
            return new Created<>(fold(aggregate, id, stored), true);
        });
    }

    private String recordedDigest(StoredEvent first) {
        try {
            return json.readTree(first.metadata()).path("requestDigest").asText(null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable metadata of event " + first.eventId(), e);
        }
    }

    private String canonicalJson(Object request) {
        try {
            return canonical.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request " + request.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Runs a command on its own: reads the stream, decides, and appends at the version it read. The
     * read needs no transaction around it, because the unique (stream, version) constraint refuses an
     * append made after someone else's; a single event then goes in with one self-committing
     * statement, several in one transaction (see {@link #appendOnItsOwn}).
     */
    public <C, E, S> Uni<Versioned<S>> handle(Aggregate<C, E, S> aggregate, String id, C command, CommandContext context,
            Supplier<Instant> clock) {
        return Panache.withSession(() -> store.readStream(aggregate.streamId(id))
                .chain(stored -> appendOnItsOwn(aggregate, id, context,
                        decide(aggregate, id, command, context, clock.get(), fold(aggregate, id, stored)))));
    }

    /**
     * Runs a command inside the caller's transaction, for callers that write more in the same
     * commit. The new state and version are returned; when {@code decide} returns no events
     * (an idempotent repeat) nothing is written.
     */
    public <C, E, S> Uni<Versioned<S>> execute(Aggregate<C, E, S> aggregate, String id, C command, CommandContext context,
            Instant now) {
        return store.readStream(aggregate.streamId(id))
                .chain(stored -> decideAndAppend(aggregate, id, command, context, now, fold(aggregate, id, stored)));
    }

    /**
     * Runs a command inside the caller's transaction on a state the caller read earlier in it, and
     * appends at the version that was read. A command that writes several streams reads them all
     * before its first write and decides each on what it read then: reading a stream again after
     * writing another could append on top of a version a newer transaction wrote meanwhile. Were the
     * stream to have moved since, the append fails as a {@link ConcurrencyConflict}.
     */
    public <C, E, S> Uni<Versioned<S>> executeOn(Aggregate<C, E, S> aggregate, Versioned<S> read, C command, CommandContext context,
            Instant now) {
        return Uni.createFrom().deferred(() -> decideAndAppend(aggregate, read.id(), command, context, now, read));
    }

    /**
     * Runs a command that starts a stream under an id the caller has just drawn at random: there is
     * nothing to read, so {@code decide} sees the initial state and the events go in at version 1.
     * One event is one round trip in all (see {@link #appendOnItsOwn}). Were the stream to exist
     * after all, the append fails on the (stream, version) constraint as a {@link ConcurrencyConflict}
     * and nothing is written.
     */
    public <C, E, S> Uni<Versioned<S>> handleNew(Aggregate<C, E, S> aggregate, String id, C command, CommandContext context,
            Supplier<Instant> clock) {
        return Panache.withSession(() -> Uni.createFrom().deferred(() -> appendOnItsOwn(aggregate, id, context,
                decide(aggregate, id, command, context, clock.get(), unwritten(aggregate, id)))));
    }

    /**
     * Appends the decision of a command run on its own. One event with its outbox row is a single
     * statement, which PostgreSQL commits atomically on its own: no {@code BEGIN} and {@code COMMIT}
     * round trips around it. Several events need one transaction, so that all or none go in. (Called
     * inside a transaction the caller already opened, both simply join it.)
     */
    private <S> Uni<Versioned<S>> appendOnItsOwn(Aggregate<?, ?, S> aggregate, String id, CommandContext context, Decision<S> decision) {
        return decision.events().size() > 1
                ? Panache.withTransaction(() -> appendDecided(aggregate, id, context, decision))
                : appendDecided(aggregate, id, context, decision);
    }

    /** {@link #handleNew} inside the caller's transaction. */
    public <C, E, S> Uni<Versioned<S>> executeNew(Aggregate<C, E, S> aggregate, String id, C command, CommandContext context,
            Instant now) {
        return Uni.createFrom().deferred(() -> decideAndAppend(aggregate, id, command, context, now, unwritten(aggregate, id)));
    }

    /** A stream with nothing in it yet: version 0, the decider's initial state. */
    private static <S> Versioned<S> unwritten(Aggregate<?, ?, S> aggregate, String id) {
        return new Versioned<>(id, 0, aggregate.decider().initialState());
    }

    private <C, E, S> Uni<Versioned<S>> decideAndAppend(Aggregate<C, E, S> aggregate, String id, C command, CommandContext context,
            Instant now, Versioned<S> current) {
        return appendDecided(aggregate, id, context, decide(aggregate, id, command, context, now, current));
    }

    /** What {@code decide} made of a command: the events to append after {@code current}, and the state they lead to. */
    private record Decision<S>(Versioned<S> current, List<NewEvent> events, Versioned<S> result) {
    }

    private <C, E, S> Decision<S> decide(Aggregate<C, E, S> aggregate, String id, C command, CommandContext context, Instant now,
            Versioned<S> current) {
        EventCodec<E> codec = codec(aggregate);
        S state = current.state();
        int version = current.version();
        if (context.expectedVersion().isPresent() && context.expectedVersion().getAsInt() != version) {
            throw new ConcurrencyConflict("This " + aggregate.name() + " is at version " + version
                    + ", not at the version " + context.expectedVersion().getAsInt() + " given in If-Match", true);
        }
        List<E> decided = aggregate.decider().decide(command, state);
        List<NewEvent> toAppend = new ArrayList<>(decided.size());
        for (E event : decided) {
            state = aggregate.decider().evolve(state, event);
            toAppend.add(toNewEvent(aggregate, codec, state, event, context, now));
        }
        return new Decision<>(current, toAppend, new Versioned<>(id, version + decided.size(), state));
    }

    private <S> Uni<Versioned<S>> appendDecided(Aggregate<?, ?, S> aggregate, String id, CommandContext context, Decision<S> decision) {
        if (decision.events().isEmpty()) {
            return Uni.createFrom().item(decision.result());
        }
        return store.append(aggregate.streamId(id), decision.current().version(), decision.events(), context.expectedVersion().isPresent())
                .replaceWith(decision.result());
    }

    /**
     * Runs {@code work} in one transaction, and again from the start in a new one when the store
     * refused an append for stream order ({@link StreamOrderConflict}): a transaction that wrote
     * before it read another stream found that stream's last version written by a newer transaction.
     * A new transaction is newer than that one, so a repeat goes through unless yet another writer
     * got there first. Use it for a transaction that appends to more than one stream, called where
     * no session is open yet, with everything taken from the request (its {@link CommandContext})
     * built before: a second run then starts from a fresh session, not from entities as the failed
     * one left them.
     */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(work))
                .onFailure(StreamOrderConflict.class).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(200)).atMost(5);
    }

    /** The current state of one aggregate, read in its own session. */
    public <C, E, S> Uni<Versioned<S>> load(Aggregate<C, E, S> aggregate, String id) {
        return Panache.withSession(() -> loadInSession(aggregate, id));
    }

    /** The current state of one aggregate, read on the caller's session. */
    public <C, E, S> Uni<Versioned<S>> loadInSession(Aggregate<C, E, S> aggregate, String id) {
        return store.readStream(aggregate.streamId(id)).map(stored -> fold(aggregate, id, stored));
    }

    /**
     * One aggregate as it stood at {@code asOf}: the events of its stream up to the first recorded
     * after that instant, folded; the version is their number. A prefix, never a selection: two
     * instances' clocks may record a later version a moment before an earlier one, and a fold with a
     * gap would be a state that never was.
     */
    public <C, E, S> Uni<Versioned<S>> loadAsOf(Aggregate<C, E, S> aggregate, String id, Instant asOf) {
        return Panache.withSession(() -> store.readStream(aggregate.streamId(id)))
                .map(stored -> fold(aggregate, id, stored.stream().takeWhile(event -> !event.recordedAt().isAfter(asOf)).toList()));
    }

    private <C, E, S> Versioned<S> fold(Aggregate<C, E, S> aggregate, String id, List<StoredEvent> stored) {
        EventCodec<E> codec = codec(aggregate);
        S state = aggregate.decider().initialState();
        for (StoredEvent event : stored) {
            state = aggregate.decider().evolve(state, codec.decode(event.type(), event.payload()));
        }
        return new Versioned<>(id, stored.size(), state);
    }

    private <C, E, S> NewEvent toNewEvent(Aggregate<C, E, S> aggregate, EventCodec<E> codec, S stateAfter, E event,
            CommandContext context, Instant now) {
        UUID eventId = NewIds.next();
        String metadata = codec.encode(context.requestDigest() == null
                ? Map.of("actor", String.valueOf(context.actor()), "correlationId", String.valueOf(context.correlationId()))
                : Map.of("actor", String.valueOf(context.actor()), "correlationId", String.valueOf(context.correlationId()),
                        "requestDigest", context.requestDigest()));
        Optional<OutboxMessage> publication = aggregate.publication().apply(stateAfter, event).map(integration -> {
            EventContract contract = Contracts.of(integration);
            return new OutboxMessage(contract.topic(), integration.subject(), contract.ceType(), contract.ceSource(),
                    integration.subject(), codec.encode(integration), context.correlationId());
        });
        return new NewEvent(eventId, codec.typeOf(event), 1, codec.encode(event), metadata, now, publication, PersonalField.of(event));
    }

    @SuppressWarnings("unchecked")
    private <E> EventCodec<E> codec(Aggregate<?, E, ?> aggregate) {
        return (EventCodec<E>) codecs.computeIfAbsent(aggregate.eventType(), type -> new EventCodec<>(aggregate.eventType(), json));
    }
}
