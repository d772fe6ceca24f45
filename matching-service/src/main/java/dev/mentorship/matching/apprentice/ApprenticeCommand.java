package dev.mentorship.matching.apprentice;

import java.time.Instant;
import java.util.List;

public sealed interface ApprenticeCommand {

    record EnrollApprentice(
            String apprenticeId,
            String subject,
            List<String> goals,
            String timezone,
            String cohortId,
            String managerId,
            Instant now) implements ApprenticeCommand {
    }

    /** Null fields keep their current value. */
    record UpdateApprentice(String apprenticeId, List<String> goals, String timezone, String managerId, Instant now)
            implements ApprenticeCommand {
    }

    record WithdrawApprentice(String apprenticeId, String reason, Instant now) implements ApprenticeCommand {
    }

    /** Lets the subject the apprentice signs in with act as the pseudonymous subject of their HR enrolment. */
    record LinkSignIn(String apprenticeId, String signInSubject, Instant now) implements ApprenticeCommand {
    }

    record RecordGraduation(String apprenticeId, Instant graduatedAt) implements ApprenticeCommand {
    }
}
