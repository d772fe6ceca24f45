package dev.mentorship.feedback.assessment;

import dev.mentorship.feedback.assessment.AssessmentCommand.Role;
import dev.mentorship.feedback.questionnaire.Domain;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One person's assessments, oldest first, and with whom each was shared. */
public record PersonAssessments(Map<String, Assessment> assessments) {

    public record Assessment(String assessmentId, Role role, String matchId, String cohortId, String questionnaire, int version,
            Map<String, Integer> answers, Map<Domain, BigDecimal> scores, Instant submittedAt, List<String> flagged, String sharedWithMatch,
            Instant sharedAt) {
    }

    public static PersonAssessments initial() {
        return new PersonAssessments(Map.of());
    }

    /** The person's earlier scores of a domain on a questionnaire, oldest first. */
    public List<BigDecimal> history(String questionnaire, Domain domain) {
        List<BigDecimal> scores = new ArrayList<>();
        assessments.values().stream().filter(assessment -> assessment.questionnaire().equals(questionnaire))
                .sorted(java.util.Comparator.comparing(Assessment::submittedAt))
                .forEach(assessment -> {
                    BigDecimal score = assessment.scores().get(domain);
                    if (score != null) {
                        scores.add(score);
                    }
                });
        return scores;
    }

    PersonAssessments with(Assessment assessment) {
        Map<String, Assessment> all = new LinkedHashMap<>(assessments);
        all.put(assessment.assessmentId(), assessment);
        return new PersonAssessments(all);
    }
}
