package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.events.IntegrationEvent;
import java.util.Optional;
import java.util.function.BiFunction;

/** The erasure aggregate every service keeps (stream {@code erasure-<erasureId>}), each with its own publication. */
public final class Erasures {

    public static final String AGGREGATE = "erasure";

    private Erasures() {
    }

    public static Aggregate<ErasureCommand, ErasureEvent, Erasure> aggregate(
            BiFunction<Erasure, ErasureEvent, Optional<IntegrationEvent>> publication) {
        return new Aggregate<>(AGGREGATE, ErasureEvent.class, new ErasureDecider(), publication);
    }
}
