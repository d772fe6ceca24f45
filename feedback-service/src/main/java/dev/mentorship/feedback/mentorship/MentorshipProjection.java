package dev.mentorship.feedback.mentorship;

import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.MatchEnded;
import dev.mentorship.events.matching.MatchStarted;
import dev.mentorship.events.progress.CheckInCompleted;
import dev.mentorship.feedback.due.DueEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The started mentorships, when each ended, when its next self-assessment falls due, and the
 * check-ins completed in it. A match's events share its key, so they arrive in order; a rebuild or a
 * replay under a new id may bring them again, and neither undoes an end.
 */
@ApplicationScoped
public class MentorshipProjection implements Projection {

    public static final String NAME = "mentorships";

    private final Payloads payloads;
    private final Duration cadence;

    public MentorshipProjection(Payloads payloads, @ConfigProperty(name = "feedback.assessments.cadence", defaultValue = "P28D") Duration cadence) {
        this.payloads = payloads;
        this.cadence = cadence;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (event.type().equals(Contracts.MATCH_STARTED.ceType())) {
            MatchStarted started = payloads.read(event, MatchStarted.class);
            return SessionSql.update("insert into mentorships (match_id, mentor_id, apprentice_id, mentor_subject, apprentice_subject, cohort_id,"
                    + " started_at, next_assessment_due) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (match_id) do update"
                    + " set mentor_id = excluded.mentor_id, apprentice_id = excluded.apprentice_id, mentor_subject = excluded.mentor_subject,"
                    + " apprentice_subject = excluded.apprentice_subject, cohort_id = excluded.cohort_id, started_at = excluded.started_at,"
                    + " next_assessment_due = coalesce(mentorships.next_assessment_due, excluded.next_assessment_due)",
                    started.matchId(), started.mentorId(), started.apprenticeId(), started.mentorSubject(), started.apprenticeSubject(),
                    started.cohortId(), started.startedAt().atOffset(ZoneOffset.UTC), started.startedAt().plus(cadence).atOffset(ZoneOffset.UTC))
                    .replaceWithVoid();
        }
        if (event.type().equals(Contracts.MATCH_ENDED.ceType())) {
            MatchEnded ended = payloads.read(event, MatchEnded.class);
            return SessionSql.update("insert into mentorships (match_id, mentor_id, apprentice_id, ended_at) values ($1, $2, $3, $4)"
                    + " on conflict (match_id) do update set ended_at = coalesce(mentorships.ended_at, excluded.ended_at)",
                    ended.matchId(), ended.mentorId(), ended.apprenticeId(), ended.endedAt().atOffset(ZoneOffset.UTC)).replaceWithVoid();
        }
        if (event.type().equals(Contracts.CHECK_IN_COMPLETED.ceType())) {
            CheckInCompleted completed = payloads.read(event, CheckInCompleted.class);
            return SessionSql.update("insert into check_ins (check_in_id, match_id, apprentice_id, mentor_id, date, completed_at)"
                    + " values ($1, $2, $3, $4, $5, $6) on conflict do nothing", completed.checkInId(), completed.matchId(), completed.apprenticeId(),
                    completed.mentorId(), completed.date(), completed.completedAt().atOffset(ZoneOffset.UTC)).replaceWithVoid();
        }
        if (event.type().equals("AssessmentDue")) {
            DueEvent.AssessmentDue due = payloads.read(event, DueEvent.AssessmentDue.class);
            return SessionSql.update("update mentorships set assessments_due = greatest(assessments_due, $2), next_assessment_due ="
                    + " started_at + make_interval(secs => $3::float8 * (greatest(assessments_due, $2) + 1)) where match_id = $1",
                    due.matchId(), due.period(), (double) cadence.toSeconds()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> reset() {
        return SessionSql.update("delete from check_ins").chain(() -> SessionSql.update("delete from mentorships")).replaceWithVoid();
    }
}
