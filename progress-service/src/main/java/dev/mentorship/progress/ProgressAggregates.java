package dev.mentorship.progress;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.progress.curriculum.Curriculum;
import dev.mentorship.progress.curriculum.CurriculumCommand;
import dev.mentorship.progress.curriculum.CurriculumDecider;
import dev.mentorship.progress.curriculum.CurriculumEvent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
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
}
