package dev.mentorship.eventsourcing.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitNotifierTest {

    /** A sender whose notifications finish only when the test says so. */
    private static final class HeldSender {
        final List<Integer> channels = new ArrayList<>();
        final List<CompletableFuture<Void>> inFlight = new ArrayList<>();

        synchronized CompletableFuture<Void> send(int mask) {
            channels.add(mask);
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            return done;
        }

        void finish(int index) {
            CompletableFuture<Void> done;
            synchronized (this) {
                done = inFlight.get(index);
            }
            done.complete(null);
        }
    }

    @Test
    void aCommitWhileIdleNotifiesAtOnce() {
        HeldSender sender = new HeldSender();
        CommitNotifier notifier = new CommitNotifier(sender::send);

        notifier.committed(CommitNotifier.OUTBOX | CommitNotifier.EVENTS);

        assertThat(sender.channels).containsExactly(CommitNotifier.OUTBOX | CommitNotifier.EVENTS);
    }

    @Test
    void commitsDuringANotificationShareOneSentAfterIt() {
        HeldSender sender = new HeldSender();
        CommitNotifier notifier = new CommitNotifier(sender::send);

        notifier.committed(CommitNotifier.EVENTS);
        notifier.committed(CommitNotifier.EVENTS);
        notifier.committed(CommitNotifier.OUTBOX | CommitNotifier.EVENTS);
        notifier.committed(CommitNotifier.EVENTS);
        // The first is still in flight: it may have been sent before these commits, so they need one
        // more, and only one, once it is done.
        assertThat(sender.channels).containsExactly(CommitNotifier.EVENTS);

        sender.finish(0);
        assertThat(sender.channels).containsExactly(CommitNotifier.EVENTS, CommitNotifier.OUTBOX | CommitNotifier.EVENTS);

        sender.finish(1);
        assertThat(sender.channels).hasSize(2);
        notifier.committed(CommitNotifier.OUTBOX);
        assertThat(sender.channels).containsExactly(CommitNotifier.EVENTS, CommitNotifier.OUTBOX | CommitNotifier.EVENTS,
                CommitNotifier.OUTBOX);
    }

    @Test
    void aFailedNotificationDoesNotStopTheNextOnes() {
        AtomicInteger calls = new AtomicInteger();
        CommitNotifier notifier = new CommitNotifier(mask -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("database down"));
        });

        notifier.committed(CommitNotifier.OUTBOX);
        notifier.committed(CommitNotifier.OUTBOX);
        notifier.committed(CommitNotifier.EVENTS);

        assertThat(calls).hasValue(3);
    }

    @Test
    void aSenderThatThrowsDoesNotStopTheNextOnes() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> masks = new ArrayList<>();
        CommitNotifier notifier = new CommitNotifier(mask -> {
            calls.incrementAndGet();
            masks.add(mask);
            throw new IllegalStateException("pool closed");
        });

        notifier.committed(CommitNotifier.OUTBOX);
        notifier.committed(CommitNotifier.EVENTS);

        // The second try carries the channel the first could not notify.
        assertThat(calls).hasValue(2);
        assertThat(masks).containsExactly(CommitNotifier.OUTBOX, CommitNotifier.OUTBOX | CommitNotifier.EVENTS);
    }

    @Test
    void everyCommitFromManyThreadsIsFollowedByANotificationStartedAfterIt() throws Exception {
        // Each commit stamps a sequence number; a notification started later covers every stamp up
        // to the last one taken before it started. At the end the last stamp must be covered.
        AtomicInteger stamp = new AtomicInteger();
        AtomicInteger covered = new AtomicInteger();
        ExecutorService completions = Executors.newSingleThreadExecutor();
        AtomicInteger sends = new AtomicInteger();
        CommitNotifier notifier = new CommitNotifier(mask -> {
            sends.incrementAndGet();
            int seen = stamp.get();
            return CompletableFuture.runAsync(() -> covered.accumulateAndGet(seen, Math::max), completions);
        });
        ExecutorService committers = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            committers.execute(() -> {
                for (int i = 0; i < 5_000; i++) {
                    stamp.incrementAndGet();
                    notifier.committed(CommitNotifier.EVENTS);
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        committers.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (covered.get() < 20_000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        completions.shutdown();

        assertThat(covered).hasValue(20_000);
        assertThat(sends.get()).isLessThan(20_000);
    }

    /** Tasks scheduled for later, run when the test moves the clock. */
    private static final class ManualTime implements CommitNotifier.Scheduler {
        long now = 1_000_000_000L;
        final List<Long> delays = new ArrayList<>();
        final List<Runnable> due = new ArrayList<>();

        @Override
        public void schedule(long delayNanos, Runnable task) {
            delays.add(delayNanos);
            due.add(task);
        }

        void advanceAndRun(long nanos) {
            now += nanos;
            List<Runnable> tasks = new ArrayList<>(due);
            due.clear();
            tasks.forEach(Runnable::run);
        }
    }

    @Test
    void pacedNotificationsStartNoCloserThanTheIntervalAndCarryEveryCommitBetween() {
        HeldSender sender = new HeldSender();
        ManualTime time = new ManualTime();
        long interval = Duration.ofMillis(10).toNanos();
        CommitNotifier notifier = new CommitNotifier(sender::send, Duration.ofMillis(10), time, () -> time.now);

        notifier.committed(CommitNotifier.EVENTS);
        assertThat(sender.channels).containsExactly(CommitNotifier.EVENTS);

        // 2 ms later the first is done, and commits keep coming: they wait for the rest of the interval.
        time.now += Duration.ofMillis(2).toNanos();
        sender.finish(0);
        notifier.committed(CommitNotifier.OUTBOX);
        notifier.committed(CommitNotifier.EVENTS);
        assertThat(sender.channels).hasSize(1);
        assertThat(time.delays).containsExactly(interval - Duration.ofMillis(2).toNanos());

        // When the interval is up, one notification covers all of them.
        time.advanceAndRun(Duration.ofMillis(8).toNanos());
        assertThat(sender.channels).containsExactly(CommitNotifier.EVENTS, CommitNotifier.OUTBOX | CommitNotifier.EVENTS);

        // After a quiet spell longer than the interval, a commit is notified at once again.
        sender.finish(1);
        time.now += Duration.ofMillis(50).toNanos();
        notifier.committed(CommitNotifier.OUTBOX);
        assertThat(sender.channels).hasSize(3).last().isEqualTo(CommitNotifier.OUTBOX);
        assertThat(time.due).isEmpty();
    }

    @Test
    void aSchedulerThatRefusesLeavesTheWaitingCommitsToTheNextNotification() {
        HeldSender sender = new HeldSender();
        long[] now = {0};
        CommitNotifier notifier = new CommitNotifier(sender::send, Duration.ofMillis(10), (delay, task) -> {
            throw new IllegalStateException("vert.x closed");
        }, () -> now[0]);

        notifier.committed(CommitNotifier.EVENTS);
        sender.finish(0);
        notifier.committed(CommitNotifier.OUTBOX);
        assertThat(sender.channels).hasSize(1);

        // Not stuck in flight: the next commit after the interval carries the one that could not wait.
        now[0] += Duration.ofMillis(11).toNanos();
        notifier.committed(CommitNotifier.EVENTS);
        assertThat(sender.channels).containsExactly(CommitNotifier.EVENTS, CommitNotifier.OUTBOX | CommitNotifier.EVENTS);
    }

    @Test
    void theStatementNotifiesOnlyTheChannelsAskedFor() {
        assertThat(CommitNotifier.statement(CommitNotifier.OUTBOX))
                .startsWith("set local synchronous_commit to off;")
                .contains("pg_notify('outbox', '')").doesNotContain("'events'");
        assertThat(CommitNotifier.statement(CommitNotifier.EVENTS)).contains("pg_notify('events', '')").doesNotContain("'outbox'");
    }
}
