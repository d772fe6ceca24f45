package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.privacy.Personal;
import java.time.Instant;

public sealed interface MatchEvent {

    String matchId();

    record MatchProposed(
            String matchId,
            String mentorId,
            String apprenticeId,
            String mentorSubject,
            String apprenticeSubject,
            String cohortId,
            Instant proposedAt) implements MatchEvent {
    }

    record MatchAccepted(String matchId, Party party, Instant acceptedAt) implements MatchEvent {
    }

    record MatchStarted(String matchId, Instant startedAt) implements MatchEvent {
    }

    /** The reason is free text from the person who declined; it stays in this service. */
    record MatchDeclined(String matchId, Party party, @Personal(keyedBy = "matchId") String reason, Instant declinedAt) implements MatchEvent {
    }

    /** A note, if any, is free text and stays in this service. */
    record MatchEnded(String matchId, EndReason reason, @Personal(keyedBy = "matchId") String note, Instant endedAt) implements MatchEvent {
    }

    record MatchPutUnderReview(String matchId, String concernId, Instant at) implements MatchEvent {
    }

    /** The program office reviewed the concern and keeps the match. */
    record MatchKept(String matchId, @Personal(keyedBy = "matchId") String note, Instant at) implements MatchEvent {
    }
}
