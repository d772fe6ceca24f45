package dev.mentorship.matching.mentor;

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

/**
 * A mentor leaving the company: offboarded, and every match of theirs, proposed or running, ended by
 * the program in the same transaction (their apprentices are then unmatched and can be matched again).
 * An offboarding through the API ends only pending proposals: there the program office decides how
 * running mentorships end.
 */
@ApplicationScoped
public class Departures {

    private final CommandHandler commands;
    private final Aggregate<MentorCommand, MentorEvent, Mentor> mentors;
    private final MatchEnding matchEnding;
    private final OpenMatches openMatches;

    public Departures(CommandHandler commands, Aggregate<MentorCommand, MentorEvent, Mentor> mentors, MatchEnding matchEnding,
            OpenMatches openMatches) {
        this.commands = commands;
        this.mentors = mentors;
        this.matchEnding = matchEnding;
        this.openMatches = openMatches;
    }

    /**
     * Under the mentor's lock, so that no proposal for them commits meanwhile; their open matches are
     * read, with them, before the first write. {@code note} says why, on each ended match.
     */
    public Uni<Versioned<Mentor>> leave(String mentorId, String note, CommandContext context, Instant now) {
        return commands.inTransaction(() -> openMatches.lock(List.of(mentorId), List.of())
                .chain(() -> commands.loadInSession(mentors, mentorId))
                .chain(mentor -> matchEnding.openMatchesOfMentor(mentorId)
                        .chain(open -> commands.executeOn(mentors, mentor, new MentorCommand.OffboardMentor(mentorId, now), context, now)
                                .call(() -> matchEnding.end(open, EndReason.ENDED_BY_PROGRAM_OFFICE, note, context, now)))));
    }
}
