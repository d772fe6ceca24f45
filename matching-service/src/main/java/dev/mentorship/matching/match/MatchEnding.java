package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.matching.directory.MatchRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Ends an apprentice's open matches when the apprentice leaves or graduates; runs inside the caller's transaction. */
@ApplicationScoped
public class MatchEnding {

    private static final List<String> OPEN = List.of("PROPOSED", "STARTED", "UNDER_REVIEW");

    private final CommandHandler commands;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;

    public MatchEnding(CommandHandler commands, Aggregate<MatchCommand, MatchEvent, Match> matches) {
        this.commands = commands;
        this.matches = matches;
    }

    public Uni<Void> endOpenMatchesOf(String apprenticeId, EndReason reason, CommandContext context, Instant now) {
        return MatchRecord.<MatchRecord>list("apprenticeId = ?1 and status in ?2", apprenticeId, OPEN).chain(records -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (MatchRecord record : records) {
                chain = chain.chain(() -> end(record.matchId, reason, context, now));
            }
            return chain;
        });
    }

    public Uni<Void> end(String matchId, EndReason reason, CommandContext context, Instant now) {
        return commands.execute(matches, matchId, new MatchCommand.EndMatch(matchId, reason, null, now), context, now).replaceWithVoid();
    }
}
