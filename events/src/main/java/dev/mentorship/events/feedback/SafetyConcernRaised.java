package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/**
 * A safety concern about a match, from a person's self-assessment trend or their asking to talk to the program office.
 * No answers or scores: {@code severity} (MEDIUM, HIGH), and {@code domains} only where the person agreed (else empty).
 * Published by feedback-service.
 */
public record SafetyConcernRaised(String concernId, String matchId, Instant raisedAt,
        String severity, List<String> domains) implements IntegrationEvent {

    @Override
    public String subject() {
        return concernId;
    }
}
