package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** A safety concern was raised about a match; the program office decides whether to keep it or rematch. */
public record MatchPutUnderReview(String matchId, String concernId, Instant at) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
