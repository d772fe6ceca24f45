package dev.mentorship.feedback.concern;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.feedback.assessment.AssessmentEvent.TrendFlagged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Turns a flagged trend into a concern about the match, in the projector's transaction. The flag names
 * the concern's id (drawn at random when the assessment was submitted, so nothing published links the
 * two), and a flag applied again raises nothing new. The domains go with it only where the person agreed.
 */
@ApplicationScoped
public class ConcernPolicy implements Projection {

    private final Payloads payloads;
    private final CommandHandler commands;
    private final Aggregate<ConcernCommand, ConcernEvent, Concern> concerns;

    public ConcernPolicy(Payloads payloads, CommandHandler commands, Aggregate<ConcernCommand, ConcernEvent, Concern> concerns) {
        this.payloads = payloads;
        this.commands = commands;
        this.concerns = concerns;
    }

    @Override
    public String name() {
        return "concern-policy";
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (!event.type().equals("TrendFlagged")) {
            return Uni.createFrom().voidItem();
        }
        TrendFlagged flagged = payloads.read(event, TrendFlagged.class);
        String concernId = flagged.concernId();
        return commands.execute(concerns, concernId, new ConcernCommand.Raise(concernId, flagged.matchId(), flagged.cohortId(),
                        ConcernCommand.Source.TREND, ConcernCommand.Side.APPRENTICE, flagged.severity(),
                        flagged.disclosed() ? flagged.domains() : List.of(), flagged.at()),
                CommandContext.of("feedback-service", event.eventId().toString()), flagged.at()).replaceWithVoid();
    }

    /** Nothing to empty: replayed, each flag finds its concern raised and raises nothing. */
    @Override
    public Uni<Void> reset() {
        return Uni.createFrom().voidItem();
    }
}
