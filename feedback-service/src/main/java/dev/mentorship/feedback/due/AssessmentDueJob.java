package dev.mentorship.feedback.due;

import dev.mentorship.eventsourcing.background.BackgroundLoop;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.SessionSql;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Announces self-assessments falling due: every {@code feedback.assessments.sweep-every}, asks each
 * running mentorship whose next one is due by now (per the read model, leaving out any whose MatchEnded
 * is in the local log) to announce what is due. The schedule's stream decides and records it, so a
 * restart repeats nothing; with two instances, the one holding the job's lease sweeps, and were both to
 * ask about one match, the stream's version lets one append.
 */
@ApplicationScoped
public class AssessmentDueJob {

    private static final Logger LOG = Logger.getLogger(AssessmentDueJob.class);
    static final int BATCH = 500;
    private static final String INSTANCE = UUID.randomUUID().toString();

    private final CommandHandler commands;
    private final Aggregate<DueSchedule.Announce, DueEvent, Integer> schedules;
    private final Clock clock;
    private final Duration cadence;
    private final Duration every;
    private final boolean enabled;
    private final BackgroundLoop loop = new BackgroundLoop("assessment-due", this::run);

    public AssessmentDueJob(CommandHandler commands, Aggregate<DueSchedule.Announce, DueEvent, Integer> schedules, Clock clock,
            @ConfigProperty(name = "feedback.assessments.cadence", defaultValue = "P28D") Duration cadence,
            @ConfigProperty(name = "feedback.assessments.sweep-every", defaultValue = "PT1M") Duration every,
            @ConfigProperty(name = "feedback.assessments.sweep-enabled", defaultValue = "true") boolean enabled) {
        this.commands = commands;
        this.schedules = schedules;
        this.clock = clock;
        this.cadence = cadence;
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

    private void run() {
        long next = System.nanoTime() + every.toNanos();
        while (loop.running()) {
            if (System.nanoTime() < next) {
                try {
                    Thread.sleep(Math.min(500, Math.max(1, (next - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                continue;
            }
            next = System.nanoTime() + every.toNanos();
            try {
                VertxContextSupport.subscribeAndAwait(() -> sweep(clock.instant()));
            } catch (Throwable failure) {
                LOG.warnf("Assessment due sweep failed, tried again in %s: %s", every, failure.getMessage());
            }
        }
    }

    /** One sweep at {@code now} as this instance: the matches asked, 0 when another instance holds the lease. */
    public Uni<Integer> sweep(Instant now) {
        return sweep(now, INSTANCE);
    }

    Uni<Integer> sweep(Instant now, String holder) {
        return Panache.withSession(() -> SessionSql.update("update job_leases set holder = $1, until = now() + make_interval(secs => $2::float8)"
                        + " where name = 'assessment-due' and (until < now() or holder = $1)", holder, (double) every.multipliedBy(2).toSeconds())
                .chain(leased -> leased == 0 ? Uni.createFrom().item(0) : due(now).chain(matches -> ask(matches, now))))
                .ifNoItem().after(every.multipliedBy(2)).fail();
    }

    private Uni<List<Object[]>> due(Instant now) {
        return SessionSql.select("select m.match_id, m.apprentice_id, m.mentor_id, m.started_at from mentorships m"
                + " where m.ended_at is null and m.started_at is not null and m.next_assessment_due <= $1::timestamptz"
                + " and not exists (select 1 from events e where e.stream_id = '/matching-service/' || m.match_id"
                + " and e.type = 'mentorship.matching.MatchEnded.v1') order by m.next_assessment_due limit $2", now.atOffset(ZoneOffset.UTC), BATCH);
    }

    private Uni<Integer> ask(List<Object[]> matches, Instant now) {
        Uni<Void> asked = Uni.createFrom().voidItem();
        for (Object[] row : matches) {
            String matchId = (String) row[0];
            DueSchedule.Announce announce = new DueSchedule.Announce(matchId, (String) row[1], (String) row[2],
                    ((OffsetDateTime) row[3]).toInstant(), false, cadence, now);
            asked = asked.chain(() -> commands.handle(schedules, matchId, announce, CommandContext.of("feedback-service", "assessment-due-" + matchId),
                    () -> now).replaceWithVoid().onFailure().recoverWithUni(failure -> {
                        if (!(failure instanceof ConcurrencyConflict)) {
                            LOG.warnf("Asking match %s about due assessments failed: %s", matchId, failure.toString());
                        }
                        return Uni.createFrom().voidItem();
                    }));
        }
        return asked.replaceWith(matches.size());
    }
}
