package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/** The program office opened a cohort. */
public record CohortOpened(String cohortId, String name, Instant openedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return cohortId;
    }
}
