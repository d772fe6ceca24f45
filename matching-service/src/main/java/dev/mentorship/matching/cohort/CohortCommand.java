package dev.mentorship.matching.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public sealed interface CohortCommand {

    /** {@code weights} null means the standard weights; {@code owners} null means nobody yet. */
    record OpenCohort(String cohortId, String name, LocalDate startDate, MatchingWeights weights, List<String> owners, Instant now)
            implements CohortCommand {
    }

    /** Absent (null) factors keep their current value. */
    record SetMatchingWeights(String cohortId, Double goals, Double workingHours, Double availability, Instant now)
            implements CohortCommand {
    }

    record SetOwners(String cohortId, List<String> owners, Instant now) implements CohortCommand {
    }
}
