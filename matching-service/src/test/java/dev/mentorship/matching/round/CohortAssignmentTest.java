package dev.mentorship.matching.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.matching.round.CohortAssignment.ApprenticeCandidate;
import dev.mentorship.matching.round.CohortAssignment.Input;
import dev.mentorship.matching.round.CohortAssignment.MentorCandidate;
import dev.mentorship.matching.round.CohortAssignment.Pair;
import dev.mentorship.matching.round.CohortAssignment.Result;
import dev.mentorship.matching.round.CohortAssignment.Weights;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CohortAssignmentTest {

    private static final Instant AT = Instant.parse("2026-03-02T12:00:00Z");
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    @Test
    void optimal_beats_first_come_first_served() {
        // a1 comes first and would grab m1, leaving a2 (who only fits m1) unmatched; the optimum gives m2 to a1.
        MentorCandidate m1 = new MentorCandidate("m1", List.of("observability", "kubernetes"), NY, 1, 0, "x");
        MentorCandidate m2 = new MentorCandidate("m2", List.of("observability"), NY, 1, 0, "y");
        ApprenticeCandidate a1 = new ApprenticeCandidate("a1", List.of("observability"), NY, "p");
        ApprenticeCandidate a2 = new ApprenticeCandidate("a2", List.of("kubernetes"), NY, "q");
        Result result = CohortAssignment.assign(new Input(List.of(m1, m2), List.of(a1, a2), Map.of(), Set.of(), Weights.standard(), AT));

        assertThat(result.unmatched()).isEmpty();
        assertThat(result.proposals()).extracting(p -> p.apprenticeId() + "->" + p.mentorId()).containsExactly("a1->m2", "a2->m1");
    }

    @Test
    void every_proposal_explains_its_factors_and_the_better_mentor_it_did_not_get() {
        MentorCandidate full = new MentorCandidate("best", List.of("observability"), NY, 1, 1, "x");
        MentorCandidate free = new MentorCandidate("ok", List.of("observability"), LA, 1, 0, "y");
        ApprenticeCandidate apprentice = new ApprenticeCandidate("a", List.of("observability"), NY, "p");
        Result result = CohortAssignment.assign(new Input(List.of(full, free), List.of(apprentice), Map.of(), Set.of(), Weights.standard(), AT));

        var proposal = result.proposals().get(0);
        assertThat(proposal.mentorId()).isEqualTo("ok");
        assertThat(proposal.factors()).extracting(CohortAssignment.Factor::name)
                .containsExactly("goals-covered", "working-hours-overlap", "mentor-availability");
        assertThat(proposal.factors().get(0).contribution()).isEqualTo(0.6);
        assertThat(proposal.factors().get(1).value()).isEqualTo(5.0 / 8); // New York and Los Angeles share 5 of 8 hours
        assertThat(proposal.score()).isEqualTo(proposal.factors().stream().mapToDouble(CohortAssignment.Factor::contribution).sum());
        assertThat(proposal.higherScoringNotChosen()).singleElement().satisfies(n -> {
            assertThat(n.mentorId()).isEqualTo("best");
            assertThat(n.reason()).startsWith("at capacity");
        });
    }

    @Test
    void no_goal_covered_same_manager_and_declined_pairs_are_never_proposed_and_the_reason_is_given() {
        MentorCandidate wrongSkills = new MentorCandidate("m1", List.of("databases"), NY, 3, 0, "x");
        MentorCandidate sameManager = new MentorCandidate("m2", List.of("observability"), NY, 3, 0, "boss");
        MentorCandidate declined = new MentorCandidate("m3", List.of("observability"), NY, 3, 0, "y");
        ApprenticeCandidate apprentice = new ApprenticeCandidate("a", List.of("observability"), NY, "boss");
        Result result = CohortAssignment.assign(new Input(List.of(wrongSkills, sameManager, declined), List.of(apprentice),
                Map.of(new Pair("m3", "a"), "declined by the apprentice"), Set.of(), Weights.standard(), AT));

        assertThat(result.proposals()).isEmpty();
        assertThat(result.unmatched()).singleElement().satisfies(u -> assertThat(u.reason()).contains("excluded"));
    }

    @Test
    void nobody_offering_the_goals_is_said_plainly() {
        Result result = CohortAssignment.assign(new Input(List.of(new MentorCandidate("m", List.of("linux"), NY, 1, 0, "x")),
                List.of(new ApprenticeCandidate("a", List.of("observability"), NY, "p")), Map.of(), Set.of(), Weights.standard(), AT));
        assertThat(result.unmatched()).singleElement().satisfies(u -> assertThat(u.reason()).contains("no active mentor offers"));
    }

    @Test
    void pins_are_honoured_even_against_a_better_score() {
        MentorCandidate near = new MentorCandidate("near", List.of("observability"), NY, 1, 0, "x");
        MentorCandidate far = new MentorCandidate("far", List.of("observability"), SYDNEY, 1, 0, "y");
        ApprenticeCandidate apprentice = new ApprenticeCandidate("a", List.of("observability"), NY, "p");
        Result result = CohortAssignment.assign(new Input(List.of(near, far), List.of(apprentice), Map.of(),
                Set.of(new Pair("far", "a")), Weights.standard(), AT));

        assertThat(result.proposals()).singleElement().satisfies(p -> {
            assertThat(p.mentorId()).isEqualTo("far");
            assertThat(p.pinned()).isTrue();
        });
    }

    @Test
    void capacity_spreads_apprentices_when_the_scores_tie() {
        MentorCandidate m1 = new MentorCandidate("m1", List.of("observability"), NY, 2, 0, "x");
        MentorCandidate m2 = new MentorCandidate("m2", List.of("observability"), NY, 2, 0, "y");
        List<ApprenticeCandidate> apprentices = List.of(new ApprenticeCandidate("a1", List.of("observability"), NY, "p"),
                new ApprenticeCandidate("a2", List.of("observability"), NY, "q"));
        Result result = CohortAssignment.assign(new Input(List.of(m1, m2), apprentices, Map.of(), Set.of(), Weights.standard(), AT));
        assertThat(result.proposals()).extracting(CohortAssignment.Proposal::mentorId).containsExactlyInAnyOrder("m1", "m2");
    }
}
