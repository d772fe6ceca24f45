package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/** A mentor joined the program. Carries no name or e-mail: those stay erasable in matching-service. */
public record MentorRegistered(
        String mentorId,
        int sreExperienceYears,
        List<String> skills,
        String timezone,
        int capacity,
        Instant registeredAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return mentorId;
    }
}
