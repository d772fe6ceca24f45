package dev.mentorship.matching.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public sealed interface CohortCommand {

    /** {@code weights} null means the standard weights; {@code owners} null or empty means none: the whole program office manages it. */
    record OpenCohort(String cohortId, String name, LocalDate startDate, MatchingWeights weights, List<String> owners, Instant now)
            implements CohortCommand {
    }

    /**
     * Absent (null) factors keep their current value. {@code actor} is the caller's token subject;
     * {@code admin} whether the caller is an admin (see {@link Cohort#managedBy}).
     */
    record SetMatchingWeights(String cohortId, Double goals, Double workingHours, Double availability, String actor, boolean admin,
            Instant now) implements CohortCommand {
    }

    /** An empty list of owners opens the cohort to the whole program office. */
    record SetOwners(String cohortId, List<String> owners, String actor, boolean admin, Instant now) implements CohortCommand {
    }
}
