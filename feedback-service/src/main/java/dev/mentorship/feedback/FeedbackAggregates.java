package dev.mentorship.feedback;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.privacy.Erasure;
import dev.mentorship.eventsourcing.privacy.ErasureCommand;
import dev.mentorship.eventsourcing.privacy.ErasureEvent;
import dev.mentorship.eventsourcing.privacy.Erasures;
import dev.mentorship.events.feedback.PersonErased;
import dev.mentorship.events.IntegrationEvent;
import dev.mentorship.events.feedback.CheckInFeedbackGiven;
import dev.mentorship.events.feedback.MentorFeedbackGiven;
import dev.mentorship.events.feedback.SafetyAssessmentDue;
import dev.mentorship.events.feedback.SafetyAssessmentSubmitted;
import dev.mentorship.events.feedback.SafetyConcernAcknowledged;
import dev.mentorship.events.feedback.SafetyConcernRaised;
import dev.mentorship.events.feedback.SafetyConcernResolved;
import dev.mentorship.feedback.assessment.AssessmentCommand;
import dev.mentorship.feedback.assessment.AssessmentDecider;
import dev.mentorship.feedback.assessment.AssessmentEvent;
import dev.mentorship.feedback.assessment.PersonAssessments;
import dev.mentorship.feedback.concern.Concern;
import dev.mentorship.feedback.concern.ConcernCommand;
import dev.mentorship.feedback.concern.ConcernDecider;
import dev.mentorship.feedback.concern.ConcernEvent;
import dev.mentorship.feedback.due.DueEvent;
import dev.mentorship.feedback.due.DueSchedule;
import dev.mentorship.feedback.rating.RatingCommand;
import dev.mentorship.feedback.rating.RatingDecider;
import dev.mentorship.feedback.rating.RatingEvent;
import dev.mentorship.feedback.rating.Ratings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Where feedback-service's deciders meet the kernel: stream names, and what of each domain event is
 * published. Nothing a person answered, scored or wrote is: ids, kinds and times only.
 */
public class FeedbackAggregates {

    /** One person's assessments, stream {@code safety-<personKey>}. */
    @Produces
    @Singleton
    Aggregate<AssessmentCommand, AssessmentEvent, PersonAssessments> assessments() {
        return new Aggregate<>("safety", AssessmentEvent.class, new AssessmentDecider(), (state, event) -> switch (event) {
            case AssessmentEvent.AssessmentSubmitted submitted -> published(new SafetyAssessmentSubmitted(submitted.assessmentId(),
                    submitted.questionnaire(), submitted.version(), submitted.role().name(), submitted.matchId(), submitted.at()));
            // A flag becomes a concern (published as such); a share is between the apprentice and their mentor.
            case AssessmentEvent.TrendFlagged _ -> Optional.empty();
            case AssessmentEvent.AssessmentShared _ -> Optional.empty();
        });
    }

    /** A safety concern, stream {@code concern-<concernId>}. */
    @Produces
    @Singleton
    Aggregate<ConcernCommand, ConcernEvent, Concern> concerns() {
        return new Aggregate<>("concern", ConcernEvent.class, new ConcernDecider(), (state, event) -> switch (event) {
            case ConcernEvent.ConcernRaised raised -> published(new SafetyConcernRaised(raised.concernId(), raised.matchId(), raised.at(),
                    raised.severity().name(), raised.domains().stream().map(Enum::name).toList()));
            case ConcernEvent.ConcernAcknowledged acknowledged -> published(new SafetyConcernAcknowledged(acknowledged.concernId(),
                    acknowledged.matchId(), acknowledged.at()));
            case ConcernEvent.ConcernResolved resolved -> published(new SafetyConcernResolved(resolved.concernId(), resolved.matchId(),
                    resolved.at()));
        });
    }

    /** Ratings: a check-in's by its two sides (id {@code checkin-<checkInId>}), a match's mentor feedback (id {@code mentor-<matchId>}). */
    @Produces
    @Singleton
    Aggregate<RatingCommand, RatingEvent, Ratings> ratings() {
        return new Aggregate<>("rating", RatingEvent.class, new RatingDecider(), (state, event) -> switch (event) {
            case RatingEvent.CheckInRated rated -> published(new CheckInFeedbackGiven(rated.checkInId(), rated.matchId(), rated.side().name(),
                    rated.at()));
            case RatingEvent.MentorRated rated -> published(new MentorFeedbackGiven(rated.feedbackId(), rated.matchId(), rated.mentorId(),
                    rated.at()));
        });
    }

    /** A match's self-assessment schedule, stream {@code assessment-schedule-<matchId>}. */
    @Produces
    @Singleton
    Aggregate<DueSchedule.Announce, DueEvent, Integer> schedules() {
        return new Aggregate<>("assessment-schedule", DueEvent.class, new DueSchedule(), (state, event) -> switch (event) {
            case DueEvent.AssessmentDue due -> published(new SafetyAssessmentDue(due.matchId(), due.apprenticeId(), due.mentorId(), due.period(),
                    due.dueAt()));
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
