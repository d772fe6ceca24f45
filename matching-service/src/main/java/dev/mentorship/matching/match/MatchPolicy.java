package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.feedback.SafetyConcernRaised;
import dev.mentorship.events.progress.ApprenticeGraduated;
import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Reacts to what other services report: a graduation ends the match as GRADUATED and makes the
 * apprentice an alumnus; a safety concern puts the match under review. It runs as a projection, so
 * each consumed event causes its commands exactly once, in the same transaction as the checkpoint.
 */
@ApplicationScoped
public class MatchPolicy implements Projection {

    private static final Logger LOG = Logger.getLogger(MatchPolicy.class);

    private final CommandHandler commands;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;
    private final Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices;
    private final Payloads payloads;

    public MatchPolicy(CommandHandler commands, Aggregate<MatchCommand, MatchEvent, Match> matches,
            Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices, Payloads payloads) {
        this.commands = commands;
        this.matches = matches;
        this.apprentices = apprentices;
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return "match-policy";
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (event.type().equals(Contracts.APPRENTICE_GRADUATED.ceType())) {
            ApprenticeGraduated graduated = payloads.read(event, ApprenticeGraduated.class);
            CommandContext context = CommandContext.of("progress-service", event.eventId().toString());
            return ignoringRefusals(event, commands.execute(apprentices, graduated.apprenticeId(),
                            new ApprenticeCommand.RecordGraduation(graduated.apprenticeId(), graduated.graduatedAt()), context,
                            graduated.graduatedAt()).replaceWithVoid())
                    .chain(() -> ignoringRefusals(event, commands.execute(matches, graduated.matchId(),
                            new MatchCommand.EndMatch(graduated.matchId(), EndReason.GRADUATED, null, graduated.graduatedAt()), context,
                            graduated.graduatedAt()).replaceWithVoid()));
        }
        if (event.type().equals(Contracts.SAFETY_CONCERN_RAISED.ceType())) {
            SafetyConcernRaised concern = payloads.read(event, SafetyConcernRaised.class);
            CommandContext context = CommandContext.of("feedback-service", event.eventId().toString());
            return ignoringRefusals(event, commands.execute(matches, concern.matchId(),
                    new MatchCommand.PutUnderReview(concern.matchId(), concern.concernId(), concern.raisedAt()), context,
                    concern.raisedAt()).replaceWithVoid());
        }
        return Uni.createFrom().voidItem();
    }

    /** A fact about a match or apprentice this service does not know (or that is already over) changes nothing. */
    private static Uni<Void> ignoringRefusals(StoredEvent event, Uni<Void> command) {
        return command.onFailure(DomainException.class).recoverWithUni(failure -> {
            LOG.warnf("Consumed %s %s changed nothing: %s", event.type(), event.eventId(), failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** Commands already caused are facts in the log; a replay must not cause them again. */
    @Override
    public Uni<Void> reset() {
        return Uni.createFrom().failure(DomainException.ruleViolated(
                "match-policy issues commands; replaying it would repeat them, so it cannot be rebuilt"));
    }
}
