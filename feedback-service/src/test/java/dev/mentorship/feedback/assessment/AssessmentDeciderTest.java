package dev.mentorship.feedback.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.feedback.assessment.AssessmentCommand.Context;
import dev.mentorship.feedback.assessment.AssessmentCommand.Role;
import dev.mentorship.feedback.assessment.AssessmentCommand.Share;
import dev.mentorship.feedback.assessment.AssessmentCommand.Submit;
import dev.mentorship.feedback.assessment.AssessmentCommand.TrendRules;
import dev.mentorship.feedback.assessment.AssessmentEvent.AssessmentShared;
import dev.mentorship.feedback.assessment.AssessmentEvent.AssessmentSubmitted;
import dev.mentorship.feedback.assessment.AssessmentEvent.Severity;
import dev.mentorship.feedback.assessment.AssessmentEvent.TrendFlagged;
import dev.mentorship.feedback.questionnaire.Domain;
import dev.mentorship.feedback.questionnaire.Questionnaire;
import dev.mentorship.feedback.questionnaire.Questionnaire.Item;
import dev.mentorship.feedback.questionnaire.Questionnaire.Scale;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssessmentDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Questionnaire TWO_DOMAINS = new Questionnaire("safety", 1, "t", "i", new Scale(1, 5), List.of(
            new Item("trust-1", Domain.TRUST, "t", false), new Item("trust-2", Domain.TRUST, "t", true),
            new Item("esteem-1", Domain.ESTEEM, "t", false)));
    private static final Context MATCH = new Context("match", "mentor", "cohort");
    /** One point (0.25 of 1-5) against the mean of the last three, with two at least; floor at 2. */
    private static final TrendRules RULES = new TrendRules(3, 2, new BigDecimal("0.25"), new BigDecimal("0.25"));

    private final AssessmentDecider decider = new AssessmentDecider();
    private final List<AssessmentEvent> history = new ArrayList<>();
    private int submitted;

    @Test
    void a_submission_is_scored_and_keeps_its_answers_in_the_persons_stream() {
        List<AssessmentEvent> events = decide(submit("a1", 4, 2, 5, MATCH, false));

        assertThat(events).hasSize(1).first().isInstanceOfSatisfying(AssessmentSubmitted.class, event -> {
            assertThat(event.scores()).containsEntry(Domain.TRUST, new BigDecimal("4.00")).containsEntry(Domain.ESTEEM, new BigDecimal("5.00"));
            assertThat(event.answers()).containsEntry("trust-2", 2);
            assertThat(event.matchId()).isEqualTo("match");
        });
    }

    @Test
    void a_fall_of_a_point_against_the_persons_own_baseline_flags_the_domain_for_the_match() {
        decide(submit("a1", 4, 2, 4, MATCH, false));
        // One earlier score is not yet a baseline.
        assertThat(decide(submit("a2", 3, 3, 4, MATCH, false))).hasSize(1);
        // Trust 4, 3 before: baseline 3.5; now 2.5 (2 and a reversed 4): a fall of 1.
        List<AssessmentEvent> events = decide(submit("a3", 2, 3, 4, MATCH, true));
        assertThat(events).hasSize(2).last().isEqualTo(new TrendFlagged("a3", "concern-a3", "match", "cohort", Severity.MEDIUM, List.of(Domain.TRUST), true,
                at(3)));
    }

    @Test
    void a_score_under_the_floor_flags_at_once_and_high() {
        assertThat(decide(submit("a1", 1, 5, 4, MATCH, false))).last()
                .isEqualTo(new TrendFlagged("a1", "concern-a1", "match", "cohort", Severity.HIGH, List.of(Domain.TRUST), false, at(1)));
    }

    @Test
    void without_a_match_nothing_is_flagged() {
        assertThat(decide(submit("a1", 1, 5, 1, null, false))).hasSize(1);
    }

    @Test
    void the_same_submission_again_changes_nothing_and_its_id_with_other_answers_is_a_reused_key() {
        decide(submit("a1", 4, 2, 4, MATCH, false));
        assertThat(decider.decide(new Submit("a1", Role.APPRENTICE, MATCH, TWO_DOMAINS, Map.of("trust-1", 4, "trust-2", 2, "esteem-1", 4), false,
                RULES, "concern", NOW), state())).isEmpty();
        assertThatThrownBy(() -> decider.decide(new Submit("a1", Role.APPRENTICE, MATCH, TWO_DOMAINS, Map.of("trust-1", 5, "trust-2", 2,
                "esteem-1", 4), false, RULES, "concern", NOW), state())).isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.KEY_REUSED));
    }

    @Test
    void sharing_gives_the_scores_to_the_current_mentor_once_and_needs_one() {
        decide(submit("a1", 4, 2, 4, MATCH, false));
        assertThatThrownBy(() -> decider.decide(new Share("a1", null, NOW), state())).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_TRANSITION));
        assertThatThrownBy(() -> decider.decide(new Share("nope", MATCH, NOW), state())).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));

        List<AssessmentEvent> shared = decide(new Share("a1", MATCH, NOW));
        assertThat(shared).hasSize(1).first().isInstanceOfSatisfying(AssessmentShared.class, event -> {
            assertThat(event.mentorId()).isEqualTo("mentor");
            assertThat(event.scores()).containsKeys(Domain.TRUST, Domain.ESTEEM);
        });
        assertThat(decide(new Share("a1", MATCH, NOW))).isEmpty();
        assertThat(decide(new Share("a1", new Context("next-match", "next-mentor", "cohort"), NOW))).hasSize(1);
    }

    private Submit submit(String id, int trust1, int trust2, int esteem, Context context, boolean disclose) {
        submitted++;
        return new Submit(id, Role.APPRENTICE, context, TWO_DOMAINS, Map.of("trust-1", trust1, "trust-2", trust2, "esteem-1", esteem), disclose,
                RULES, "concern-" + id, at(submitted));
    }

    private static Instant at(int n) {
        return NOW.plus(Duration.ofDays(28L * n));
    }

    private List<AssessmentEvent> decide(AssessmentCommand command) {
        List<AssessmentEvent> events = decider.decide(command, state());
        history.addAll(events);
        return events;
    }

    private PersonAssessments state() {
        return decider.fold(history);
    }
}
