package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * The program office scheduled an interview loop for an apprentice who had every required milestone signed off. Published by progress-service.
 */
public record InterviewLoopScheduled(String apprenticeId, String loopId, Instant scheduledFor,
        Instant scheduledAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
