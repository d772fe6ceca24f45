package dev.mentorship.progress;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.progress.curriculum.Curriculum;
import dev.mentorship.progress.curriculum.CurriculumCommand;
import dev.mentorship.progress.curriculum.CurriculumDecider;
import dev.mentorship.progress.curriculum.CurriculumEvent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import dev.mentorship.events.IntegrationEvent;
import dev.mentorship.events.progress.MilestoneEvidenceSubmitted;
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

    /** An apprentice's milestones, stream {@code milestones-<apprenticeId>}; published with ids, states and times only. */
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
        });
    }

    private static Optional<IntegrationEvent> published(IntegrationEvent event) {
        return Optional.of(event);
    }
}
