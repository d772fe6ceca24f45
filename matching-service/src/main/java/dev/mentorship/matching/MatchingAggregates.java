package dev.mentorship.matching;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.privacy.Erasure;
import dev.mentorship.eventsourcing.privacy.ErasureCommand;
import dev.mentorship.eventsourcing.privacy.ErasureEvent;
import dev.mentorship.eventsourcing.privacy.Erasures;
import dev.mentorship.events.matching.PersonErasureRequested;
import dev.mentorship.events.IntegrationEvent;
import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand;
import dev.mentorship.matching.apprentice.ApprenticeDecider;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import dev.mentorship.matching.cohort.Cohort;
import dev.mentorship.matching.cohort.CohortCommand;
import dev.mentorship.matching.cohort.CohortDecider;
import dev.mentorship.matching.cohort.CohortEvent;
import dev.mentorship.matching.match.Match;
import dev.mentorship.matching.match.MatchCommand;
import dev.mentorship.matching.match.MatchDecider;
import dev.mentorship.matching.match.MatchEvent;
import dev.mentorship.matching.mentor.Mentor;
import dev.mentorship.matching.mentor.MentorCommand;
import dev.mentorship.matching.mentor.MentorDecider;
import dev.mentorship.matching.mentor.MentorEvent;
import dev.mentorship.matching.round.RoundDecider;
import dev.mentorship.matching.round.RoundEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;

/**
 * The one place where matching's pure deciders meet the kernel: stream names, and the mapping from
 * domain events to the integration events other services see (the wire is kept apart from the
 * domain, so a refactor here cannot change a published contract by accident). Each mapping switches
 * over every domain event, so a new one does not compile until someone decides whether it is published.
 */
public class MatchingAggregates {

    @Produces
    @Singleton
    Aggregate<CohortCommand, CohortEvent, Cohort> cohorts() {
        return new Aggregate<>("cohort", CohortEvent.class, new CohortDecider(), (state, event) -> {
            return switch (event) {
                case CohortEvent.CohortOpened opened -> published(new dev.mentorship.events.matching.CohortOpened(opened.cohortId(), opened.name(), opened.openedAt()));
                case CohortEvent.CohortMatchingWeightsChanged _ -> Optional.empty();
                case CohortEvent.CohortOwnersChanged _ -> Optional.empty();
            };
        });
    }

    @Produces
    @Singleton
    Aggregate<MentorCommand, MentorEvent, Mentor> mentors() {
        return new Aggregate<>("mentor", MentorEvent.class, new MentorDecider(), (state, event) -> {
            return switch (event) {
                case MentorEvent.MentorRegistered registered -> published(new dev.mentorship.events.matching.MentorRegistered(registered.mentorId(),
                            registered.sreExperienceYears(), registered.skills(), registered.timezone(), registered.capacity(),
                            registered.registeredAt()));
                case MentorEvent.MentorCapacityChanged changed -> published(new dev.mentorship.events.matching.MentorCapacityChanged(changed.mentorId(), changed.capacity(),
                            changed.changedAt()));
                case MentorEvent.MentorOffboarded offboarded -> published(new dev.mentorship.events.matching.MentorOffboarded(offboarded.mentorId(), offboarded.offboardedAt()));
                case MentorEvent.MentorUpdated _ -> Optional.empty();
            };
        });
    }

    @Produces
    @Singleton
    Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices() {
        return new Aggregate<>("apprentice", ApprenticeEvent.class, new ApprenticeDecider(), (state, event) -> {
            return switch (event) {
                case ApprenticeEvent.ApprenticeEnrolled enrolled -> published(new dev.mentorship.events.matching.ApprenticeEnrolled(enrolled.apprenticeId(),
                            enrolled.subject(), enrolled.cohortId(), enrolled.goals(), enrolled.timezone(), enrolled.enrolledAt()));
                case ApprenticeEvent.ApprenticeWithdrawn withdrawn -> published(new dev.mentorship.events.matching.ApprenticeWithdrawn(withdrawn.apprenticeId(), withdrawn.withdrawnAt()));
                case ApprenticeEvent.ApprenticeUpdated _ -> Optional.empty();
                case ApprenticeEvent.ApprenticeGraduated _ -> Optional.empty();
                case ApprenticeEvent.SignInLinked linked -> published(new dev.mentorship.events.matching.ApprenticeSignInLinked(linked.apprenticeId(),
                        state.subject(), linked.signInSubject(), linked.linkedAt()));
            };
        });
    }

    @Produces
    @Singleton
    Aggregate<MatchCommand, MatchEvent, Match> matches() {
        return new Aggregate<>("match", MatchEvent.class, new MatchDecider(), (match, event) -> {
            return switch (event) {
                case MatchEvent.MatchProposed proposed -> published(new dev.mentorship.events.matching.MatchProposed(proposed.matchId(), proposed.mentorId(),
                            proposed.apprenticeId(), proposed.cohortId(), proposed.proposedAt()));
                case MatchEvent.MatchAccepted accepted -> published(new dev.mentorship.events.matching.MatchAccepted(accepted.matchId(),
                            accepted.party().name(), accepted.acceptedAt()));
                case MatchEvent.MatchDeclined declined -> published(new dev.mentorship.events.matching.MatchDeclined(match.id(), match.mentorId(),
                            match.apprenticeId(), declined.party().name(), declined.declinedAt()));
                case MatchEvent.MatchEnded ended -> published(new dev.mentorship.events.matching.MatchEnded(match.id(), match.mentorId(), match.apprenticeId(),
                            ended.reason().name(), ended.endedAt()));
                case MatchEvent.MatchPutUnderReview review -> published(new dev.mentorship.events.matching.MatchPutUnderReview(match.id(), review.concernId(), review.at()));
                case MatchEvent.MatchStarted started -> published(new dev.mentorship.events.matching.MatchStarted(match.id(), match.mentorId(),
                            match.apprenticeId(), match.mentorSubject(), match.apprenticeSubject(), match.cohortId(),
                            started.startedAt()));
                case MatchEvent.MatchKept _ -> Optional.empty();
            };
        });
    }

    @Produces
    @Singleton
    Aggregate<RoundDecider.PublishRound, RoundEvent, Boolean> rounds() {
        return new Aggregate<>("round", RoundEvent.class, new RoundDecider(), (state, event) -> {
            return switch (event) {
                case RoundEvent.MatchingRoundPublished published -> published(new dev.mentorship.events.matching.MatchingRoundPublished(published.roundId(), published.cohortId(),
                            published.proposals(), published.unmatched(), published.publishedAt()));
            };
        });
    }

    /** Erasure requests, stream {@code erasure-<erasureId>}: the request is published for the other services to act on. */
    @Produces
    @Singleton
    Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures() {
        return Erasures.aggregate((state, event) -> switch (event) {
            case ErasureEvent.ErasureRequested requested -> published(new PersonErasureRequested(requested.erasureId(), requested.subject(),
                    requested.at()));
            // Confirmations come from the other services, or are this service's own: the request's status, not news.
            case ErasureEvent.ErasureConfirmed _ -> Optional.empty();
        });
    }

    private static Optional<IntegrationEvent> published(IntegrationEvent event) {
        return Optional.of(event);
    }
}
