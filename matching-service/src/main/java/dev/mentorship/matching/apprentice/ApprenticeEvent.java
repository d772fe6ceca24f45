package dev.mentorship.matching.apprentice;

import java.time.Instant;
import java.util.List;

/** Apprentice events. Name, e-mail and background are not here: they live in the erasable person record. */
public sealed interface ApprenticeEvent {

    String apprenticeId();

    record ApprenticeEnrolled(
            String apprenticeId,
            String subject,
            List<String> goals,
            String timezone,
            String cohortId,
            String managerId,
            Instant enrolledAt) implements ApprenticeEvent {
    }
}
