package dev.mentorship.eventsourcing.command;

/**
 * A stream a create command started, or, for a repeat of a create sent with the same
 * {@code Idempotency-Key}, the stream the first one started.
 *
 * @param result   the stream's current state and version
 * @param replayed true when nothing was written because this request repeats one already done
 */
public record Created<S>(Versioned<S> result, boolean replayed) {

    public String id() {
        return result.id();
    }
}
