package dev.mentorship.eventsourcing.background;

import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A job one instance of a service runs at a time, every interval: a daemon loop runs the job's sweep
 * once an interval, and the sweep first takes (or renews) the job's lease, a row of the kernel's
 * {@code job_leases} table, for twice the interval in one statement ({@link #lease}). An instance that
 * stops sweeping hands the job over once its lease lapses, and no lock outlives a connection.
 */
public final class LeasedJob {

    private static final Logger LOG = Logger.getLogger(LeasedJob.class);
    /** This instance, as the leases name it. */
    public static final String INSTANCE = UUID.randomUUID().toString();

    private final String name;
    private final Duration every;
    private final Duration firstAfter;
    private final Supplier<Uni<Integer>> sweep;
    private final BackgroundLoop loop;

    /** {@code sweep} answers how many things it acted on (0 while another instance holds the lease). */
    public LeasedJob(String name, Duration every, Supplier<Uni<Integer>> sweep) {
        this(name, every, every, sweep);
    }

    /** The same, with the first sweep {@code firstAfter} the start rather than an interval after it. */
    public LeasedJob(String name, Duration every, Duration firstAfter, Supplier<Uni<Integer>> sweep) {
        this.name = name;
        this.every = every;
        this.firstAfter = firstAfter;
        this.sweep = sweep;
        this.loop = new BackgroundLoop(name, this::run);
    }

    public void start() {
        loop.start();
    }

    /**
     * Stops the loop and gives the lease up, so that an instance started in this one's place sweeps on
     * its own schedule instead of waiting out a lease nobody renews.
     */
    public void stop() {
        loop.stop();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> SessionSql.update("update job_leases set until = now() "
                    + "where name = $1 and holder = $2 and until > now()", name, INSTANCE)).ifNoItem().after(Duration.ofSeconds(2)).fail());
        } catch (Throwable failure) {
            LOG.debugf("%s: lease not given up at stop (it lapses on its own): %s", name, failure.getClass().getSimpleName());
        }
    }

    /**
     * Takes or renews the lease on job {@code name} as {@code holder} for twice {@code every}, in the
     * caller's session: true when {@code holder} has it. The job's row is made on its first lease.
     */
    public static Uni<Boolean> lease(String name, String holder, Duration every) {
        return SessionSql.update("insert into job_leases (name, holder, until) values ($3, $1, now() + make_interval(secs => $2::float8))"
                + " on conflict (name) do update set holder = excluded.holder, until = excluded.until"
                + " where job_leases.until < now() or job_leases.holder = excluded.holder", holder, (double) every.multipliedBy(2).toSeconds(), name)
                .map(leased -> leased > 0);
    }

    private void run() {
        long next = System.nanoTime() + firstAfter.toNanos();
        while (loop.running()) {
            if (System.nanoTime() < next) {
                // Wakes at least every half second, so that stopping is never held up by a long interval.
                try {
                    Thread.sleep(Math.min(500, Math.max(1, (next - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                continue;
            }
            next = System.nanoTime() + every.toNanos();
            try {
                int done = VertxContextSupport.subscribeAndAwait(sweep::get);
                if (done > 0) {
                    LOG.debugf("%s: %d done", name, done);
                }
            } catch (Throwable failure) {
                LOG.warnf("%s failed, tried again in %s: %s", name, every, failure.getMessage());
            }
        }
    }
}
