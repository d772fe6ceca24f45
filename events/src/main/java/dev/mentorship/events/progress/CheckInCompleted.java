package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The mentor or the apprentice of a match logged a check-in. Topics and notes stay with the pair. Published by progress-service.
 */
public record CheckInCompleted(String matchId, String checkInId, String apprenticeId, String mentorId,
        LocalDate date, int minutes, Instant completedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
