package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** An apprentice left the program. The reason stays in matching-service. */
public record ApprenticeWithdrawn(String apprenticeId, Instant withdrawnAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
