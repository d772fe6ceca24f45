package dev.mentorship.matching.apprentice;

import dev.mentorship.eventsourcing.privacy.Personal;
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
            @Personal(keyedBy = "apprenticeId") String managerId,
            Instant enrolledAt) implements ApprenticeEvent {
    }

    /** The full new profile after an update. */
    record ApprenticeUpdated(String apprenticeId, List<String> goals, String timezone, @Personal(keyedBy = "apprenticeId") String managerId,
            Instant updatedAt)
            implements ApprenticeEvent {
    }

    /** The reason is free text and stays in this service. */
    record ApprenticeWithdrawn(String apprenticeId, @Personal(keyedBy = "apprenticeId") String reason, Instant withdrawnAt) implements ApprenticeEvent {
    }

    /** The apprentice, enrolled from an HR tool under a pseudonymous subject, signed in for the first time as {@code signInSubject}. */
    record SignInLinked(String apprenticeId, @Personal(keyedBy = "apprenticeId") String signInSubject, Instant linkedAt) implements ApprenticeEvent {
    }

    /** Passed the interview loop: the apprentice is now an alumnus. */
    record ApprenticeGraduated(String apprenticeId, Instant graduatedAt) implements ApprenticeEvent {
    }
}
