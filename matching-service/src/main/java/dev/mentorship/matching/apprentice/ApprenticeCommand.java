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
}
