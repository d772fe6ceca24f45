package dev.mentorship.matching.mentor;

import java.time.Instant;
import java.util.List;

public sealed interface MentorCommand {

    record RegisterMentor(
            String mentorId,
            String subject,
            int sreExperienceYears,
            List<String> skills,
            String timezone,
            int capacity,
            String managerId,
            List<TeacherQuality> pledgedQualities,
            int minimumExperienceYears,
            Instant now) implements MentorCommand {
    }

    /** Null fields keep their current value. {@code status} may be ACTIVE or PAUSED. */
    record UpdateMentor(
            String mentorId,
            Integer sreExperienceYears,
            List<String> skills,
            String timezone,
            String managerId,
            List<TeacherQuality> pledgedQualities,
            Mentor.Status status,
            Instant now) implements MentorCommand {
    }

    record ChangeCapacity(String mentorId, int capacity, Instant now) implements MentorCommand {
    }

    record OffboardMentor(String mentorId, Instant now) implements MentorCommand {
    }
}
