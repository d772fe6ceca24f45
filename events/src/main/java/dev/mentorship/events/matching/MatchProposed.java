package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** A mentor and an apprentice were proposed to each other; both still have to accept. */
public record MatchProposed(
        String matchId,
        String mentorId,
        String apprenticeId,
        String cohortId,
        Instant proposedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
