package dev.mentorship.matching.cohort;

import java.time.LocalDate;
import java.util.List;

/**
 * A cohort as its events leave it. {@code name} is null until it is opened. {@code owners} are the
 * program-office subjects responsible for it, and the only ones who may manage it besides admins; a
 * cohort without owners is managed by the whole program office. {@code weights} are used by its
 * matching rounds unless a round names its own.
 */
public record Cohort(String id, String name, LocalDate startDate, MatchingWeights weights, List<String> owners) {

    public static Cohort initial() {
        return new Cohort(null, null, null, MatchingWeights.standard(), List.of());
    }

    public boolean exists() {
        return id != null;
    }

    /** Whether the person with this token subject may change the cohort's settings, owners and matching rounds. */
    public boolean managedBy(String subject, boolean admin) {
        return admin || owners.isEmpty() || owners.contains(subject);
    }
}
