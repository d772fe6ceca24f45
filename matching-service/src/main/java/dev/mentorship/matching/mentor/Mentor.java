package dev.mentorship.matching.mentor;

import java.util.List;

public record Mentor(
        String id,
        String subject,
        int sreExperienceYears,
        List<String> skills,
        String timezone,
        int capacity,
        String managerId,
        List<TeacherQuality> pledgedQualities,
        Status status) {

    public enum Status { ACTIVE, PAUSED, OFFBOARDED }

    public static Mentor initial() {
        return new Mentor(null, null, 0, List.of(), null, 0, null, List.of(), null);
    }

    public boolean exists() {
        return id != null;
    }
}
