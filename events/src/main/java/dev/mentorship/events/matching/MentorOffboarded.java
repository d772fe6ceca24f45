package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

public record MentorOffboarded(String mentorId, Instant offboardedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return mentorId;
    }
}
