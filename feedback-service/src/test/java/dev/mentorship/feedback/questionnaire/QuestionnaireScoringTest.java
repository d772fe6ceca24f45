package dev.mentorship.feedback.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.decider.DomainException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores worked out by hand from the shipped questionnaires. */
class QuestionnaireScoringTest {

    private final Questionnaires questionnaires = new Questionnaires(new ObjectMapper());

    @Test
    void the_shipped_questionnaires_read_as_the_issue_describes() {
        Questionnaire safety = questionnaires.current("safety").orElseThrow();
        assertThat(safety.version()).isEqualTo(1);
        assertThat(safety.scale()).isEqualTo(new Questionnaire.Scale(1, 5));
        assertThat(safety.domains()).containsExactly(Domain.SECURITY, Domain.AUTONOMY, Domain.FAIRNESS, Domain.ESTEEM, Domain.TRUST, Domain.YOU);
        assertThat(safety.items()).hasSize(18).filteredOn(Questionnaire.Item::reversed).hasSize(6);
        Questionnaire team = questionnaires.current("team-safety").orElseThrow();
        assertThat(team.scale()).isEqualTo(new Questionnaire.Scale(1, 7));
        assertThat(team.items()).extracting(Questionnaire.Item::reversed).containsExactly(true, false, true, false, true, false, false);
        assertThat(team.domains()).containsExactly(Domain.TEAM);
    }

    @Test
    void a_domain_is_the_mean_of_its_items_with_reversed_ones_counted_from_the_other_end() {
        Questionnaire safety = questionnaires.current("safety").orElseThrow();
        Map<String, Integer> answers = new LinkedHashMap<>();
        safety.items().forEach(item -> answers.put(item.id(), 3));
        // SECURITY: 5, 4 and the reversed 2 (counts 1 + 5 - 2 = 4): (5 + 4 + 4) / 3 = 4.33
        answers.put("security-1", 5);
        answers.put("security-2", 4);
        answers.put("security-3", 2);
        // TRUST: 1, 2 and the reversed 5 (counts 1): (1 + 2 + 1) / 3 = 1.33
        answers.put("trust-1", 1);
        answers.put("trust-2", 2);
        answers.put("trust-3", 5);
        // YOU: 2, 3 and the reversed 4 (counts 2): 7 / 3 = 2.33; the others all 3.

        Map<Domain, BigDecimal> scores = safety.score(answers);

        assertThat(scores).containsEntry(Domain.SECURITY, new BigDecimal("4.33")).containsEntry(Domain.TRUST, new BigDecimal("1.33"))
                .containsEntry(Domain.AUTONOMY, new BigDecimal("3.00")).hasSize(6);
        answers.put("you-1", 2);
        answers.put("you-3", 4);
        assertThat(safety.score(answers)).containsEntry(Domain.YOU, new BigDecimal("2.33"));
    }

    @Test
    void the_team_scale_reverses_items_one_three_and_five_on_one_to_seven() {
        Questionnaire team = questionnaires.current("team-safety").orElseThrow();
        // 7 on every item: the reversed ones count 1, the others 7: (1 + 7 + 1 + 7 + 1 + 7 + 7) / 7 = 31 / 7 = 4.43
        Map<String, Integer> answers = new HashMap<>();
        team.items().forEach(item -> answers.put(item.id(), 7));
        assertThat(team.score(answers)).containsExactly(Map.entry(Domain.TEAM, new BigDecimal("4.43")));
        // 1 on the reversed, 7 on the others: all count 7.
        answers.put("team-1", 1);
        answers.put("team-3", 1);
        answers.put("team-5", 1);
        assertThat(team.score(answers)).containsExactly(Map.entry(Domain.TEAM, new BigDecimal("7.00")));
    }

    @Test
    void missing_unknown_or_out_of_range_answers_are_refused_and_a_retired_or_unknown_version_is_a_rule_broken() {
        Questionnaire safety = questionnaires.current("safety").orElseThrow();
        Map<String, Integer> answers = new HashMap<>();
        safety.items().forEach(item -> answers.put(item.id(), 3));
        answers.remove("esteem-2");
        assertThatThrownBy(() -> safety.score(answers)).hasMessageContaining("esteem-2");
        answers.put("esteem-2", 6);
        assertThatThrownBy(() -> safety.score(answers)).hasMessageContaining("1-5");
        answers.put("esteem-2", 0);
        assertThatThrownBy(() -> safety.score(answers)).isInstanceOf(DomainException.class);
        answers.put("esteem-2", 3);
        answers.put("made-up", 3);
        assertThatThrownBy(() -> safety.score(answers)).hasMessageContaining("made-up");

        assertThatThrownBy(() -> questionnaires.answerable("safety", 2)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED));
        assertThatThrownBy(() -> questionnaires.answerable("burnout", 1)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT));
    }
}
