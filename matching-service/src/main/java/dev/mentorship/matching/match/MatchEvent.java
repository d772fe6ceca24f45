package dev.mentorship.matching.match;

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
}
