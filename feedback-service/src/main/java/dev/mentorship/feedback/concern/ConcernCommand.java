package dev.mentorship.feedback.concern;

import dev.mentorship.feedback.assessment.AssessmentEvent.Severity;
import dev.mentorship.feedback.questionnaire.Domain;
import java.time.Instant;
import java.util.List;

/** Commands on a safety concern, stream {@code concern-<concernId>}. */
public sealed interface ConcernCommand {

    Instant now();

    /** How a concern came: from a person's own trend, or from the person asking to talk to the program office. */
    enum Source { TREND, PERSON }

    /** Who it is about: the apprentice's or the mentor's side of the match. */
    enum Side { APPRENTICE, MENTOR }

    record Raise(String concernId, String matchId, String cohortId, Source source, Side side, Severity severity, List<Domain> domains,
            Instant now) implements ConcernCommand {
    }

    /** The program office has seen it and is reaching out; {@code programOffice} false for anyone else. */
    record Acknowledge(boolean programOffice, String by, Instant now) implements ConcernCommand {
    }

    record Resolve(boolean programOffice, String by, Instant now) implements ConcernCommand {
    }
}
