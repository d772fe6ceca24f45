package dev.mentorship.progress.checkin;

import dev.mentorship.eventsourcing.background.LeasedJob;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.progress.checkin.CheckInCommand.Match;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
 * survives restarts. With two instances, the one holding the job's lease (table {@code job_leases})
 * sweeps; were both to ask about the same match anyway, the stream's version lets one append and
 * refuses the other.
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
    private final LeasedJob job;

    public CheckInOverdueJob(MatchCheckIns checkIns, Clock clock,
            @ConfigProperty(name = "progress.check-ins.grace", defaultValue = "P2D") Duration grace,
            @ConfigProperty(name = "progress.check-ins.sweep-every", defaultValue = "PT1M") Duration every,
            @ConfigProperty(name = "progress.check-ins.sweep-enabled", defaultValue = "true") boolean enabled) {
        this.checkIns = checkIns;
        this.clock = clock;
        this.grace = grace;
        this.every = every;
        this.enabled = enabled;
        this.job = new LeasedJob("check-in-overdue", every, () -> sweep(clock.instant()));
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            job.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        job.stop();
    }

    public Duration grace() {
        return grace;
    }

    /** One sweep at {@code now} as this instance: the number of matches asked, 0 when another instance holds the lease. */
    public Uni<Integer> sweep(Instant now) {
        return sweep(now, LeasedJob.INSTANCE);
    }

    /**
     * One sweep at {@code now} as {@code holder}. The lease on the job is taken (or renewed) for twice
     * the sweep interval in one statement, so an instance that stops sweeping hands the job over once
     * its lease lapses, and no lock outlives a connection.
     */
    Uni<Integer> sweep(Instant now, String holder) {
        return Panache.withSession(() -> LeasedJob.lease("check-in-overdue", holder, every)
                .chain(leased -> !leased ? Uni.createFrom().item(0) : due(now).chain(matches -> ask(matches, now))))
                .ifNoItem().after(every.multipliedBy(2)).fail();
    }

    /**
     * The running matches whose next period has run out, grace included, as the read model says. A
     * match whose MatchEnded is in the local log is left out even while the projection has not applied
     * it yet (during a rebuild, say): the check-in stream does not know of the end, and would report
     * periods after it.
     */
    private Uni<List<Match>> due(Instant now) {
        return SessionSql.select("select m.match_id, m.apprentice_id, m.mentor_id, m.started_at from progress_matches m"
                + " where m.ended_at is null and m.next_due_at + make_interval(secs => $1::float8) < $2::timestamptz"
                + " and not exists (select 1 from events e where e.stream_id = '/matching-service/' || m.match_id"
                + " and e.type = 'mentorship.matching.MatchEnded.v1')"
                + " order by m.next_due_at limit $3",
                (double) grace.toSeconds(), now.atOffset(ZoneOffset.UTC), BATCH)
                .map(rows -> rows.stream().map(row -> new Match((String) row[0], (String) row[1], (String) row[2],
                        Rows.asInstant(row[3]), null)).toList());
    }

    /** One match after the other; a match that fails is logged and left to the next sweep, the others are asked. */
    private Uni<Integer> ask(List<Match> matches, Instant now) {
        Uni<Void> asked = Uni.createFrom().voidItem();
        for (Match match : matches) {
            asked = asked.chain(() -> checkIns.detectOverdue(match, grace, now).replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> {
                        if (!(failure instanceof ConcurrencyConflict)) {
                            LOG.warnf("Asking match %s about overdue check-ins failed: %s", match.matchId(), failure.toString());
                        }
                        return Uni.createFrom().voidItem();
                    }));
        }
        return asked.replaceWith(matches.size());
    }
}
