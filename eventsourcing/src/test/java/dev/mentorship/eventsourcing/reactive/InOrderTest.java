package dev.mentorship.eventsourcing.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderTest {

    private static final List<Integer> MANY = IntStream.range(0, 200_000).boxed().toList();

    @Test
    void synchronousStepsDoNotGrowTheStack() throws Exception {
        // A nest of 200,000 chained operators overflows any default thread stack; the helper must not.
        AtomicInteger seen = new AtomicInteger();
        List<Throwable> failure = new ArrayList<>();
        Thread small = new Thread(null, () -> {
            try {
                InOrder.each(MANY, item -> {
                    seen.incrementAndGet();
                    return Uni.createFrom().voidItem();
                }).await().atMost(Duration.ofSeconds(30));
            } catch (Throwable e) {
                failure.add(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertThat(failure).isEmpty();
        assertThat(seen).hasValue(MANY.size());
    }

    @Test
    void mapKeepsTheItemsOrderAndRunsOneStepAtATime() {
        ScheduledExecutorService later = Executors.newScheduledThreadPool(4);
        try {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Integer> items = IntStream.range(0, 40).boxed().toList();
            List<Integer> doubled = InOrder.map(items, item -> Uni.createFrom().item(item)
                    .invoke(() -> most.accumulateAndGet(running.incrementAndGet(), Math::max))
                    // Earlier items finish later: any overlap would reorder or overlap the steps.
                    .onItem().delayIt().onExecutor(later).by(Duration.ofMillis(40 - item))
                    .map(value -> value * 2)
                    .invoke(running::decrementAndGet))
                    .await().atMost(Duration.ofSeconds(30));
            assertThat(doubled).isEqualTo(items.stream().map(item -> item * 2).toList());
            assertThat(most).hasValue(1);
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void theFirstFailureStopsTheRest() {
        List<Integer> done = new ArrayList<>();
        Uni<Void> all = InOrder.each(List.of(1, 2, 3, 4), item -> item == 3
                ? Uni.createFrom().failure(new IllegalStateException("third refused"))
                : Uni.createFrom().item(item).invoke(done::add));
        assertThatThrownBy(() -> all.await().atMost(Duration.ofSeconds(5))).hasMessage("third refused");
        assertThat(done).containsExactly(1, 2);
    }

    @Test
    void noItemsIsDone() {
        assertThat(InOrder.map(List.<Integer>of(), item -> Uni.createFrom().item(item)).await().atMost(Duration.ofSeconds(5))).isEmpty();
        InOrder.each(List.of(), item -> Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void theOldNestedChainOverflowsWhereTheHelperDoesNot() throws Exception {
        // Guards the premise of the helper: if Mutiny ever flattened nested chains, this would say so.
        List<Throwable> failure = new ArrayList<>();
        Thread small = new Thread(null, () -> {
            try {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int ignored : MANY) {
                    chain = chain.chain(() -> Uni.createFrom().voidItem());
                }
                chain.await().atMost(Duration.ofSeconds(30));
            } catch (Throwable e) {
                failure.add(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(failure).hasSize(1);
        assertThat(failure.get(0)).isInstanceOf(StackOverflowError.class);
    }
}
