package dev.mentorship.matching.cohort;

import java.time.Instant;
import java.time.LocalDate;

public sealed interface CohortEvent {

    String cohortId();

    record CohortOpened(String cohortId, String name, LocalDate startDate, Instant openedAt) implements CohortEvent {
    }
}
