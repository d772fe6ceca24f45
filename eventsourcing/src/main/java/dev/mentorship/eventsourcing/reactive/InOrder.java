package dev.mentorship.eventsourcing.reactive;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one asynchronous step per item, strictly one after the other, on the caller's context.
 *
 * <p>Why not a loop of {@code chain = chain.chain(...)}: that nests one operator per item, and both
 * subscribing and completing walk the whole nest on one stack. Steps that finish synchronously (a
 * projection ignoring an event type, an entity already in the session) then need a frame per item:
 * 500 events overflowed the 512 KB thread stacks the services run with, the error was lost on the
 * event loop and the projector's transaction stayed open. Here the items come from an iterable
 * source that emits on demand, so the stack stays flat whatever the count.
 */
public final class InOrder {

    private InOrder() {
    }

    /** Applies {@code step} to each item in turn; the first failure stops the rest and is the result. */
    public static <T> Uni<Void> each(Iterable<T> items, Function<? super T, Uni<?>> step) {
        if (items instanceof List<T> list && list.size() <= 1) {
            // The usual append of one event: no stream to set up.
            return list.isEmpty() ? Uni.createFrom().voidItem() : step.apply(list.get(0)).replaceWithVoid();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .collect().last()
                .replaceWithVoid();
    }

    /** Applies {@code step} to each item in turn and lists the results in the items' order. */
    public static <T, R> Uni<List<R>> map(Iterable<T> items, Function<? super T, Uni<R>> step) {
        return Multi.createFrom().iterable(items)
                .onItem().<R>transformToUniAndConcatenate(item -> step.apply(item))
                .collect().asList();
    }
}
