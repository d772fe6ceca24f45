package dev.mentorship.events.matching;

import dev.mentorship.events.IntegrationEvent;
import java.time.Instant;

/**
 * An apprentice enrolled from an HR tool signed in for the first time: from now on the identity
 * provider's subject {@code signInSubject} acts as {@code apprenticeSubject}, the pseudonymous
 * subject the enrolment gave them. Both are opaque identifiers; no name or e-mail address travels.
 */
public record ApprenticeSignInLinked(String apprenticeId, String apprenticeSubject, String signInSubject, Instant linkedAt)
        implements IntegrationEvent {

    @Override
    public String subject() {
        return apprenticeId;
    }
}
