package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of an interview loop: passed, or not passed with the ids of the remediation milestones the
 * apprentice now has to complete. A pass is followed by ApprenticeGraduated. Published by progress-service.
 */
public record InterviewLoopCompleted(String apprenticeId, String loopId, boolean passed,
        List<String> remediationMilestoneIds, Instant completedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
