package dev.mentorship.matching.round;

import java.time.Instant;

/** A round's stream ({@code round-<id>}) holds its publication, so publishing twice is refused by the stream itself. */
public sealed interface RoundEvent {

    record MatchingRoundPublished(String roundId, String cohortId, int proposals, int unmatched, Instant publishedAt)
            implements RoundEvent {
    }
}
