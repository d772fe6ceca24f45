package dev.mentorship.events;

import dev.mentorship.events.feedback.CheckInFeedbackGiven;
import dev.mentorship.events.feedback.MentorFeedbackGiven;
import dev.mentorship.events.feedback.SafetyAssessmentDue;
import dev.mentorship.events.feedback.SafetyAssessmentSubmitted;
import dev.mentorship.events.feedback.SafetyConcernAcknowledged;
import dev.mentorship.events.feedback.SafetyConcernRaised;
import dev.mentorship.events.feedback.SafetyConcernResolved;
import dev.mentorship.events.matching.ApprenticeEnrolled;
import dev.mentorship.events.matching.ApprenticeSignInLinked;
import dev.mentorship.events.matching.ApprenticeWithdrawn;
import dev.mentorship.events.matching.MatchEnded;
import dev.mentorship.events.matching.MatchPutUnderReview;
import dev.mentorship.events.matching.MatchingRoundPublished;
import dev.mentorship.events.matching.MentorCapacityChanged;
import dev.mentorship.events.matching.MentorOffboarded;
import dev.mentorship.events.progress.ApprenticeGraduated;
import dev.mentorship.events.progress.CheckInCompleted;
import dev.mentorship.events.progress.CheckInOverdue;
import dev.mentorship.events.progress.InterviewLoopCompleted;
import dev.mentorship.events.progress.InterviewLoopScheduled;
import dev.mentorship.events.progress.ShadowShiftLogged;
import dev.mentorship.events.progress.MilestoneEvidenceSubmitted;
import dev.mentorship.events.progress.MilestoneReturned;
import dev.mentorship.events.progress.MilestoneSignedOff;
import dev.mentorship.events.progress.MilestoneStarted;
import dev.mentorship.events.matching.CohortOpened;
import dev.mentorship.events.matching.MatchAccepted;
import dev.mentorship.events.matching.MatchDeclined;
import dev.mentorship.events.matching.MatchProposed;
import dev.mentorship.events.matching.MatchStarted;
import dev.mentorship.events.matching.MentorRegistered;
import dev.mentorship.events.matching.PersonErasureRequested;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of every published event type and version. docs/events.md is checked against it. */
public final class Contracts {

    public static final EventContract MENTOR_REGISTERED = new EventContract("matching", "MentorRegistered", 1, MentorRegistered.class);
    public static final EventContract APPRENTICE_ENROLLED = new EventContract("matching", "ApprenticeEnrolled", 1, ApprenticeEnrolled.class);
    public static final EventContract COHORT_OPENED = new EventContract("matching", "CohortOpened", 1, CohortOpened.class);
    public static final EventContract MATCH_PROPOSED = new EventContract("matching", "MatchProposed", 1, MatchProposed.class);
    public static final EventContract MATCH_ACCEPTED = new EventContract("matching", "MatchAccepted", 1, MatchAccepted.class);
    public static final EventContract MATCH_STARTED = new EventContract("matching", "MatchStarted", 1, MatchStarted.class);
    public static final EventContract MATCH_DECLINED = new EventContract("matching", "MatchDeclined", 1, MatchDeclined.class);
    public static final EventContract MATCH_ENDED = new EventContract("matching", "MatchEnded", 1, MatchEnded.class);
    public static final EventContract MATCH_PUT_UNDER_REVIEW = new EventContract("matching", "MatchPutUnderReview", 1, MatchPutUnderReview.class);
    public static final EventContract MENTOR_CAPACITY_CHANGED = new EventContract("matching", "MentorCapacityChanged", 1, MentorCapacityChanged.class);
    public static final EventContract MENTOR_OFFBOARDED = new EventContract("matching", "MentorOffboarded", 1, MentorOffboarded.class);
    public static final EventContract APPRENTICE_WITHDRAWN = new EventContract("matching", "ApprenticeWithdrawn", 1, ApprenticeWithdrawn.class);
    public static final EventContract MATCHING_ROUND_PUBLISHED = new EventContract("matching", "MatchingRoundPublished", 1, MatchingRoundPublished.class);
    public static final EventContract APPRENTICE_GRADUATED = new EventContract("progress", "ApprenticeGraduated", 1, ApprenticeGraduated.class);
    public static final EventContract MILESTONE_STARTED = new EventContract("progress", "MilestoneStarted", 1, MilestoneStarted.class);
    public static final EventContract MILESTONE_EVIDENCE_SUBMITTED = new EventContract("progress", "MilestoneEvidenceSubmitted", 1,
            MilestoneEvidenceSubmitted.class);
    public static final EventContract MILESTONE_SIGNED_OFF = new EventContract("progress", "MilestoneSignedOff", 1, MilestoneSignedOff.class);
    public static final EventContract MILESTONE_RETURNED = new EventContract("progress", "MilestoneReturned", 1, MilestoneReturned.class);
    public static final EventContract CHECK_IN_COMPLETED = new EventContract("progress", "CheckInCompleted", 1, CheckInCompleted.class);
    public static final EventContract CHECK_IN_OVERDUE = new EventContract("progress", "CheckInOverdue", 1, CheckInOverdue.class);
    public static final EventContract SHADOW_SHIFT_LOGGED = new EventContract("progress", "ShadowShiftLogged", 1, ShadowShiftLogged.class);
    public static final EventContract INTERVIEW_LOOP_SCHEDULED = new EventContract("progress", "InterviewLoopScheduled", 1,
            InterviewLoopScheduled.class);
    public static final EventContract INTERVIEW_LOOP_COMPLETED = new EventContract("progress", "InterviewLoopCompleted", 1,
            InterviewLoopCompleted.class);
    public static final EventContract SAFETY_CONCERN_RAISED = new EventContract("feedback", "SafetyConcernRaised", 1, SafetyConcernRaised.class);
    public static final EventContract SAFETY_CONCERN_ACKNOWLEDGED = new EventContract("feedback", "SafetyConcernAcknowledged", 1,
            SafetyConcernAcknowledged.class);
    public static final EventContract SAFETY_CONCERN_RESOLVED = new EventContract("feedback", "SafetyConcernResolved", 1,
            SafetyConcernResolved.class);
    public static final EventContract SAFETY_ASSESSMENT_DUE = new EventContract("feedback", "SafetyAssessmentDue", 1, SafetyAssessmentDue.class);
    public static final EventContract CHECK_IN_FEEDBACK_GIVEN = new EventContract("feedback", "CheckInFeedbackGiven", 1, CheckInFeedbackGiven.class);
    public static final EventContract MENTOR_FEEDBACK_GIVEN = new EventContract("feedback", "MentorFeedbackGiven", 1, MentorFeedbackGiven.class);
    public static final EventContract SAFETY_ASSESSMENT_SUBMITTED = new EventContract("feedback", "SafetyAssessmentSubmitted", 1,
            SafetyAssessmentSubmitted.class);

