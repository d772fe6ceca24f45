package dev.mentorship.matching.cohort;

import java.time.LocalDate;
import java.util.List;

/**
 * A cohort as its events leave it. {@code name} is null until it is opened. {@code owners} are the
 * program-office subjects responsible for it; {@code weights} are used by its matching rounds unless
 * a round names its own.
 */
public record Cohort(String id, String name, LocalDate startDate, MatchingWeights weights, List<String> owners) {

    public static Cohort initial() {
        return new Cohort(null, null, null, MatchingWeights.standard(), List.of());
    }

    public boolean exists() {
        return id != null;
    }
}
