package dev.mentorship.events.progress;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * The apprentice logged an on-call shift they shadowed; their notes stay in progress-service. Published by progress-service.
 */
public record ShadowShiftLogged(String apprenticeId, String shiftId, Instant startedAt, Instant endedAt,
        int incidentsObserved, Instant loggedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
