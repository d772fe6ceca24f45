package dev.mentorship.feedback.assessment;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.feedback.assessment.AssessmentCommand.Share;
import dev.mentorship.feedback.assessment.AssessmentCommand.Submit;
import dev.mentorship.feedback.assessment.AssessmentCommand.TrendRules;
import dev.mentorship.feedback.assessment.AssessmentEvent.AssessmentShared;
import dev.mentorship.feedback.assessment.AssessmentEvent.AssessmentSubmitted;
import dev.mentorship.feedback.assessment.AssessmentEvent.Severity;
import dev.mentorship.feedback.assessment.AssessmentEvent.TrendFlagged;
import dev.mentorship.feedback.assessment.PersonAssessments.Assessment;
import dev.mentorship.feedback.questionnaire.Domain;
import dev.mentorship.feedback.questionnaire.Questionnaire;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A person's assessments. Submitting scores the answers (every item, on the scale, in the current
 * version) and compares each domain with the person's own history: a fall of the configured share of
 * the scale against the mean of their last few scores, or a score under the floor, flags a concern
 * for the match the answers are about. Sharing gives the domain scores to the current mentor.
 */
public final class AssessmentDecider implements Decider<AssessmentCommand, AssessmentEvent, PersonAssessments> {

    @Override
    public PersonAssessments initialState() {
        return PersonAssessments.initial();
    }

    @Override
    public PersonAssessments evolve(PersonAssessments state, AssessmentEvent event) {
        return switch (event) {
            case AssessmentSubmitted submitted -> state.with(new Assessment(submitted.assessmentId(), submitted.role(), submitted.matchId(),
                    submitted.cohortId(), submitted.questionnaire(), submitted.version(), submitted.answers(), submitted.scores(), submitted.at(),
                    List.of(), null, null));
            case TrendFlagged flagged -> {
                Assessment assessment = state.assessments().get(flagged.assessmentId());
                yield state.with(new Assessment(assessment.assessmentId(), assessment.role(), assessment.matchId(), assessment.cohortId(),
                        assessment.questionnaire(), assessment.version(), assessment.answers(), assessment.scores(), assessment.submittedAt(),
                        flagged.domains().stream().map(Domain::name).toList(), assessment.sharedWithMatch(), assessment.sharedAt()));
            }
            case AssessmentShared shared -> {
                Assessment assessment = state.assessments().get(shared.assessmentId());
                yield state.with(new Assessment(assessment.assessmentId(), assessment.role(), assessment.matchId(), assessment.cohortId(),
                        assessment.questionnaire(), assessment.version(), assessment.answers(), assessment.scores(), assessment.submittedAt(),
                        assessment.flagged(), shared.matchId(), shared.at()));
            }
        };
    }

    @Override
    public List<AssessmentEvent> decide(AssessmentCommand command, PersonAssessments state) {
        return switch (command) {
            case Submit submit -> submit(submit, state);
            case Share share -> share(share, state);
        };
    }

    private static List<AssessmentEvent> submit(Submit submit, PersonAssessments state) {
        Questionnaire questionnaire = submit.questionnaire();
        Map<Domain, BigDecimal> scores = questionnaire.score(submit.answers());
        Assessment earlier = state.assessments().get(submit.assessmentId());
        if (earlier != null) {
            if (earlier.answers().equals(submit.answers()) && earlier.questionnaire().equals(questionnaire.id())) {
                return List.of();
            }
            throw DomainException.keyReused("This Idempotency-Key already submitted assessment " + submit.assessmentId() + " with other answers");
        }
        AssessmentCommand.Context context = submit.context();
        List<AssessmentEvent> events = new ArrayList<>();
        events.add(new AssessmentSubmitted(submit.assessmentId(), submit.role(), context == null ? null : context.matchId(),
                context == null ? null : context.mentorId(), context == null ? null : context.cohortId(), questionnaire.id(),
                questionnaire.version(), Map.copyOf(submit.answers()), scores, submit.domainsToProgramOffice(), submit.now()));
        if (context != null && context.matchId() != null) {
            List<Domain> fallen = new ArrayList<>();
            boolean underFloor = false;
            BigDecimal range = BigDecimal.valueOf(questionnaire.scale().max() - questionnaire.scale().min());
            BigDecimal floor = BigDecimal.valueOf(questionnaire.scale().min()).add(range.multiply(submit.rules().floor()));
            BigDecimal drop = range.multiply(submit.rules().drop());
            for (Map.Entry<Domain, BigDecimal> score : scores.entrySet()) {
                if (score.getValue().compareTo(floor) < 0) {
                    fallen.add(score.getKey());
                    underFloor = true;
                    continue;
                }
                BigDecimal baseline = baseline(state.history(questionnaire.id(), score.getKey()), submit.rules());
                if (baseline != null && baseline.subtract(score.getValue()).compareTo(drop) >= 0) {
                    fallen.add(score.getKey());
                }
            }
            if (!fallen.isEmpty()) {
                events.add(new TrendFlagged(submit.assessmentId(), submit.concernId(), context.matchId(), context.cohortId(),
                        underFloor ? Severity.HIGH : Severity.MEDIUM, List.copyOf(fallen), submit.domainsToProgramOffice(), submit.now()));
            }
        }
        return events;
    }

    /** The mean of the last {@code window} scores, or null with fewer than {@code minimumHistory} of them. */
    static BigDecimal baseline(List<BigDecimal> history, TrendRules rules) {
        if (history.size() < rules.minimumHistory()) {
            return null;
        }
        List<BigDecimal> recent = history.subList(Math.max(0, history.size() - rules.window()), history.size());
        return recent.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(recent.size()), 2, RoundingMode.HALF_UP);
    }

    private static List<AssessmentEvent> share(Share share, PersonAssessments state) {
        Assessment assessment = state.assessments().get(share.assessmentId());
        if (assessment == null) {
            throw DomainException.notFound("You have no assessment " + share.assessmentId());
        }
        if (share.context() == null || share.context().matchId() == null) {
            throw DomainException.invalidTransition("You have no current mentor to share an assessment with");
        }
        if (share.context().matchId().equals(assessment.sharedWithMatch())) {
            return List.of();
        }
        return List.of(new AssessmentShared(assessment.assessmentId(), share.context().matchId(), share.context().mentorId(),
                assessment.questionnaire(), assessment.version(), assessment.scores(), assessment.submittedAt(), share.now()));
    }
}
