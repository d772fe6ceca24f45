package dev.mentorship.matching.apprentice;

import java.util.List;

public record Apprentice(
        String id,
        String subject,
        List<String> goals,
        String timezone,
        String cohortId,
        String managerId,
        Status status,
        /** The identity provider's subject linked to an HR enrolment's pseudonymous subject on first sign-in; null until then. */
        String signInSubject) {

    /** GRADUATED apprentices are alumni: SREs who may later register as teachers. */
    public enum Status { ENROLLED, GRADUATED, WITHDRAWN }

    public static Apprentice initial() {
        return new Apprentice(null, null, List.of(), null, null, null, null, null);
    }

    public boolean exists() {
        return id != null;
    }

    Apprentice withSignIn(String linked) {
        return new Apprentice(id, subject, goals, timezone, cohortId, managerId, status, linked);
    }

    Apprentice with(Status next) {
        return new Apprentice(id, subject, goals, timezone, cohortId, managerId, next, signInSubject);
    }
}
