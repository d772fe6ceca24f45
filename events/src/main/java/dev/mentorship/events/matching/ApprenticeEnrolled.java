package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/** An apprentice joined a cohort. Carries no name, e-mail or background. */
public record ApprenticeEnrolled(
        String apprenticeId,
        String apprenticeSubject,
        String cohortId,
        List<String> goals,
        String timezone,
        Instant enrolledAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
