package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.matching.match.OpenMatches.OpenMatch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Ends matches a person's change leaves without a future: an apprentice's open matches when they
 * leave, a mentor's pending proposals when they pause or are offboarded, all their matches when they
 * leave the company. The caller holds the person's lock
 * (see {@link OpenMatches#lock}), so no proposal for them can commit meanwhile, and the matches are
 * found in the event store, so one proposed a moment ago is ended too.
 *
 * <p>Reading and ending are separate steps: the caller reads these matches before its first write,
 * and each is then ended at the version read.
 */
@ApplicationScoped
public class MatchEnding {

    private final CommandHandler commands;
    private final OpenMatches openMatches;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;

    public MatchEnding(CommandHandler commands, OpenMatches openMatches, Aggregate<MatchCommand, MatchEvent, Match> matches) {
        this.commands = commands;
        this.openMatches = openMatches;
        this.matches = matches;
    }

    /** The apprentice's matches proposed, started or under review. */
    public Uni<List<Versioned<Match>>> openMatchesOf(String apprenticeId) {
        return read(openMatches.of(List.of(), List.of(apprenticeId)));
    }

    /** The mentor's matches proposed, started or under review. */
    public Uni<List<Versioned<Match>>> openMatchesOfMentor(String mentorId) {
        return read(openMatches.of(List.of(mentorId), List.of()));
    }

    /** The mentor's matches still waiting to be accepted. */
    public Uni<List<Versioned<Match>>> pendingProposalsOf(String mentorId) {
        return openMatchesOfMentor(mentorId).map(open -> open.stream().filter(match -> match.state().status() == Match.Status.PROPOSED).toList());
    }

    /** Ends each match at the version it was read at; {@code note} says why, for the program office. */
    public Uni<Void> end(List<Versioned<Match>> read, EndReason reason, String note, CommandContext context, Instant now) {
        return InOrder.each(read, match -> commands.executeOn(matches, match,
                new MatchCommand.EndMatch(match.id(), reason, note, now), context, now));
    }

    /**
     * In the order of their ids: two commands ending the same matches (a withdrawal and a pause) then
     * append to them in the same order, and the second waits for the first instead of deadlocking.
     */
    private Uni<List<Versioned<Match>>> read(Uni<List<OpenMatch>> open) {
        return open.map(list -> list.stream().map(OpenMatch::matchId).distinct().sorted(Comparator.naturalOrder()).toList())
                .chain(ids -> InOrder.map(ids, id -> commands.loadInSession(matches, id)));
    }
}
