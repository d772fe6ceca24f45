package dev.mentorship.feedback.due;

import dev.mentorship.eventsourcing.background.LeasedJob;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    private final CommandHandler commands;
    private final Aggregate<DueSchedule.Announce, DueEvent, Integer> schedules;
    private final Clock clock;
    private final Duration cadence;
    private final Duration every;
    private final boolean enabled;
    private final LeasedJob job;

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
        this.job = new LeasedJob("assessment-due", every, () -> sweep(clock.instant()));
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            job.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        job.stop();
    }

    /** One sweep at {@code now} as this instance: the matches asked, 0 when another instance holds the lease. */
    public Uni<Integer> sweep(Instant now) {
        return sweep(now, LeasedJob.INSTANCE);
    }

    Uni<Integer> sweep(Instant now, String holder) {
        return Panache.withSession(() -> LeasedJob.lease("assessment-due", holder, every)
                .chain(leased -> !leased ? Uni.createFrom().item(0) : due(now).chain(matches -> ask(matches, now))))
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
