package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * The program office resolved a safety concern.
 * Published by feedback-service.
 */
public record SafetyConcernResolved(String concernId, String matchId, Instant resolvedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return concernId;
    }
}
