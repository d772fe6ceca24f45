package dev.mentorship.progress.checkin;

import dev.mentorship.eventsourcing.background.BackgroundLoop;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.progress.checkin.CheckInCommand.Match;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reports check-ins gone overdue: every {@code progress.check-ins.sweep-every}, asks each running match
 * whose next period has run out, grace included (per the read model), whether periods went by without a
 * check-in. The match's check-in stream decides, and a period once reported is in it, so the answer
 * survives restarts. With two instances, the one holding a PostgreSQL advisory lock sweeps; were both
 * to ask about the same match anyway, the stream's version lets one append and refuses the other.
 */
@ApplicationScoped
public class CheckInOverdueJob {

    private static final Logger LOG = Logger.getLogger(CheckInOverdueJob.class);
    /** Matches asked per sweep; the next sweep takes the rest. */
    static final int BATCH = 500;

    private final MatchCheckIns checkIns;
    private final Clock clock;
    private final Duration grace;
    private final Duration every;
    private final boolean enabled;
    private final BackgroundLoop loop = new BackgroundLoop("check-in-overdue", this::run);

    public CheckInOverdueJob(MatchCheckIns checkIns, Clock clock,
            @ConfigProperty(name = "progress.check-ins.grace", defaultValue = "P2D") Duration grace,
            @ConfigProperty(name = "progress.check-ins.sweep-every", defaultValue = "PT1M") Duration every,
            @ConfigProperty(name = "progress.check-ins.sweep-enabled", defaultValue = "true") boolean enabled) {
        this.checkIns = checkIns;
        this.clock = clock;
        this.grace = grace;
        this.every = every;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    public Duration grace() {
        return grace;
    }

    private void run() {
        long next = System.nanoTime() + every.toNanos();
        while (loop.running()) {
            if (System.nanoTime() < next) {
                sleep(Math.min(500, Math.max(1, (next - System.nanoTime()) / 1_000_000)));
                continue;
            }
            next = System.nanoTime() + every.toNanos();
            try {
                int asked = VertxContextSupport.subscribeAndAwait(() -> sweep(clock.instant()));
                if (asked > 0) {
                    LOG.debugf("Asked %d match(es) whether check-ins are overdue", asked);
                }
            } catch (Throwable failure) {
                LOG.warnf("Overdue check-in sweep failed, tried again in %s: %s", every, failure.getMessage());
            }
        }
    }

    /**
     * One sweep at {@code now}: the number of matches asked, 0 when another instance holds the lock.
     * The lock is the session's, held on the connection for the sweep and released after it.
     */
    public Uni<Integer> sweep(Instant now) {
        return Panache.withSession(() -> SessionSql.value("select pg_try_advisory_lock(hashtext('progress-check-in-overdue'))").chain(got -> {
            if (!Boolean.TRUE.equals(got)) {
                return Uni.createFrom().item(0);
            }
            return due(now).chain(matches -> ask(matches, now))
                    .eventually(() -> SessionSql.value("select pg_advisory_unlock(hashtext('progress-check-in-overdue'))"));
        }));
    }

    private Uni<List<Match>> due(Instant now) {
        return SessionSql.select("select match_id, apprentice_id, mentor_id, started_at from progress_matches"
                + " where ended_at is null and next_due_at + make_interval(secs => $1::float8) < $2::timestamptz order by next_due_at limit $3",
                (double) grace.toSeconds(), now.atOffset(ZoneOffset.UTC), BATCH)
                .map(rows -> rows.stream().map(row -> new Match((String) row[0], (String) row[1], (String) row[2],
                        MatchCheckIns.instant(row[3]), null)).toList());
    }

    /** One match after the other; a match another writer got to first is left to the next sweep. */
    private Uni<Integer> ask(List<Match> matches, Instant now) {
        Uni<Void> asked = Uni.createFrom().voidItem();
        for (Match match : matches) {
            asked = asked.chain(() -> checkIns.detectOverdue(match, grace, now).replaceWithVoid()
                    .onFailure(failure -> failure instanceof ConcurrencyConflict || failure instanceof DomainException)
                    .recoverWithNull());
        }
        return asked.replaceWith(matches.size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
