package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * An administrator asked for everything about a person to be erased, in every service. The person
 * is named by their pseudonymous OIDC subject only; each service answers with its PersonErased.
 */
public record PersonErasureRequested(String erasureId, String personSubject, Instant requestedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return erasureId;
    }
}
