package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** The apprentice passed the SRE interview loop. Published by progress-service. */
public record ApprenticeGraduated(String apprenticeId, String matchId, Instant graduatedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
