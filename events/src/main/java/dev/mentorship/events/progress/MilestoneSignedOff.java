package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** The apprentice's current mentor signed the milestone off. Published by progress-service. */
public record MilestoneSignedOff(String apprenticeId, String milestoneId, String mentorId, Instant signedOffAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
