package dev.mentorship.eventsourcing.command;

import java.util.OptionalInt;

/**
 * Who sent a command and what version of the stream they expect.
 *
 * @param actor           the caller's token subject
 * @param correlationId   ties together everything one request caused
 * @param expectedVersion the version from If-Match, when the caller sent one
 * @param requestDigest   for a create sent with an {@code Idempotency-Key}, the digest of that request, kept in the
 *                        first event's metadata so that a repeat can be told from a different request; otherwise null
 */
public record CommandContext(String actor, String correlationId, OptionalInt expectedVersion, String requestDigest) {

    public CommandContext(String actor, String correlationId, OptionalInt expectedVersion) {
        this(actor, correlationId, expectedVersion, null);
    }

    public static CommandContext of(String actor, String correlationId) {
        return new CommandContext(actor, correlationId, OptionalInt.empty());
    }

    public CommandContext expecting(OptionalInt version) {
        return new CommandContext(actor, correlationId, version, requestDigest);
    }

    CommandContext digesting(String digest) {
        return new CommandContext(actor, correlationId, expectedVersion, digest);
    }
}
