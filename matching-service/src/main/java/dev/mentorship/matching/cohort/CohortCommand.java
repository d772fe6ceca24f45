package dev.mentorship.matching.cohort;

import java.time.Instant;
import java.time.LocalDate;

public sealed interface CohortCommand {

    record OpenCohort(String cohortId, String name, LocalDate startDate, Instant now) implements CohortCommand {
    }
}
