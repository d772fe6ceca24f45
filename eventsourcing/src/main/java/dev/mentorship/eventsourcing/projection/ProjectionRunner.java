package dev.mentorship.eventsourcing.projection;

import dev.mentorship.eventsourcing.background.BackgroundLoop;
import dev.mentorship.eventsourcing.background.Backoff;
import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.store.EventStore;
import dev.mentorship.eventsourcing.store.PgNotifications;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Feeds every {@link Projection} from the local log on one background thread. Each step runs in one
 * transaction: take the projection's advisory lock (so only one replica projects it), read the next
 * batch after the checkpoint, apply it, move the checkpoint. It sleeps on LISTEN between commits.
 */
@ApplicationScoped
public class ProjectionRunner {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    /** What a step returns when another holder of the projection's advisory lock kept it from running. */
    private static final int NOT_OURS = -1;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private final Map<String, Projection> projections = new TreeMap<>();
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    /** The first and last event of each projection's last step, to name them when its commit fails. */
    private final Map<String, StoredEvent[]> lastBatch = new ConcurrentHashMap<>();
    private final EventStore store;
    private final AgroalDataSource dataSource;
    private final KernelConfig config;
    private final MeterRegistry metrics;
    private final BackgroundLoop loop = new BackgroundLoop("projector", this::run);

    public ProjectionRunner(Instance<Projection> all, EventStore store, AgroalDataSource dataSource, KernelConfig config,
            MeterRegistry metrics) {
        this.store = store;
        this.dataSource = dataSource;
        this.config = config;
        this.metrics = metrics;
        for (Projection projection : all) {
            projections.put(projection.name(), projection);
            AtomicLong behind = new AtomicLong();
            lag.put(projection.name(), behind);
            metrics.gauge("projection.lag", List.of(io.micrometer.core.instrument.Tag.of("projection", projection.name())), behind);
            String name = projection.name();
            metrics.gauge("projection.failing", List.of(io.micrometer.core.instrument.Tag.of("projection", name)), failing,
                    state -> state.containsKey(name) ? 1 : 0);
        }
    }

    void start(@Observes StartupEvent event) {
        if (!config.projections().enabled() || projections.isEmpty()) {
            return;
        }
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    public Optional<Projection> find(String name) {
        return Optional.ofNullable(projections.get(name));
    }

    /** Events each projection still has to apply, as last measured. */
    public Map<String, Long> lag() {
        Map<String, Long> snapshot = new TreeMap<>();
        lag.forEach((name, behind) -> snapshot.put(name, behind.get()));
        return snapshot;
    }

    /**
     * Empties a projection and moves its checkpoint to the start; the runner then replays the whole
     * log into it. Waits for a step in progress to finish first.
     */
    public Uni<Void> rebuild(Projection projection) {
        return Panache.withTransaction(() -> SessionSql.value("select pg_advisory_xact_lock(hashtext($1))", lockName(projection))
                .chain(projection::reset)
                .chain(() -> saveCheckpoint(projection.name(), 0, 0)))
                .invoke(() -> LOG.infof("Projection %s reset; replaying from the start", projection.name()));
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (loop.running()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                PgNotifications.listen(connection, "events");
                while (loop.running()) {
                    boolean more = false;
                    for (Projection projection : projections.values()) {
                        more |= stepUnlessPaused(projection);
                    }
                    if (!more) {
                        // No projection is known to have more: each is at the head, paused after a
                        // failure, or read nothing because a running transaction holds the next events
                        // back. Any commit of events since the step has notified this connection, so
                        // the wait returns at once; no transaction per projection is spent just to
                        // find nothing new.
                        PgNotifications.await(connection, config.projections().pollInterval());
                    }
                    backoff.reset();
                }
            } catch (Throwable e) {
                if (!loop.running()) {
                    return;
                }
                metrics.counter("projection.errors").increment();
                LOG.warnf("Projector paused after %s; retrying with back-off", e.toString());
                backoff.pause();
            }
        }
    }

