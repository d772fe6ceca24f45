package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.privacy.Erasure;
import dev.mentorship.eventsourcing.privacy.ErasureCommand;
import dev.mentorship.eventsourcing.privacy.ErasureEvent;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.feedback.PersonErased;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records progress-service's and feedback-service's PersonErased as their confirmations of the
 * erasure request. A confirmation is recorded once per service, so replaying this changes nothing.
 */
@ApplicationScoped
public class ErasureConfirmations implements Projection {

    private final CommandHandler commands;
    private final Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures;
    private final Payloads payloads;

    public ErasureConfirmations(CommandHandler commands, Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures, Payloads payloads) {
        this.commands = commands;
        this.erasures = erasures;
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return "erasure-confirmations";
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (event.type().equals(Contracts.PROGRESS_PERSON_ERASED.ceType())) {
            var erased = payloads.read(event, dev.mentorship.events.progress.PersonErased.class);
            return confirm(event, "progress", erased.erasureId(), erased.erased(), erased.erasedAt());
        }
        if (event.type().equals(Contracts.FEEDBACK_PERSON_ERASED.ceType())) {
            PersonErased erased = payloads.read(event, PersonErased.class);
            return confirm(event, "feedback", erased.erasureId(), erased.erased(), erased.erasedAt());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> confirm(StoredEvent event, String service, String erasureId, java.util.Map<String, Integer> erased, java.time.Instant at) {
        CommandContext context = CommandContext.of(service + "-service", event.eventId().toString());
        return commands.execute(erasures, erasureId, new ErasureCommand.ConfirmErasure(erasureId, service, null, erased, at), context, at)
                .replaceWithVoid();
    }

    /** Confirmations are recorded once each: a replay finds them there and writes nothing. */
    @Override
    public Uni<Void> reset() {
        return Uni.createFrom().voidItem();
    }
}
