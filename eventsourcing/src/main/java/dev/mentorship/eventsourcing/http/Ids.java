package dev.mentorship.eventsourcing.http;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.util.UUID;

public final class Ids {

    private Ids() {
    }

    /** Ids in paths and bodies are UUIDs; anything else cannot name an existing object. */
    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.notFound("No " + what + " " + id);
        }
    }
}
