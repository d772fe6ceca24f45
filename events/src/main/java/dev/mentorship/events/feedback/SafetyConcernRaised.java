package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** Someone raised a safety concern about a match. Carries no content of the concern. Published by feedback-service. */
public record SafetyConcernRaised(String concernId, String matchId, Instant raisedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return concernId;
    }
}
