package dev.mentorship.matching.apprentice;

import java.util.List;

public record Apprentice(
        String id,
        String subject,
        List<String> goals,
        String timezone,
        String cohortId,
        String managerId,
        Status status) {

    public enum Status { ENROLLED, MATCHED, GRADUATED, WITHDRAWN }

    public static Apprentice initial() {
        return new Apprentice(null, null, List.of(), null, null, null, null);
    }

    public boolean exists() {
        return id != null;
    }
}
