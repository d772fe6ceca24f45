package dev.mentorship.eventsourcing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.projection.ProjectionRunner;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.security.SignInLinkProjection;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.PersonErasureRequested;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A service's part of an erasure asked for in matching-service: on PersonErasureRequested it erases
 * the data keys of what it holds about the person, rewrites its read models, and confirms (the
 * service's erasure aggregate publishes the confirmation as its PersonErased). It runs as a
 * projection, in the same transaction as its checkpoint; running it again erases nothing more and
 * confirms nothing twice, so it may be rebuilt.
 */
public abstract class ErasurePolicy implements Projection {

    private final CommandHandler commands;
    private final Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures;
    private final DataKeys keys;
    private final Payloads payloads;
    private final Clock clock;
    private final String service;

    protected ErasurePolicy(String service, CommandHandler commands, Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures, DataKeys keys,
            Payloads payloads, Clock clock) {
        this.service = service;
        this.commands = commands;
        this.erasures = erasures;
        this.keys = keys;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** The ids of the data keys that seal what this service holds about the person with {@code subject}. */
    protected abstract Uni<Set<String>> keyIds(String subject);

    /** Erases the keys of what this service holds about {@code subject}, and the subject's own; how many existed. */
    private Uni<Integer> eraseKeysOf(String subject) {
        return keyIds(subject).chain(ids -> {
            Set<String> all = new HashSet<>(ids);
            all.add(subject);
            return keys.erase(all);
        });
    }

    @Override
    public String name() {
        return "erasure-policy";
    }

    /**
     * The people an event of this service's log is about, by subject, for the events that bring new
     * records of a person (an enrolment, a started match); empty for the rest.
     */
    protected Set<String> subjectsIn(StoredEvent event) {
        return Set.of();
    }

    /** The text values of {@code fields} in the event's payload, those present. */
    protected Set<String> texts(StoredEvent event, String... fields) {
        JsonNode payload = payloads.read(event, JsonNode.class);
        Set<String> values = new HashSet<>();
        for (String field : fields) {
            if (payload.path(field).isTextual()) {
                values.add(payload.path(field).asText());
            }
        }
        return values;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (!event.type().equals(Contracts.PERSON_ERASURE_REQUESTED.ceType())) {
            Set<String> subjects = subjectsIn(event);
            return subjects.isEmpty() ? Uni.createFrom().voidItem() : lateRecords(subjects);
        }
        PersonErasureRequested request = payloads.read(event, PersonErasureRequested.class);
        Map<String, Integer> erased = new LinkedHashMap<>();
        return SessionSql.update("insert into erased_subjects (subject, erasure_id, erased_at) values ($1, $2, $3) on conflict do nothing",
                        request.personSubject(), request.erasureId(), clock.instant().atOffset(ZoneOffset.UTC))
                .chain(() -> eraseKeysOf(request.personSubject()))
                .invoke(count -> erased.put("dataKeys", count))
                .chain(() -> AccessLog.forget(request.personSubject()))
                .invoke(count -> erased.put("accessLog", count))
                // A link applied at the same moment by the sign-in-links projection is waited for, then deleted.
                .chain(() -> ProjectionRunner.holdOff(service, SignInLinkProjection.NAME))
                .chain(() -> SessionSql.update("delete from sign_in_links where subject = $1", request.personSubject()))
                .invoke(count -> erased.put("signInLinks", count))
                .chain(() -> commands.execute(erasures, request.erasureId(), new ErasureCommand.ConfirmErasure(request.erasureId(), service,
                        request.personSubject(), Map.copyOf(erased), clock.instant()), CommandContext.of("matching-service", event.eventId().toString()),
                        clock.instant()))
                .replaceWithVoid();
    }

    /** A record of an erased person that arrived after the request: its keys go the same way, at once. */
    private Uni<Void> lateRecords(Set<String> subjects) {
        return SessionSql.select("select subject from erased_subjects where subject = any($1::text[])", (Object) subjects.toArray(String[]::new))
                .chain(rows -> InOrder.each(rows, row -> eraseKeysOf((String) row[0])));
    }

    /** Nothing to delete: a replay erases what is already erased and confirms nothing twice. */
    @Override
    public Uni<Void> reset() {
        return Uni.createFrom().voidItem();
    }
}
