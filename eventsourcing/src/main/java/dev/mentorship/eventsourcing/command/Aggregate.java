package dev.mentorship.eventsourcing.command;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.events.IntegrationEvent;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Everything the command handler needs to know about one aggregate type.
 *
 * @param name        the aggregate's name, also the stream prefix ({@code match} gives {@code match-<id>})
 * @param eventType   the sealed interface of its domain events; its permitted records are the stored types
 * @param decider     the pure decide/evolve pair
 * @param publication maps a domain event, with the state right after it, to the integration event
 *                    other services see, if any
 */
public record Aggregate<C, E, S>(
        String name,
        Class<E> eventType,
        Decider<C, E, S> decider,
        BiFunction<S, E, Optional<IntegrationEvent>> publication) {

    public String streamId(String id) {
        return name + "-" + id;
    }
}
