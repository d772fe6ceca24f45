package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** The program office published a matching round: {@code proposals} matches were proposed, {@code unmatched} apprentices wait on. */
public record MatchingRoundPublished(String roundId, String cohortId, int proposals, int unmatched, Instant publishedAt)
        implements IntegrationEvent {

    @Override
    public String subject() {
        return roundId;
    }
}
