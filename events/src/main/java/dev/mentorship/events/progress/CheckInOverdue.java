package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * No check-in was logged for the match within its cadence plus the grace period. One per missed period:
 * {@code missedPeriods} counts the periods missed in a row since the last check-in (or the match's start).
 * Published by progress-service.
 */
public record CheckInOverdue(String matchId, String apprenticeId, String mentorId, Instant dueBy,
        int missedPeriods, Instant detectedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
