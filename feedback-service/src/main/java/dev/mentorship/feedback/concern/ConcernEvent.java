package dev.mentorship.feedback.concern;

import dev.mentorship.feedback.assessment.AssessmentEvent.Severity;
import dev.mentorship.feedback.concern.ConcernCommand.Side;
import dev.mentorship.feedback.concern.ConcernCommand.Source;
import dev.mentorship.feedback.questionnaire.Domain;
import java.time.Instant;
import java.util.List;

public sealed interface ConcernEvent {

    String concernId();

    /** {@code domains} only where the person agreed to tell them; empty otherwise. */
    record ConcernRaised(String concernId, String matchId, String cohortId, Source source, Side side, Severity severity, List<Domain> domains,
            Instant at) implements ConcernEvent {
    }

    record ConcernAcknowledged(String concernId, String matchId, String by, Instant at) implements ConcernEvent {
    }

    record ConcernResolved(String concernId, String matchId, String by, Instant at) implements ConcernEvent {
    }
}
