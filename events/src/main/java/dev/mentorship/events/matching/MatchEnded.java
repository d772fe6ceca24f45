package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * A started match is over. {@code reason} is GRADUATED, WITHDRAWN, REMATCHED or
 * ENDED_BY_PROGRAM_OFFICE; any free-text note stays in matching-service.
 */
public record MatchEnded(String matchId, String mentorId, String apprenticeId, String reason, Instant endedAt)
        implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
