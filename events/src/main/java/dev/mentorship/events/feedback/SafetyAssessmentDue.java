package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * A match's apprentice is due a safety self-assessment: one per period of the cadence (four weeks unless
 * configured) after MatchStarted, numbered from 1.
 * Published by feedback-service.
 */
public record SafetyAssessmentDue(String matchId, String apprenticeId, String mentorId,
        int period, Instant dueAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
