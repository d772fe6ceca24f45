package dev.mentorship.progress;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.privacy.Erasure;
import dev.mentorship.eventsourcing.privacy.ErasureCommand;
import dev.mentorship.eventsourcing.privacy.ErasureEvent;
import dev.mentorship.eventsourcing.privacy.Erasures;
import dev.mentorship.events.progress.PersonErased;
import dev.mentorship.progress.checkin.CheckInCommand;
import dev.mentorship.progress.checkin.CheckInDecider;
import dev.mentorship.progress.checkin.CheckInEvent;
import dev.mentorship.progress.checkin.CheckIns;
import dev.mentorship.progress.curriculum.Curriculum;
import dev.mentorship.progress.curriculum.CurriculumCommand;
import dev.mentorship.progress.curriculum.CurriculumDecider;
import dev.mentorship.progress.curriculum.CurriculumEvent;
import dev.mentorship.progress.curriculum.Milestone;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import dev.mentorship.events.IntegrationEvent;
import dev.mentorship.events.progress.ApprenticeGraduated;
import dev.mentorship.events.progress.CheckInCompleted;
import dev.mentorship.events.progress.InterviewLoopCompleted;
import dev.mentorship.events.progress.InterviewLoopScheduled;
import dev.mentorship.events.progress.MilestoneEvidenceSubmitted;
import dev.mentorship.events.progress.ShadowShiftLogged;
import dev.mentorship.events.progress.MilestoneReturned;
import dev.mentorship.events.progress.MilestoneSignedOff;
import dev.mentorship.events.progress.MilestoneStarted;
import dev.mentorship.progress.milestone.MilestoneCommand;
import dev.mentorship.progress.milestone.MilestoneDecider;
import dev.mentorship.progress.milestone.MilestoneEvent;
import dev.mentorship.progress.milestone.Milestones;
import java.util.Optional;

/**
 * Where progress-service's pure deciders meet the kernel: stream names, and the mapping from domain
 * events to the integration events other services see. Each mapping switches over every domain
 * event, so a new one does not compile until someone decides whether it is published.
 */
public class ProgressAggregates {

    @Produces
    @Singleton
    Aggregate<CurriculumCommand, CurriculumEvent, Curriculum> curricula() {
        return new Aggregate<>("curriculum", CurriculumEvent.class, new CurriculumDecider(), (state, event) -> switch (event) {
            // The catalogue is this service's own; nothing outside it follows versions.
            case CurriculumEvent.CurriculumPublished _ -> Optional.empty();
        });
    }

    /** An apprentice's journey, stream {@code milestones-<apprenticeId>}; published with ids, states and times only. */
    @Produces
    @Singleton
    Aggregate<MilestoneCommand, MilestoneEvent, Milestones> milestones() {
        return new Aggregate<>("milestones", MilestoneEvent.class, new MilestoneDecider(), (state, event) -> switch (event) {
            case MilestoneEvent.CurriculumFollowed _ -> Optional.empty();
            case MilestoneEvent.MilestoneStarted started -> published(new MilestoneStarted(started.apprenticeId(), started.milestoneId(),
                    state.curriculumVersion(), started.at()));
            case MilestoneEvent.EvidenceSubmitted submitted -> published(new MilestoneEvidenceSubmitted(submitted.apprenticeId(),
                    submitted.milestoneId(), submitted.at()));
            case MilestoneEvent.MilestoneSignedOff signed -> published(new MilestoneSignedOff(signed.apprenticeId(), signed.milestoneId(),
                    signed.mentorId(), signed.at()));
            case MilestoneEvent.MilestoneReturned returned -> published(new MilestoneReturned(returned.apprenticeId(), returned.milestoneId(),
                    returned.mentorId(), returned.at()));
            // Which version an apprentice follows is this service's own concern.
            case MilestoneEvent.CurriculumMoved _ -> Optional.empty();
            case MilestoneEvent.ShadowShiftLogged logged -> published(new ShadowShiftLogged(logged.apprenticeId(), logged.shiftId(),
                    logged.start(), logged.end(), logged.incidentsObserved(), logged.at()));
            case MilestoneEvent.InterviewLoopScheduled scheduled -> published(new InterviewLoopScheduled(scheduled.apprenticeId(),
                    scheduled.loopId(), scheduled.scheduledFor(), scheduled.at()));
            case MilestoneEvent.InterviewLoopCompleted completed -> published(new InterviewLoopCompleted(completed.apprenticeId(),
                    completed.loopId(), completed.passed(), completed.remediation().stream().map(Milestone::id).toList(), completed.at()));
            case MilestoneEvent.ApprenticeGraduated graduated -> published(new ApprenticeGraduated(graduated.apprenticeId(),
                    graduated.matchId(), graduated.at()));
        });
    }

    /** A match's check-ins, stream {@code checkins-<matchId>}; published without topics or notes. */
    @Produces
    @Singleton
    Aggregate<CheckInCommand, CheckInEvent, CheckIns> checkIns() {
        return new Aggregate<>("checkins", CheckInEvent.class, new CheckInDecider(), (state, event) -> switch (event) {
            // The cadence is the pair's arrangement; only its consequence, an overdue check-in, is published.
            case CheckInEvent.CadenceSet _ -> Optional.empty();
            case CheckInEvent.CheckInLogged logged -> published(new CheckInCompleted(logged.matchId(), logged.checkInId(),
                    logged.apprenticeId(), logged.mentorId(), logged.date(), logged.minutes(), logged.at()));
            case CheckInEvent.CheckInOverdue overdue -> published(new dev.mentorship.events.progress.CheckInOverdue(overdue.matchId(),
                    overdue.apprenticeId(), overdue.mentorId(), overdue.dueBy(), overdue.missedPeriods(), overdue.at()));
        });
    }

    /** Erasures asked for by matching-service, stream {@code erasure-<erasureId>}: this service's confirmation is published. */
    @Produces
    @Singleton
    Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures() {
        return Erasures.aggregate((state, event) -> switch (event) {
            case ErasureEvent.ErasureRequested _ -> Optional.empty();
            case ErasureEvent.ErasureConfirmed confirmed -> published(new PersonErased(confirmed.erasureId(), confirmed.erased(), confirmed.at()));
        });
    }

    private static Optional<IntegrationEvent> published(IntegrationEvent event) {
        return Optional.of(event);
    }
}
