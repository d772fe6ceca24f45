package dev.mentorship.eventsourcing.projection;

import dev.mentorship.eventsourcing.store.StoredEvent;
import io.smallrye.mutiny.Uni;

/**
 * A read model fed from this service's log (its own events and the ones it consumed). Both methods
 * run inside the projector's transaction, together with the checkpoint, so a read model never
 * applies an event twice or skips one.
 */
public interface Projection {

    /** Stable name; it keys the checkpoint and the rebuild endpoint. */
    String name();

    /** Applies one event; events the projection does not care about are simply ignored. */
    Uni<Void> apply(StoredEvent event);

    /** Deletes everything the projection wrote, before a replay from the start. */
    Uni<Void> reset();
}
