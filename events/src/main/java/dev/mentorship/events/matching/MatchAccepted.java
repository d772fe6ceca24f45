package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** One side of a proposed match accepted it. {@code party} is {@code MENTOR} or {@code APPRENTICE}. */
public record MatchAccepted(String matchId, String party, Instant acceptedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
