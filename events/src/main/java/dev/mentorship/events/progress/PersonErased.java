package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;
import java.util.Map;

/** progress-service erased what it held about the person of an erasure request: counted by kind, never listed. */
public record PersonErased(String erasureId, Map<String, Integer> erased, Instant erasedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return erasureId;
    }
}
