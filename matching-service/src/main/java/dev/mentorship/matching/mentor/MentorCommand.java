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
            int minimumExperienceYears,
            Instant now) implements MentorCommand {
    }
}