    public static final EventContract PERSON_ERASURE_REQUESTED = new EventContract("matching", "PersonErasureRequested", 1,
            PersonErasureRequested.class);
    public static final EventContract APPRENTICE_SIGN_IN_LINKED = new EventContract("matching", "ApprenticeSignInLinked", 1,
            ApprenticeSignInLinked.class);
    public static final EventContract PROGRESS_PERSON_ERASED = new EventContract("progress", "PersonErased", 1,
            dev.mentorship.events.progress.PersonErased.class);
    public static final EventContract FEEDBACK_PERSON_ERASED = new EventContract("feedback", "PersonErased", 1,
            dev.mentorship.events.feedback.PersonErased.class);

    public static final List<EventContract> ALL = List.of(
            MENTOR_REGISTERED, APPRENTICE_ENROLLED, COHORT_OPENED, MATCH_PROPOSED, MATCH_ACCEPTED, MATCH_STARTED, MATCH_DECLINED,
            MATCH_ENDED, MATCH_PUT_UNDER_REVIEW, MENTOR_CAPACITY_CHANGED, MENTOR_OFFBOARDED, APPRENTICE_WITHDRAWN,
            MATCHING_ROUND_PUBLISHED, APPRENTICE_GRADUATED, MILESTONE_STARTED, MILESTONE_EVIDENCE_SUBMITTED, MILESTONE_SIGNED_OFF,
            MILESTONE_RETURNED, CHECK_IN_COMPLETED, CHECK_IN_OVERDUE, SHADOW_SHIFT_LOGGED, INTERVIEW_LOOP_SCHEDULED,
            INTERVIEW_LOOP_COMPLETED, SAFETY_CONCERN_RAISED, SAFETY_CONCERN_ACKNOWLEDGED, SAFETY_CONCERN_RESOLVED,
            SAFETY_ASSESSMENT_SUBMITTED, SAFETY_ASSESSMENT_DUE, CHECK_IN_FEEDBACK_GIVEN, MENTOR_FEEDBACK_GIVEN,
            PERSON_ERASURE_REQUESTED, PROGRESS_PERSON_ERASED, FEEDBACK_PERSON_ERASED, APPRENTICE_SIGN_IN_LINKED);

    private static final Map<Class<?>, EventContract> BY_CLASS =
            ALL.stream().collect(Collectors.toMap(EventContract::type, Function.identity()));
    private static final Map<String, EventContract> BY_CE_TYPE =
            ALL.stream().collect(Collectors.toMap(EventContract::ceType, Function.identity()));

    private Contracts() {
    }

    public static EventContract of(IntegrationEvent event) {
        EventContract contract = BY_CLASS.get(event.getClass());
        if (contract == null) {
            throw new IllegalArgumentException("No contract for " + event.getClass().getName());
        }
        return contract;
    }

    public static Optional<EventContract> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }
}
