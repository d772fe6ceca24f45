package dev.mentorship.matching.match;

import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.mentor.Mentor;
import java.time.Instant;
import java.util.List;

public sealed interface MatchCommand {

    /**
     * A mentor as a proposal sees them: read from their stream, with the matches they have open.
     *
     * @param openMatches their matches proposed, started or under review, counting proposals made
     *                    earlier by the same command (a round proposes several at once)
     */
    record MentorStanding(String mentorId, String subject, Mentor.Status status, int capacity, int openMatches) {
    }

    /**
     * An apprentice as a proposal sees them: read from their stream, with the matches they have open.
     *
     * @param openMatchIds their matches proposed, started or under review
     */
    record ApprenticeStanding(String apprenticeId, String subject, Apprentice.Status status, String cohortId,
            List<String> openMatchIds) {
    }

    /** The two standings are read in the transaction that appends the proposal, under the two people's locks. */
    record ProposeMatch(String matchId, MentorStanding mentor, ApprenticeStanding apprentice, Instant now) implements MatchCommand {
    }

    /** {@code actor} is the token subject of whoever accepts. */
    record AcceptMatch(String matchId, String actor, Instant now) implements MatchCommand {
    }

    record DeclineMatch(String matchId, String actor, String reason, Instant now) implements MatchCommand {
    }

    record EndMatch(String matchId, EndReason reason, String note, Instant now) implements MatchCommand {
    }

    record PutUnderReview(String matchId, String concernId, Instant now) implements MatchCommand {
    }

    record KeepMatch(String matchId, String note, Instant now) implements MatchCommand {
    }
}
