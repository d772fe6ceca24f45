package dev.mentorship.matching.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public sealed interface CohortEvent {

    String cohortId();

    /** {@code weights} and {@code owners} are absent (null) in cohorts opened before they existed. */
    record CohortOpened(String cohortId, String name, LocalDate startDate, MatchingWeights weights, List<String> owners,
            Instant openedAt) implements CohortEvent {
    }

    record CohortMatchingWeightsChanged(String cohortId, MatchingWeights weights, Instant changedAt) implements CohortEvent {
    }

    record CohortOwnersChanged(String cohortId, List<String> owners, Instant changedAt) implements CohortEvent {
    }
}
