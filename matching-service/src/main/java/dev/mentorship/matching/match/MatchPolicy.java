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
import java.util.List;
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
    private final OpenMatches openMatches;

    public MatchPolicy(CommandHandler commands, Aggregate<MatchCommand, MatchEvent, Match> matches,
            Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices, Payloads payloads, OpenMatches openMatches) {
        this.openMatches = openMatches;
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
            // Under the apprentice's lock, as every change of what a proposal is checked against; both
            // streams are read before the first write.
            return openMatches.lock(List.of(), List.of(graduated.apprenticeId()))
                    .chain(() -> commands.loadInSession(apprentices, graduated.apprenticeId()))
                    .chain(apprentice -> commands.loadInSession(matches, graduated.matchId())
                            .chain(match -> ignoringRefusals(event, commands.executeOn(apprentices, apprentice,
                                            new ApprenticeCommand.RecordGraduation(graduated.apprenticeId(), graduated.graduatedAt()), context,
                                            graduated.graduatedAt()).replaceWithVoid())
                                    .chain(() -> ignoringRefusals(event, commands.executeOn(matches, match,
                                            new MatchCommand.EndMatch(graduated.matchId(), EndReason.GRADUATED, null, graduated.graduatedAt()),
                                            context, graduated.graduatedAt()).replaceWithVoid()))));
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
