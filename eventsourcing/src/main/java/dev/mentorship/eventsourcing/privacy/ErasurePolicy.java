package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.PersonErasureRequested;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
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

    /** Rewrites what the read models hold about the person; adds what it changed, by kind, to {@code erased}. */
    protected abstract Uni<Void> rewrite(String subject, String erasureId, Map<String, Integer> erased);

    @Override
    public String name() {
        return "erasure-policy";
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (!event.type().equals(Contracts.PERSON_ERASURE_REQUESTED.ceType())) {
            return Uni.createFrom().voidItem();
        }
        PersonErasureRequested request = payloads.read(event, PersonErasureRequested.class);
        Map<String, Integer> erased = new LinkedHashMap<>();
        return keyIds(request.personSubject())
                .chain(ids -> {
                    Set<String> all = new HashSet<>(ids);
                    all.add(request.personSubject());
                    return keys.erase(all);
                })
                .invoke(count -> erased.put("dataKeys", count))
                .chain(() -> rewrite(request.personSubject(), request.erasureId(), erased))
                .chain(() -> AccessLog.forget(request.personSubject()))
                .invoke(count -> erased.put("accessLog", count))
                .chain(() -> commands.execute(erasures, request.erasureId(), new ErasureCommand.ConfirmErasure(request.erasureId(), service,
                        request.personSubject(), Map.copyOf(erased), clock.instant()), CommandContext.of("matching-service", event.eventId().toString()),
                        clock.instant()))
                .replaceWithVoid();
    }

    /** Nothing to delete: a replay erases what is already erased and confirms nothing twice. */
    @Override
    public Uni<Void> reset() {
        return Uni.createFrom().voidItem();
    }
}
