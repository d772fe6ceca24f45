package dev.mentorship.matching.cohort;

import java.time.LocalDate;

/** A cohort as its events leave it. {@code name} is null until it is opened. */
public record Cohort(String id, String name, LocalDate startDate) {

    public static Cohort initial() {
        return new Cohort(null, null, null);
    }

    public boolean exists() {
        return id != null;
    }
}
