package dev.mentorship.matching.mentor;

import dev.mentorship.eventsourcing.privacy.Personal;
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
            @Personal(keyedBy = "mentorId") String managerId,
            List<TeacherQuality> pledgedQualities,
            Instant registeredAt) implements MentorEvent {
    }

    /** The full new profile after an update, so evolve needs no merging rules. */
    record MentorUpdated(
            String mentorId,
            int sreExperienceYears,
            List<String> skills,
            String timezone,
            @Personal(keyedBy = "mentorId") String managerId,
            List<TeacherQuality> pledgedQualities,
            Mentor.Status status,
            Instant updatedAt) implements MentorEvent {
    }

    record MentorCapacityChanged(String mentorId, int capacity, Instant changedAt) implements MentorEvent {
    }

    record MentorOffboarded(String mentorId, Instant offboardedAt) implements MentorEvent {
    }
}
