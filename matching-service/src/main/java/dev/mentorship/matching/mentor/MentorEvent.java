package dev.mentorship.matching.mentor;

import java.time.Instant;
import java.util.List;

/** Mentor events. Name and e-mail are not here: they live in the erasable person record. */
public sealed interface MentorEvent {

    String mentorId();

    record MentorRegistered(
            String mentorId,
            String subject,
            int sreExperienceYears,
            List<String> skills,
            String timezone,
            int capacity,
            String managerId,
            Instant registeredAt) implements MentorEvent {
    }
}
