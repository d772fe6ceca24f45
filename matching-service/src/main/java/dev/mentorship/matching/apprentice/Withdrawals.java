package dev.mentorship.matching.apprentice;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.matching.match.EndReason;
import dev.mentorship.matching.match.MatchEnding;
import dev.mentorship.matching.match.OpenMatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** An apprentice's withdrawal: their running or proposed match ends as WITHDRAWN in the same transaction. */
@ApplicationScoped
public class Withdrawals {

    private final CommandHandler commands;
    private final Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices;
    private final MatchEnding matchEnding;
    private final OpenMatches openMatches;

    public Withdrawals(CommandHandler commands, Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices, MatchEnding matchEnding,
            OpenMatches openMatches) {
        this.commands = commands;
        this.apprentices = apprentices;
        this.matchEnding = matchEnding;
        this.openMatches = openMatches;
    }

    /**
     * Under the apprentice's lock, so that no proposal for them commits meanwhile; their open matches
     * are read, with them, before the first write. {@code context} is taken from the request once: a
     * second run of the transaction happens after a back-off.
     */
    public Uni<Versioned<Apprentice>> withdraw(String apprenticeId, String reason, CommandContext context, Instant now) {
        return commands.inTransaction(() -> openMatches.lock(List.of(), List.of(apprenticeId))
                .chain(() -> commands.loadInSession(apprentices, apprenticeId))
                .chain(apprentice -> matchEnding.openMatchesOf(apprenticeId)
                        .chain(open -> commands.executeOn(apprentices, apprentice,
                                        new ApprenticeCommand.WithdrawApprentice(apprenticeId, reason, now), context, now)
                                .call(() -> matchEnding.end(open, EndReason.WITHDRAWN, null, context, now)))));
    }
}
