package dev.mentorship.matching.match;

import java.time.Instant;

public sealed interface MatchCommand {

    record ProposeMatch(
            String matchId,
            String mentorId,
            String apprenticeId,
            String mentorSubject,
            String apprenticeSubject,
            String cohortId,
            Instant now) implements MatchCommand {
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
