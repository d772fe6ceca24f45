package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.matching.directory.MatchRecord;
import dev.mentorship.eventsourcing.reactive.InOrder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Ends matches a person's change leaves without a future: an apprentice's open matches when they
 * leave or graduate, a mentor's pending proposals when they pause or leave. Runs inside the caller's
 * transaction and reads the directory, so a match proposed a moment earlier and not projected yet is
 * left for the program office.
 */
@ApplicationScoped
public class MatchEnding {

    private final CommandHandler commands;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;

    public MatchEnding(CommandHandler commands, Aggregate<MatchCommand, MatchEvent, Match> matches) {
        this.commands = commands;
        this.matches = matches;
    }

    public Uni<Void> endOpenMatchesOf(String apprenticeId, EndReason reason, CommandContext context, Instant now) {
        return MatchRecord.<MatchRecord>list("apprenticeId = ?1 and status in ?2", apprenticeId, MatchRecord.OPEN)
                .chain(records -> InOrder.each(records, record -> end(record.matchId, reason, context, now)));
    }

    /** Pending proposals of a mentor who can no longer take them end with {@code note}; the apprentices wait for the next round. */
    public Uni<Void> endPendingProposalsOf(String mentorId, String note, CommandContext context, Instant now) {
        return MatchRecord.<MatchRecord>list("mentorId = ?1 and status = ?2", mentorId, "PROPOSED")
                .chain(records -> InOrder.each(records, record -> end(record.matchId, EndReason.ENDED_BY_PROGRAM_OFFICE, note, context, now)));
    }

    public Uni<Void> end(String matchId, EndReason reason, CommandContext context, Instant now) {
        return end(matchId, reason, null, context, now);
    }

    private Uni<Void> end(String matchId, EndReason reason, String note, CommandContext context, Instant now) {
        return commands.execute(matches, matchId, new MatchCommand.EndMatch(matchId, reason, note, now), context, now).replaceWithVoid();
    }
}
