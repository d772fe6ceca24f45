package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** One side declined a proposal. The free-text reason stays in matching-service. */
public record MatchDeclined(String matchId, String mentorId, String apprenticeId, String party, Instant declinedAt)
        implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
