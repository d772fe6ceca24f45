package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.ApprenticeEnrolled;
import dev.mentorship.events.matching.ApprenticeWithdrawn;
import dev.mentorship.events.matching.MatchEnded;
import dev.mentorship.events.matching.MatchStarted;
import dev.mentorship.progress.checkin.CheckInEvent;
import dev.mentorship.progress.curriculum.CurriculumEvent.CurriculumPublished;
import dev.mentorship.progress.curriculum.Milestone;
import dev.mentorship.progress.milestone.MilestoneEvent;
import dev.mentorship.progress.milestone.Milestones.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The read models of apprentices' journeys, from this service's log: who each apprentice's progress
 * belongs to, their matches with each one's check-in schedule, the milestones they have touched, the
 * catalogue's milestones per version, and a timeline of everything that happened to them.
 *
 * <p>Who may read: the apprentice, and the mentor of their current match only. A match's events are
 * keyed by the match and an apprentice's by the apprentice, so they reach this service in no order
 * across the two, and may come again (a rebuild, a producer's replay under a new id). Hence a
 * MatchStarted gives its mentor access only if its match has not ended, the apprentice has not
 * withdrawn, and no match of the apprentice that started later is known.
 *
 * <p>Plain SQL throughout: each event is a few statements, so a replay of a large log stays quick.
 */
@ApplicationScoped
public class ApprenticeProgressProjection implements Projection {

    public static final String NAME = "journey";

    /**
     * A match's next due time, as its check-in stream decides it: the first period end after the last
     * one reported (or after the anchor), periods of the current cadence counted from the anchor (the
     * day of the last check-in, or the match's start). Exact 24-hour days, as the decider counts.
     */
    private static final String NEXT_DUE = "update progress_matches m set next_due_at = a.anchor + make_interval(secs => m.cadence_days * 86400.0"
            + " * (floor(extract(epoch from (greatest(m.last_due_reported, a.anchor) - a.anchor)) / (m.cadence_days * 86400.0)) + 1))"
            + " from (select match_id, greatest(started_at, last_check_in_on::timestamp at time zone 'UTC') as anchor from progress_matches"
            + " where match_id = $1) a where m.match_id = a.match_id";

    private final Payloads payloads;

    public ApprenticeProgressProjection(Payloads payloads) {
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        String type = event.type();
        if (type.equals(Contracts.APPRENTICE_ENROLLED.ceType())) {
            ApprenticeEnrolled enrolled = payloads.read(event, ApprenticeEnrolled.class);
            return SessionSql.update("insert into apprentice_progress (apprentice_id, apprentice_subject, cohort_id, enrolled_at, updated_at)"
                            + " values ($1, $2, $3, $4, $5) on conflict (apprentice_id) do update set apprentice_subject = excluded.apprentice_subject,"
                            + " cohort_id = excluded.cohort_id, enrolled_at = excluded.enrolled_at, updated_at = excluded.updated_at",
                    enrolled.apprenticeId(), enrolled.apprenticeSubject(), enrolled.cohortId(), ts(enrolled.enrolledAt()), ts(event.recordedAt()))
                    .chain(() -> timeline(enrolled.apprenticeId(), event, enrolled.enrolledAt(), "Enrolled in cohort " + enrolled.cohortId()));
        }
        if (type.equals(Contracts.MATCH_STARTED.ceType())) {
            return matchStarted(payloads.read(event, MatchStarted.class), event);
        }
        if (type.equals(Contracts.MATCH_ENDED.ceType())) {
            return matchEnded(payloads.read(event, MatchEnded.class), event);
        }
        if (type.equals(Contracts.APPRENTICE_WITHDRAWN.ceType())) {
            ApprenticeWithdrawn withdrawn = payloads.read(event, ApprenticeWithdrawn.class);
            return SessionSql.update("insert into apprentice_progress (apprentice_id, withdrawn_at, updated_at) values ($1, $2, $3)"
                            + " on conflict (apprentice_id) do update set withdrawn_at = excluded.withdrawn_at, match_id = null, mentor_id = null,"
                            + " mentor_subject = null, matched_at = null, updated_at = excluded.updated_at",
                    withdrawn.apprenticeId(), ts(withdrawn.withdrawnAt()), ts(event.recordedAt()))
                    .chain(() -> timeline(withdrawn.apprenticeId(), event, withdrawn.withdrawnAt(), "Withdrew from the program"));
        }
        return switch (type) {
            case "CurriculumPublished" -> curriculum(payloads.read(event, CurriculumPublished.class));
            case "CurriculumFollowed" -> {
                MilestoneEvent.CurriculumFollowed followed = payloads.read(event, MilestoneEvent.CurriculumFollowed.class);
                yield journey(followed.apprenticeId(), "curriculum_version = $2", followed.version())
                        .chain(() -> timeline(followed.apprenticeId(), event, followed.at(), "Follows curriculum version " + followed.version()));
            }
            case "CurriculumMoved" -> {
                MilestoneEvent.CurriculumMoved moved = payloads.read(event, MilestoneEvent.CurriculumMoved.class);
                yield journey(moved.apprenticeId(), "curriculum_version = $2", moved.to())
                        .chain(() -> SessionSql.update("delete from milestone_states where apprentice_id = $1 and milestone_id = any($2::text[])",
                                moved.apprenticeId(), moved.dropped().toArray(String[]::new)))
                        .chain(() -> timeline(moved.apprenticeId(), event, moved.at(), "Moved from curriculum version " + moved.from() + " to "
                                + moved.to() + (moved.dropped().isEmpty() ? "" : "; dropped " + String.join(", ", moved.dropped()))));
            }
            case "MilestoneStarted" -> {
                MilestoneEvent.MilestoneStarted started = payloads.read(event, MilestoneEvent.MilestoneStarted.class);
                yield milestone(started.apprenticeId(), started.milestoneId(), Status.IN_PROGRESS, started.at(), event,
                        "Started milestone " + started.milestoneId());
            }
            case "EvidenceSubmitted" -> {
                MilestoneEvent.EvidenceSubmitted submitted = payloads.read(event, MilestoneEvent.EvidenceSubmitted.class);
                yield milestone(submitted.apprenticeId(), submitted.milestoneId(), Status.EVIDENCE_SUBMITTED, submitted.at(), event,
                        "Submitted evidence for milestone " + submitted.milestoneId());
            }
            case "MilestoneSignedOff" -> {
                MilestoneEvent.MilestoneSignedOff signed = payloads.read(event, MilestoneEvent.MilestoneSignedOff.class);
                yield milestone(signed.apprenticeId(), signed.milestoneId(), Status.SIGNED_OFF, signed.at(), event,
                        "Mentor " + signed.mentorId() + " signed off milestone " + signed.milestoneId());
            }
            case "MilestoneReturned" -> {
                MilestoneEvent.MilestoneReturned returned = payloads.read(event, MilestoneEvent.MilestoneReturned.class);
                yield milestone(returned.apprenticeId(), returned.milestoneId(), Status.IN_PROGRESS, returned.at(), event,
                        "Mentor " + returned.mentorId() + " returned milestone " + returned.milestoneId() + " to in progress");
            }
            case "ShadowShiftLogged" -> {
                MilestoneEvent.ShadowShiftLogged logged = payloads.read(event, MilestoneEvent.ShadowShiftLogged.class);
                yield journey(logged.apprenticeId(), "shadow_shifts = shadow_shifts + 1")
                        .chain(() -> timeline(logged.apprenticeId(), event, logged.at(), "Logged a shadowed on-call shift from " + logged.start()
                                + " to " + logged.end() + ", " + logged.incidentsObserved() + " incident(s) observed"));
            }
            case "InterviewLoopScheduled" -> {
                MilestoneEvent.InterviewLoopScheduled scheduled = payloads.read(event, MilestoneEvent.InterviewLoopScheduled.class);
                yield journey(scheduled.apprenticeId(), "interview_loop = 'SCHEDULED'")
                        .chain(() -> timeline(scheduled.apprenticeId(), event, scheduled.at(), "Interview loop " + scheduled.loopId()
                                + " scheduled for " + scheduled.scheduledFor()));
            }
            case "InterviewLoopCompleted" -> loopCompleted(payloads.read(event, MilestoneEvent.InterviewLoopCompleted.class), event);
            case "ApprenticeGraduated" -> {
                MilestoneEvent.ApprenticeGraduated graduated = payloads.read(event, MilestoneEvent.ApprenticeGraduated.class);
                yield journey(graduated.apprenticeId(), "graduated_at = $2", ts(graduated.at()))
                        .chain(() -> timeline(graduated.apprenticeId(), event, graduated.at(), "Graduated"));
            }
            case "CadenceSet" -> {
                CheckInEvent.CadenceSet set = payloads.read(event, CheckInEvent.CadenceSet.class);
                yield SessionSql.update("update progress_matches set cadence_days = $2 where match_id = $1", set.matchId(), set.days())
                        .chain(() -> SessionSql.update(NEXT_DUE, set.matchId()))
                        .chain(() -> timeline(set.apprenticeId(), event, set.at(), "Check-ins of match " + set.matchId() + " every " + set.days()
                                + " day(s)"));
            }
            case "CheckInLogged" -> {
                CheckInEvent.CheckInLogged logged = payloads.read(event, CheckInEvent.CheckInLogged.class);
                yield SessionSql.update("update progress_matches set check_ins = check_ins + 1,"
                                + " overdue_in_a_row = case when last_check_in_on is null or $2::date >= last_check_in_on then 0 else overdue_in_a_row end,"
                                + " last_check_in_on = greatest(last_check_in_on, $2::date) where match_id = $1", logged.matchId(), logged.date())
                        .chain(() -> SessionSql.update(NEXT_DUE, logged.matchId()))
                        .chain(() -> timeline(logged.apprenticeId(), event, logged.at(), "Check-in on " + logged.date() + ", " + logged.minutes()
                                + " minutes, logged by the " + logged.loggedBy().name().toLowerCase().replace('_', ' ')));
            }
            case "CheckInOverdue" -> {
                CheckInEvent.CheckInOverdue overdue = payloads.read(event, CheckInEvent.CheckInOverdue.class);
                yield SessionSql.update("update progress_matches set overdue_in_a_row = $2, last_due_reported = $3::timestamptz where match_id = $1",
                                overdue.matchId(), overdue.missedPeriods(), ts(overdue.dueBy()))
                        .chain(() -> SessionSql.update(NEXT_DUE, overdue.matchId()))
                        .chain(() -> timeline(overdue.apprenticeId(), event, overdue.at(), "Check-in overdue: none logged by " + overdue.dueBy()
                                + " (" + overdue.missedPeriods() + " period(s) in a row)"));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> matchStarted(MatchStarted started, StoredEvent event) {
        return SessionSql.update("insert into progress_matches (match_id, apprentice_id, mentor_id, mentor_subject, started_at, ended_at, next_due_at)"
                        + " values ($1, $2, $3, $4, $5::timestamptz, (select ended_at from ended_matches where match_id = $1), $5::timestamptz + interval '168 hours')"
                        + " on conflict (match_id) do nothing",
                        started.matchId(), started.apprenticeId(), started.mentorId(), started.mentorSubject(), ts(started.startedAt()))
                .chain(() -> SessionSql.update("insert into apprentice_progress (apprentice_id, apprentice_subject, cohort_id, updated_at)"
                        + " values ($1, $2, $3, $4) on conflict (apprentice_id) do update set apprentice_subject = excluded.apprentice_subject,"
                        + " cohort_id = excluded.cohort_id, updated_at = excluded.updated_at",
                        started.apprenticeId(), started.apprenticeSubject(), started.cohortId(), ts(event.recordedAt())))
                .chain(() -> SessionSql.update("update apprentice_progress set match_id = $2, mentor_id = $3, mentor_subject = $4,"
                                + " matched_at = $5::timestamptz, latest_start_at = $5::timestamptz where apprentice_id = $1 and withdrawn_at is null"
                                + " and (latest_start_at is null or latest_start_at <= $5::timestamptz)"
                                + " and not exists (select 1 from ended_matches where match_id = $2)",
                        started.apprenticeId(), started.matchId(), started.mentorId(), started.mentorSubject(), ts(started.startedAt())))
                .chain(() -> timeline(started.apprenticeId(), event, started.startedAt(), "Matched with mentor " + started.mentorId()
                        + " (match " + started.matchId() + ")"));
    }

    private Uni<Void> matchEnded(MatchEnded ended, StoredEvent event) {
        return SessionSql.update("insert into ended_matches (match_id, apprentice_id, ended_at) values ($1, $2, $3) on conflict (match_id) do nothing",
                        ended.matchId(), ended.apprenticeId(), ts(ended.endedAt()))
                .chain(() -> SessionSql.update("update progress_matches set ended_at = $2 where match_id = $1 and ended_at is null",
                        ended.matchId(), ts(ended.endedAt())))
                .chain(() -> SessionSql.update("update apprentice_progress set match_id = null, mentor_id = null, mentor_subject = null,"
                        + " matched_at = null, updated_at = $3 where apprentice_id = $1 and match_id = $2",
                        ended.apprenticeId(), ended.matchId(), ts(event.recordedAt())))
                .chain(() -> timeline(ended.apprenticeId(), event, ended.endedAt(), "Match " + ended.matchId() + " with mentor "
                        + ended.mentorId() + " ended (" + ended.reason().toLowerCase().replace('_', ' ') + ")"));
    }

    private Uni<Void> curriculum(CurriculumPublished published) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Milestone milestone : published.milestones()) {
            chain = chain.chain(() -> SessionSql.update("insert into curriculum_milestones (version, milestone_id, mode, required)"
                    + " values ($1, $2, $3, $4) on conflict do nothing", published.version(), milestone.id(), milestone.mode().name(),
                    milestone.required()).replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> loopCompleted(MilestoneEvent.InterviewLoopCompleted completed, StoredEvent event) {
        Uni<Void> chain = journey(completed.apprenticeId(), "interview_loop = $2", completed.passed() ? "PASSED" : "NOT_PASSED");
        for (Milestone milestone : completed.remediation()) {
            chain = chain.chain(() -> SessionSql.update("insert into milestone_states (apprentice_id, milestone_id, status, remediation, mode,"
                    + " required, updated_at) values ($1, $2, 'NOT_STARTED', true, $3, true, $4) on conflict do nothing",
                    completed.apprenticeId(), milestone.id(), milestone.mode().name(), ts(completed.at())).replaceWithVoid());
        }
        return chain.chain(() -> timeline(completed.apprenticeId(), event, completed.at(), "Interview loop " + completed.loopId()
                + (completed.passed() ? " passed" : " not passed; remediation milestones: "
                        + String.join(", ", completed.remediation().stream().map(Milestone::id).toList()))));
    }

    private static Uni<Void> milestone(String apprenticeId, String milestoneId, Status status, Instant at, StoredEvent event, String summary) {
        return SessionSql.update("insert into milestone_states (apprentice_id, milestone_id, status, updated_at) values ($1, $2, $3, $4)"
                        + " on conflict (apprentice_id, milestone_id) do update set status = excluded.status, updated_at = excluded.updated_at",
                        apprenticeId, milestoneId, status.name(), ts(at))
                .chain(() -> journey(apprenticeId, "last_progress_at = $2", ts(at)))
                .chain(() -> timeline(apprenticeId, event, at, summary));
    }

    /** Sets {@code assignments} on the apprentice's row; {@code $2} is {@code value} where given. */
    private static Uni<Void> journey(String apprenticeId, String assignments, Object... value) {
        Object[] parameters = new Object[value.length + 1];
        parameters[0] = apprenticeId;
        System.arraycopy(value, 0, parameters, 1, value.length);
        return SessionSql.update("update apprentice_progress set " + assignments + " where apprentice_id = $1", parameters).replaceWithVoid();
    }

    private static Uni<Void> timeline(String apprenticeId, StoredEvent event, Instant at, String summary) {
        return SessionSql.update("insert into timeline_entries (apprentice_id, position, at, type, summary) values ($1, $2, $3, $4, $5)"
                + " on conflict do nothing", apprenticeId, event.position(), ts(at), timelineType(event.type()), summary).replaceWithVoid();
    }

    /** A consumed event's type without its namespace and version: {@code MatchStarted}, like this service's own. */
    private static String timelineType(String type) {
        String[] parts = type.split("\\.");
        return parts.length >= 3 ? parts[parts.length - 2] : type;
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Uni<Void> reset() {
        return SessionSql.update("delete from timeline_entries")
                .chain(() -> SessionSql.update("delete from milestone_states"))
                .chain(() -> SessionSql.update("delete from curriculum_milestones"))
                .chain(() -> SessionSql.update("delete from progress_matches"))
                .chain(() -> SessionSql.update("delete from ended_matches"))
                .chain(() -> SessionSql.update("delete from apprentice_progress")).replaceWithVoid();
    }
}
