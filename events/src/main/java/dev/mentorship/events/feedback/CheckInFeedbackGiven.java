package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * One side of a check-in rated it. No rating, mood or note.
 * Published by feedback-service.
 */
public record CheckInFeedbackGiven(String checkInId, String matchId, String side, Instant givenAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return checkInId;
    }
}
