package dev.mentorship.eventsourcing.command;

import java.util.OptionalInt;

/**
 * Who sent a command and what version of the stream they expect.
 *
 * @param actor           the caller's token subject
 * @param correlationId   ties together everything one request caused
 * @param expectedVersion the version from If-Match, when the caller sent one
 */
public record CommandContext(String actor, String correlationId, OptionalInt expectedVersion) {

    public static CommandContext of(String actor, String correlationId) {
        return new CommandContext(actor, correlationId, OptionalInt.empty());
    }

    public CommandContext expecting(OptionalInt version) {
        return new CommandContext(actor, correlationId, version);
    }
}
