package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** The apprentice submitted evidence for a milestone; the evidence itself stays in progress-service. Published by progress-service. */
public record MilestoneEvidenceSubmitted(String apprenticeId, String milestoneId, Instant submittedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
