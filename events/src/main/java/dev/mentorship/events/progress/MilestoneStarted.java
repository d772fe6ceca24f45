package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** The apprentice started a milestone of the curriculum version they follow. Published by progress-service. */
public record MilestoneStarted(String apprenticeId, String milestoneId, int curriculumVersion, Instant startedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