    /**
     * One step of one projection, unless it failed recently and its back-off has not run out. A
     * failure pauses only that projection (its transaction rolled back, its checkpoint stays), so
     * the others keep up while it is retried at 200 ms doubling to {@link #MAX_RETRY_DELAY}.
     * Returns whether the projection is known to have more to apply.
     */
    private boolean stepUnlessPaused(Projection projection) throws InterruptedException {
        String name = projection.name();
        Failing failing = this.failing.get(name);
        if (failing != null && System.nanoTime() < failing.retryAt()) {
            return false;
        }
        try {
            int applied = awaitStep(projection);
            if (applied == NOT_OURS) {
                // Another replica, or a step of ours given up on but not yet ended, holds the projection:
                // nothing was tried here, so a failure on record stays on record.
                return false;
            }
            if (failing != null) {
                this.failing.remove(name);
                LOG.infof("Projection %s applies events again after %d failed attempts", name, failing.attempts());
            }
            return applied == config.projections().batchSize() || (applied > 0 && lag.get(name).get() > 0);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (!loop.running()) {
                return false;
            }
            int attempts = failing == null ? 1 : failing.attempts() + 1;
            long delay = Math.min(RETRY_DELAY.toMillis() << Math.min(attempts - 1, 20), MAX_RETRY_DELAY.toMillis());
            Failing now = new Failing(describe(projection, e), attempts, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay));
            this.failing.put(name, now);
            measureLagWhileFailing(projection);
            metrics.counter("projection.failures", "projection", name).increment();
            LOG.warnf("Projection %s failed (attempt %d): %s; retrying in %d ms while the other projections go on", name, attempts,
                    now.reason(), delay);
            return false;
        }
    }

    /**
     * A step that fails measures no lag, so the events piling up behind the failing one are counted
     * here: readiness then turns DOWN once they pass the limit, as for any projection that lags.
     */
    private void measureLagWhileFailing(Projection projection) {
        try {
            long behind = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> checkpoint(projection.name())
                    .chain(checkpoint -> store.countAfter(checkpoint[0], checkpoint[1]))).ifNoItem().after(Duration.ofSeconds(5)).fail());
            lag.get(projection.name()).set(behind);
        } catch (Throwable e) {
            LOG.debugf("Could not measure the lag of failing projection %s: %s", projection.name(), e);
        }
    }

    /**
     * What a failed step says about itself: the event it failed on, where it failed on one; else (a
     * failure at commit, when pending entity changes are flushed) the batch it was committing.
     */
    private String describe(Projection projection, Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof EventFailed)) {
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        if (cause != null) {
            return cause.getMessage();
        }
        StoredEvent[] batch = lastBatch.get(projection.name());
        return batch == null ? failure.toString()
                : "committing the batch of events " + batch[0].eventId() + " (position " + batch[0].position() + ") to "
                        + batch[1].eventId() + " (position " + batch[1].position() + "): " + failure;
    }

    /** Projections that failed their last step, with why and when they are tried again. */
    public Map<String, String> failing() {
        Map<String, String> snapshot = new TreeMap<>();
        failing.forEach((name, state) -> snapshot.put(name, state.reason() + " (failed " + state.attempts() + " times)"));
        return snapshot;
    }

    private record Failing(String reason, int attempts, long retryAt) {
    }

    /** A projection's {@code apply} failed on this event. */
    static final class EventFailed extends RuntimeException {

        EventFailed(StoredEvent event, Throwable cause) {
            super("event " + event.eventId() + " (" + event.type() + ", stream " + event.streamId() + " version " + event.version()
                    + ", position " + event.position() + "): " + cause, cause, false, false);
        }
    }

    /**
     * Runs one step on a Vert.x context and waits for it in short slices, so that stopping the
     * application never waits on a step that can no longer finish (the reactive pool closes around
     * it); a step that takes longer than {@link #STEP_TIMEOUT} counts as failed and is retried.
     */
    private int awaitStep(Projection projection) throws Exception {
        lastBatch.remove(projection.name());
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicReference<Cancellable> running = new AtomicReference<>();
        VertxContextSupport.subscribe(() -> Panache.withTransaction(() -> step(projection)).toMulti(),
                subscription -> running.set(subscription.with(done::complete, done::completeExceptionally)));
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        try {
            while (loop.running()) {
                try {
                    return done.get(250, TimeUnit.MILLISECONDS);
                } catch (TimeoutException slice) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException("Projection " + projection.name() + " step took longer than " + STEP_TIMEOUT);
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return 0;
        } finally {
            // A step given up on is cancelled, so that its transaction ends; the server also ends any
            // transaction left idle (idle_in_transaction_session_timeout), which would otherwise hold
            // back every projection: steps only read events of transactions older than the oldest open one.
            Cancellable step = running.get();
            if (!done.isDone() && step != null) {
                step.cancel();
            }
        }
    }

    private Uni<Integer> step(Projection projection) {
        return SessionSql.value("select pg_try_advisory_xact_lock(hashtext($1))", lockName(projection))
                .chain(locked -> !(Boolean) locked ? Uni.createFrom().item(NOT_OURS) : checkpoint(projection.name()).chain(checkpoint ->
                        store.readAfter(checkpoint[0], checkpoint[1], config.projections().batchSize()).chain(batch -> {
                            if (batch.isEmpty()) {
                                return measureLag(projection, checkpoint[0], checkpoint[1], false).replaceWith(0);
                            }
                            StoredEvent last = batch.get(batch.size() - 1);
                            lastBatch.put(projection.name(), new StoredEvent[] {batch.get(0), last});
                            return InOrder.each(batch, event -> Uni.createFrom().deferred(() -> projection.apply(event))
                                            .onFailure().transform(failure -> new EventFailed(event, failure)))
                                    .chain(() -> saveCheckpoint(projection.name(), last.transactionId(), last.position()))
                                    .chain(() -> measureLag(projection, last.transactionId(), last.position(),
                                            batch.size() == config.projections().batchSize()))
                                    .replaceWith(batch.size());
                        })));
    }

    /**
     * Counting what lies beyond the checkpoint costs a scan of the backlog, so while catching up (a
     * full batch was just read) the lag is estimated from positions instead; near the head it is counted.
     */
    private Uni<Void> measureLag(Projection projection, long transactionId, long position, boolean catchingUp) {
        Uni<Long> behind = catchingUp
                ? store.lastPosition().map(head -> Math.max(0, head - position))
                : store.countAfter(transactionId, position);
        return behind.invoke(events -> lag.get(projection.name()).set(events)).replaceWithVoid();
    }

    private Uni<long[]> checkpoint(String name) {
        return SessionSql.select("select transaction_id, position from projection_checkpoints where name = $1", name)
                .map(rows -> rows.isEmpty()
                        ? new long[] {0, 0}
                        : new long[] {((Number) rows.get(0)[0]).longValue(), ((Number) rows.get(0)[1]).longValue()});
    }

    private Uni<Void> saveCheckpoint(String name, long transactionId, long position) {
        return SessionSql.update(
                "insert into projection_checkpoints (name, transaction_id, position, updated_at) values ($1, $2, $3, now()) "
                        + "on conflict (name) do update set transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()",
                name, transactionId, position)
                .replaceWithVoid();
    }

    private String lockName(Projection projection) {
        return lockName(config.service(), projection.name());
    }

    private static String lockName(String service, String name) {
        return "projection:" + service + ":" + name;
    }

    /**
     * In the caller's transaction: waits for a step of the projection in flight to commit, and keeps
     * the projection from stepping until the transaction ends. For a writer that rewrites the
     * projection's rows (an erasure), so that a step that read the log before it cannot write back
     * what it rewrote.
     */
    public Uni<Void> holdOff(String name) {
        return holdOff(config.service(), name);
    }

    /** {@link #holdOff(String)} for a projection of {@code service}, for callers without the runner. */
    public static Uni<Void> holdOff(String service, String name) {
        return SessionSql.value("select pg_advisory_xact_lock(hashtext($1))", lockName(service, name)).replaceWithVoid();
    }
}
