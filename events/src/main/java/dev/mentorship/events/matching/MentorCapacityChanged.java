package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

public record MentorCapacityChanged(String mentorId, int capacity, Instant changedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return mentorId;
    }
}
