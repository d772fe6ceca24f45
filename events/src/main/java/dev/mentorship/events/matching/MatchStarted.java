package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * Both the mentor and the apprentice accepted: the apprenticeship starts. The subjects are the OIDC
 * subjects of the two people, so that other services can authorise them without personal data.
 */
public record MatchStarted(
        String matchId,
        String mentorId,
        String apprenticeId,
        String mentorSubject,
        String apprenticeSubject,
        String cohortId,
        Instant startedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return matchId;
    }
}
