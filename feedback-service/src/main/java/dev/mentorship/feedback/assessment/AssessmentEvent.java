package dev.mentorship.feedback.assessment;

import dev.mentorship.eventsourcing.privacy.Personal;
import dev.mentorship.feedback.assessment.AssessmentCommand.Role;
import dev.mentorship.feedback.questionnaire.Domain;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What happens to a person's assessments. The answers stay in this stream; nothing of them is published. */
public sealed interface AssessmentEvent {

    String assessmentId();

    Instant at();

    record AssessmentSubmitted(String assessmentId, Role role, String matchId, String mentorId, String cohortId, String questionnaire,
            int version, @Personal(keyedBy = "assessmentId") Map<String, Integer> answers, Map<Domain, BigDecimal> scores, boolean domainsToProgramOffice, Instant at)
            implements AssessmentEvent {
    }

    /**
     * The assessment's scores flag a concern for the match it is about: domains fell against the
     * person's own baseline or under the floor. {@code domains} are told to the program office only
     * where the person agreed ({@code disclosed}).
     */
    record TrendFlagged(String assessmentId, String concernId, String matchId, String cohortId, Severity severity, List<Domain> domains,
            boolean disclosed, Instant at) implements AssessmentEvent {
    }

    /** The apprentice shared the domain scores (never the answers) with the mentor of their current match. */
    record AssessmentShared(String assessmentId, String matchId, String mentorId, String questionnaire, int version,
            Map<Domain, BigDecimal> scores, Instant submittedAt, Instant at) implements AssessmentEvent {
    }

    enum Severity { MEDIUM, HIGH }
}
