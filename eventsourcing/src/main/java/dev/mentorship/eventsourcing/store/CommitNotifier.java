package dev.mentorship.eventsourcing.store;

import dev.mentorship.eventsourcing.config.KernelConfig;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Wakes the relay and the projectors ({@code LISTEN outbox}, {@code LISTEN events}) after appends
 * commit, with a {@code NOTIFY} sent in a transaction of its own.
 *
 * <p>Why not from inside the append's transaction (a trigger): PostgreSQL serialises every
 * transaction that notified, across all databases of the server, on one lock taken just before its
 * commit and held until the commit has returned, WAL flush included. Every durable append then
 * waited for the previous one's flush instead of sharing it (group commit), and one slow flush, such
 * as a new WAL segment being created, held up every service. Measured on the local platform at
 * saturation: 616–695 commands/s with the trigger, 938–1,143 without.
 *
 * <p>Notifications are coalesced: at most one is in flight, and commits that arrive meanwhile are
 * covered by one more, sent after the one in flight has finished, so every commit is followed by a
 * notification sent after it. The notifying transaction does not wait for its WAL flush: a
 * notification lost in a crash costs one poll interval of latency, nothing else.
 *
 * <p>Notifications are also paced: one starts at least {@code mentorship.notifications.min-interval}
 * after the previous one started. Each notification wakes the relay and the projectors for a round
 * of statements, so at a moderate rate, where nearly every commit would otherwise get its own
 * notification, pacing lets one round carry the commits of the interval instead of one each, and
 * adds at most the interval to the latency from commit to Kafka and to the read models.
 */
@ApplicationScoped
public class CommitNotifier {

    /** Something for the relay: outbox rows committed. */
    public static final int OUTBOX = 1;
    /** Something for the projectors: events committed. */
    public static final int EVENTS = 2;

    private static final Logger LOG = Logger.getLogger(CommitNotifier.class);

    /** Runs a task after a delay. */
    public interface Scheduler {
        void schedule(long delayNanos, Runnable task);
    }

    private final Function<Integer, CompletionStage<?>> send;
    private final long minIntervalNanos;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private boolean inFlight;
    private int pending;
    private long lastStarted;
    private boolean sentBefore;

    @Inject
    public CommitNotifier(Pool pool, Vertx vertx, KernelConfig config) {
        this(channels -> pool.query(statement(channels)).execute().subscribeAsCompletionStage(),
                config.notifications().minInterval(),
                (delayNanos, task) -> vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> task.run()),
                System::nanoTime);
    }

    /** With the given sender, which notifies the channels in its argument (a mask of {@link #OUTBOX} and {@link #EVENTS}); unpaced. */
    public CommitNotifier(Function<Integer, CompletionStage<?>> send) {
        this(send, Duration.ZERO, (delayNanos, task) -> task.run(), System::nanoTime);
    }

    /** With the given sender, pacing and clock. */
    public CommitNotifier(Function<Integer, CompletionStage<?>> send, Duration minInterval, Scheduler scheduler, LongSupplier clock) {
        this.send = send;
        this.minIntervalNanos = minInterval.toNanos();
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * The statement that notifies {@code channels}: one simple query, so the setting and the
     * notifications run in one implicit transaction and the setting ends with it.
     */
    public static String statement(int channels) {
        StringBuilder sql = new StringBuilder("set local synchronous_commit to off; select 1");
        if ((channels & OUTBOX) != 0) {
            sql.append(", pg_notify('outbox', '')");
        }
        if ((channels & EVENTS) != 0) {
            sql.append(", pg_notify('events', '')");
        }
        return sql.toString();
    }

    /** Records that appends touching {@code channels} have committed; notifies now or after the notification in flight. */
    public void committed(int channels) {
        synchronized (this) {
            pending |= channels;
            if (inFlight) {
                return;
            }
            inFlight = true;
        }
        sendPending();
    }

    private void sendPending() {
        int channels;
        long wait;
        synchronized (this) {
            if (pending == 0) {
                inFlight = false;
                return;
            }
            long now = clock.getAsLong();
            wait = sentBefore ? lastStarted + minIntervalNanos - now : 0;
            if (wait <= 0) {
                channels = pending;
                pending = 0;
                lastStarted = now;
                sentBefore = true;
            } else {
                channels = 0;
            }
        }
        if (wait > 0) {
            // Still counted as in flight: commits until then join the one this sends.
            try {
                scheduler.schedule(wait, this::sendPending);
            } catch (RuntimeException e) {
                // No timer to be had (Vert.x is closing): the next commit tries again.
                LOG.debugf("Could not schedule a notification: %s", e.toString());
                synchronized (this) {
                    inFlight = false;
                }
            }
            return;
        }
        CompletionStage<?> sent;
        try {
            sent = send.apply(channels);
        } catch (RuntimeException e) {
            // No connection to send on (the pool is closing): the next commit tries again.
            LOG.debugf("Could not notify after commit: %s", e.toString());
            synchronized (this) {
                pending |= channels;
                inFlight = false;
            }
            return;
        }
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                // The listeners poll as a fallback; a lost wake-up only delays them.
                LOG.debugf("Could not notify after commit: %s", failure.toString());
            }
            sendPending();
        });
    }
}
