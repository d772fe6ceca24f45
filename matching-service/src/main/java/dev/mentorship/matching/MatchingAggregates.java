package dev.mentorship.matching;

import dev.mentorship.eventsourcing.command.Aggregate;
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
 * domain, so a refactor here cannot change a published contract by accident).
 */
public class MatchingAggregates {

    @Produces
    @Singleton
    Aggregate<CohortCommand, CohortEvent, Cohort> cohorts() {
        return new Aggregate<>("cohort", CohortEvent.class, new CohortDecider(), (state, event) -> {
            if (event instanceof CohortEvent.CohortOpened opened) {
                return published(new dev.mentorship.events.matching.CohortOpened(opened.cohortId(), opened.name(), opened.openedAt()));
            }
            return Optional.empty();
        });
    }

    @Produces
    @Singleton
    Aggregate<MentorCommand, MentorEvent, Mentor> mentors() {
        return new Aggregate<>("mentor", MentorEvent.class, new MentorDecider(), (state, event) -> {
            if (event instanceof MentorEvent.MentorRegistered registered) {
                return published(new dev.mentorship.events.matching.MentorRegistered(registered.mentorId(),
                        registered.sreExperienceYears(), registered.skills(), registered.timezone(), registered.capacity(),
                        registered.registeredAt()));
            }
            if (event instanceof MentorEvent.MentorCapacityChanged changed) {
                return published(new dev.mentorship.events.matching.MentorCapacityChanged(changed.mentorId(), changed.capacity(),
                        changed.changedAt()));
            }
            if (event instanceof MentorEvent.MentorOffboarded offboarded) {
                return published(new dev.mentorship.events.matching.MentorOffboarded(offboarded.mentorId(), offboarded.offboardedAt()));
            }
            return Optional.empty();
        });
    }

    @Produces
    @Singleton
    Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices() {
        return new Aggregate<>("apprentice", ApprenticeEvent.class, new ApprenticeDecider(), (state, event) -> {
            if (event instanceof ApprenticeEvent.ApprenticeEnrolled enrolled) {
                return published(new dev.mentorship.events.matching.ApprenticeEnrolled(enrolled.apprenticeId(),
                        enrolled.subject(), enrolled.cohortId(), enrolled.goals(), enrolled.timezone(), enrolled.enrolledAt()));
            }
            if (event instanceof ApprenticeEvent.ApprenticeWithdrawn withdrawn) {
                return published(new dev.mentorship.events.matching.ApprenticeWithdrawn(withdrawn.apprenticeId(), withdrawn.withdrawnAt()));
            }
            return Optional.empty();
        });
    }

    @Produces
    @Singleton
    Aggregate<MatchCommand, MatchEvent, Match> matches() {
        return new Aggregate<>("match", MatchEvent.class, new MatchDecider(), (match, event) -> {
            if (event instanceof MatchEvent.MatchProposed proposed) {
                return published(new dev.mentorship.events.matching.MatchProposed(proposed.matchId(), proposed.mentorId(),
                        proposed.apprenticeId(), proposed.cohortId(), proposed.proposedAt()));
            }
            if (event instanceof MatchEvent.MatchAccepted accepted) {
                return published(new dev.mentorship.events.matching.MatchAccepted(accepted.matchId(),
                        accepted.party().name(), accepted.acceptedAt()));
            }
            if (event instanceof MatchEvent.MatchDeclined declined) {
                return published(new dev.mentorship.events.matching.MatchDeclined(match.id(), match.mentorId(),
                        match.apprenticeId(), declined.party().name(), declined.declinedAt()));
            }
            if (event instanceof MatchEvent.MatchEnded ended) {
                return published(new dev.mentorship.events.matching.MatchEnded(match.id(), match.mentorId(), match.apprenticeId(),
                        ended.reason().name(), ended.endedAt()));
            }
            if (event instanceof MatchEvent.MatchPutUnderReview review) {
                return published(new dev.mentorship.events.matching.MatchPutUnderReview(match.id(), review.concernId(), review.at()));
            }
            if (event instanceof MatchEvent.MatchStarted started) {
                return published(new dev.mentorship.events.matching.MatchStarted(match.id(), match.mentorId(),
                        match.apprenticeId(), match.mentorSubject(), match.apprenticeSubject(), match.cohortId(),
                        started.startedAt()));
            }
            return Optional.empty();
        });
    }

    @Produces
    @Singleton
    Aggregate<RoundDecider.PublishRound, RoundEvent, Boolean> rounds() {
        return new Aggregate<>("round", RoundEvent.class, new RoundDecider(), (state, event) -> {
            if (event instanceof RoundEvent.MatchingRoundPublished published) {
                return published(new dev.mentorship.events.matching.MatchingRoundPublished(published.roundId(), published.cohortId(),
                        published.proposals(), published.unmatched(), published.publishedAt()));
            }
            return Optional.empty();
        });
    }

    private static Optional<IntegrationEvent> published(IntegrationEvent event) {
        return Optional.of(event);
    }
}
