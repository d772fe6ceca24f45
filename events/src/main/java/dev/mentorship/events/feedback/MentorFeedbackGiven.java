package dev.mentorship.events.feedback;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * An apprentice gave feedback on their mentor. No ratings, no note.
 * Published by feedback-service.
 */
public record MentorFeedbackGiven(String feedbackId, String matchId, String mentorId, Instant givenAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
