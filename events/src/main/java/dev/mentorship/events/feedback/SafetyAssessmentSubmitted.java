package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * A person submitted a self-assessment: which questionnaire and version, as whom, about which match (none for a
 * mentor's). No answers and no scores.
 * Published by feedback-service.
 */
public record SafetyAssessmentSubmitted(String assessmentId, String questionnaire, int version, String role,
        String matchId, Instant submittedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return assessmentId;
    }
}
