package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** The apprentice's current mentor returned the milestone to in progress; the comment stays in progress-service. Published by progress-service. */
public record MilestoneReturned(String apprenticeId, String milestoneId, String mentorId, Instant returnedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
