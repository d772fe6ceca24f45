package dev.mentorship.eventsourcing.command;

/** A state with the stream version it was folded up to (0 for a stream with no events). */
public record Versioned<S>(String id, int version, S state) {

    public boolean exists() {
        return version > 0;
    }
}
