package dev.mentorship.feedback.assessment;

import dev.mentorship.feedback.questionnaire.Questionnaire;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Commands on one person's assessments, stream {@code safety-<personKey>}: only the person themself sends them. */
public sealed interface AssessmentCommand {

    Instant now();

    /** Who answers: an apprentice about their apprenticeship, or a mentor about themself. */
    enum Role { APPRENTICE, MENTOR }

    /** The match an apprentice's answers are about (their current one), null for a mentor's or an apprentice without a match. */
    record Context(String matchId, String mentorId, String cohortId) {
    }

    /**
     * When a domain's score flags a concern: it falls by {@code drop} or more below the mean of the
     * person's previous {@code window} scores of it (at least {@code minimumHistory} of them), or under
     * {@code floor}; both are shares of the scale's range (0.25 on 1-5 is one point).
     */
    record TrendRules(int window, int minimumHistory, BigDecimal drop, BigDecimal floor) {
    }

    /** {@code concernId} names the concern a flag would raise: drawn at random, so nothing outside links it to the assessment. */
    record Submit(String assessmentId, Role role, Context context, Questionnaire questionnaire, Map<String, Integer> answers,
            boolean domainsToProgramOffice, TrendRules rules, String concernId, Instant now) implements AssessmentCommand {
    }

    /** Shares an assessment's domain scores with the apprentice's current mentor ({@code context} null when they have none). */
    record Share(String assessmentId, Context context, Instant now) implements AssessmentCommand {
    }
}
