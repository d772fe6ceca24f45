package dev.mentorship.matching.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public sealed interface CohortCommand {

    /** {@code weights} null means the standard weights; {@code owners} null means nobody yet. */
    record OpenCohort(String cohortId, String name, LocalDate startDate, MatchingWeights weights, List<String> owners, Instant now)
            implements CohortCommand {
    }

    record SetMatchingWeights(String cohortId, MatchingWeights weights, Instant now) implements CohortCommand {
    }

    record SetOwners(String cohortId, List<String> owners, Instant now) implements CohortCommand {
    }
}
