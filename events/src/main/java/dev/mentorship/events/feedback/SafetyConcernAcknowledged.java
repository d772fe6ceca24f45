package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * The program office has seen a safety concern and is reaching out.
 * Published by feedback-service.
 */
public record SafetyConcernAcknowledged(String concernId, String matchId, Instant acknowledgedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return concernId;
    }
}
