package dev.mentorship.matching.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.match.MatchCommand.AcceptMatch;
import dev.mentorship.matching.match.MatchCommand.ApprenticeStanding;
import dev.mentorship.matching.match.MatchCommand.MentorStanding;
import dev.mentorship.matching.match.MatchCommand.ProposeMatch;
import dev.mentorship.matching.match.MatchEvent.MatchAccepted;
import dev.mentorship.matching.match.MatchEvent.MatchProposed;
import dev.mentorship.matching.match.MatchEvent.MatchStarted;
import dev.mentorship.matching.mentor.Mentor;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private final MatchDecider decider = new MatchDecider();
    private final MatchProposed proposed = new MatchProposed("m1", "mentor-1", "apprentice-1", "jedi", "padawan", "cohort-1", NOW);

    private Match given(MatchEvent... events) {
        return decider.fold(Arrays.asList(events));
    }

    private static MentorStanding mentor(Mentor.Status status, int capacity, int openMatches) {
        return new MentorStanding("mentor-1", "jedi", status, capacity, openMatches);
    }

    private static ApprenticeStanding apprentice(Apprentice.Status status, String... openMatchIds) {
        return new ApprenticeStanding("apprentice-1", "padawan", status, "cohort-1", List.of(openMatchIds));
    }

    private static ProposeMatch propose(MentorStanding mentor, ApprenticeStanding apprentice) {
        return new ProposeMatch("m1", mentor, apprentice, NOW);
    }

    private static final MentorStanding FREE_MENTOR = mentor(Mentor.Status.ACTIVE, 2, 1);
    private static final ApprenticeStanding WAITING_APPRENTICE = apprentice(Apprentice.Status.ENROLLED);

    private void refused(ProposeMatch command, DomainException.Kind kind, String reason) {
        assertThatThrownBy(() -> decider.decide(command, given()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void proposing_a_new_match_proposes_it() {
        List<MatchEvent> events = decider.decide(propose(FREE_MENTOR, WAITING_APPRENTICE), given());
        assertThat(events).containsExactly(proposed);
    }

    @Test
    void proposing_an_existing_match_is_refused() {
        assertThatThrownBy(() -> decider.decide(propose(FREE_MENTOR, WAITING_APPRENTICE), given(proposed)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.DUPLICATE));
    }

    @Test
    void nobody_mentors_themself() {
        refused(propose(new MentorStanding("mentor-1", "same", Mentor.Status.ACTIVE, 2, 0),
                new ApprenticeStanding("apprentice-1", "same", Apprentice.Status.ENROLLED, "cohort-1", List.of())),
                DomainException.Kind.RULE_VIOLATED, "themself");
    }

    @Test
    void a_paused_mentor_gets_no_proposal() {
        refused(propose(mentor(Mentor.Status.PAUSED, 2, 0), WAITING_APPRENTICE), DomainException.Kind.RULE_VIOLATED,
                "Mentor mentor-1 is paused");
    }

    @Test
    void an_offboarded_mentor_gets_no_proposal() {
        refused(propose(mentor(Mentor.Status.OFFBOARDED, 2, 0), WAITING_APPRENTICE), DomainException.Kind.RULE_VIOLATED,
                "Mentor mentor-1 was offboarded");
    }

    @Test
    void a_mentor_at_capacity_gets_no_proposal() {
        refused(propose(mentor(Mentor.Status.ACTIVE, 2, 2), WAITING_APPRENTICE), DomainException.Kind.RULE_VIOLATED,
                "Mentor mentor-1 is at capacity (2 of 2");
    }

    @Test
    void a_mentor_over_capacity_after_it_was_lowered_gets_no_proposal() {
        refused(propose(mentor(Mentor.Status.ACTIVE, 1, 3), WAITING_APPRENTICE), DomainException.Kind.RULE_VIOLATED,
                "at capacity (3 of 1");
    }

    @Test
    void a_withdrawn_apprentice_gets_no_proposal() {
        refused(propose(FREE_MENTOR, apprentice(Apprentice.Status.WITHDRAWN)), DomainException.Kind.RULE_VIOLATED,
                "Apprentice apprentice-1 has withdrawn");
    }

    @Test
    void a_graduate_gets_no_proposal() {
        refused(propose(FREE_MENTOR, apprentice(Apprentice.Status.GRADUATED)), DomainException.Kind.RULE_VIOLATED,
                "Apprentice apprentice-1 has graduated");
    }

    @Test
    void an_apprentice_with_an_open_match_gets_no_second_one() {
        refused(propose(FREE_MENTOR, apprentice(Apprentice.Status.ENROLLED, "m0")), DomainException.Kind.RULE_VIOLATED,
                "Apprentice apprentice-1 already has an open match (m0)");
    }

    @Test
    void the_first_acceptance_only_records_that_side() {
        assertThat(decider.decide(new AcceptMatch("m1", "jedi", NOW), given(proposed)))
                .containsExactly(new MatchAccepted("m1", Party.MENTOR, NOW));
    }

    @Test
    void the_second_acceptance_starts_the_match() {
        Match state = given(proposed, new MatchAccepted("m1", Party.MENTOR, NOW));
        assertThat(decider.decide(new AcceptMatch("m1", "padawan", NOW), state))
                .containsExactly(new MatchAccepted("m1", Party.APPRENTICE, NOW), new MatchStarted("m1", NOW));
        assertThat(decider.fold(List.of(proposed, new MatchAccepted("m1", Party.MENTOR, NOW),
                new MatchAccepted("m1", Party.APPRENTICE, NOW), new MatchStarted("m1", NOW))).status()).isEqualTo(Match.Status.STARTED);
    }

    @Test
    void accepting_twice_changes_nothing() {
        assertThat(decider.decide(new AcceptMatch("m1", "jedi", NOW), given(proposed, new MatchAccepted("m1", Party.MENTOR, NOW))))
                .isEmpty();
    }

    @Test
    void a_stranger_cannot_accept() {
        assertThatThrownBy(() -> decider.decide(new AcceptMatch("m1", "stranger", NOW), given(proposed)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_ALLOWED));
    }

    @Test
    void accepting_a_match_that_does_not_exist_is_not_found() {
        assertThatThrownBy(() -> decider.decide(new AcceptMatch("m1", "jedi", NOW), given()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
    }

    private Match started() {
        return given(proposed, new MatchAccepted("m1", Party.MENTOR, NOW), new MatchAccepted("m1", Party.APPRENTICE, NOW),
                new MatchStarted("m1", NOW));
    }

    @Test
    void a_safety_concern_puts_a_running_match_under_review_once() {
        assertThat(decider.decide(new MatchCommand.PutUnderReview("m1", "c1", NOW), started()))
                .containsExactly(new MatchEvent.MatchPutUnderReview("m1", "c1", NOW));
        Match underReview = decider.evolve(started(), new MatchEvent.MatchPutUnderReview("m1", "c1", NOW));
        assertThat(decider.decide(new MatchCommand.PutUnderReview("m1", "c2", NOW), underReview)).isEmpty();
        assertThat(decider.decide(new MatchCommand.PutUnderReview("m1", "c3", NOW), given(proposed))).isEmpty();
    }

    @Test
    void the_program_office_keeps_a_reviewed_match_or_ends_it_by_rematch() {
        Match underReview = decider.evolve(started(), new MatchEvent.MatchPutUnderReview("m1", "c1", NOW));
        assertThat(decider.evolve(underReview, decider.decide(new MatchCommand.KeepMatch("m1", null, NOW), underReview).get(0)).status())
                .isEqualTo(Match.Status.STARTED);
        assertThat(decider.decide(new MatchCommand.EndMatch("m1", EndReason.REMATCHED, null, NOW), underReview))
                .containsExactly(new MatchEvent.MatchEnded("m1", EndReason.REMATCHED, null, NOW));
        assertThatThrownBy(() -> decider.decide(new MatchCommand.KeepMatch("m1", null, NOW), started()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_TRANSITION));
    }

    @Test
    void a_proposal_nobody_started_ends_for_any_reason_but_graduation() {
        Match proposal = given(proposed);

        assertThat(decider.decide(new MatchCommand.EndMatch("m1", EndReason.WITHDRAWN, "moved team", NOW), proposal))
                .containsExactly(new MatchEvent.MatchEnded("m1", EndReason.WITHDRAWN, "moved team", NOW));
        assertThatThrownBy(() -> decider.decide(new MatchCommand.EndMatch("m1", EndReason.GRADUATED, null, NOW), proposal))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_TRANSITION));
        assertThat(decider.decide(new MatchCommand.EndMatch("m1", EndReason.GRADUATED, null, NOW), started()))
                .containsExactly(new MatchEvent.MatchEnded("m1", EndReason.GRADUATED, null, NOW));
    }

    @Test
    void ending_twice_is_harmless_and_a_declined_match_cannot_end() {
        Match ended = decider.evolve(started(), new MatchEvent.MatchEnded("m1", EndReason.GRADUATED, null, NOW));
        assertThat(decider.decide(new MatchCommand.EndMatch("m1", EndReason.GRADUATED, null, NOW), ended)).isEmpty();
        Match declined = given(proposed, new MatchEvent.MatchDeclined("m1", Party.MENTOR, "busy", NOW));
        assertThatThrownBy(() -> decider.decide(new MatchCommand.EndMatch("m1", EndReason.WITHDRAWN, null, NOW), declined))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_TRANSITION));
    }

    @Test
    void a_decline_needs_a_reason_and_only_a_proposal_can_be_declined() {
        assertThat(decider.decide(new MatchCommand.DeclineMatch("m1", "padawan", "time zones", NOW), given(proposed)))
                .containsExactly(new MatchEvent.MatchDeclined("m1", Party.APPRENTICE, "time zones", NOW));
        assertThatThrownBy(() -> decider.decide(new MatchCommand.DeclineMatch("m1", "padawan", " ", NOW), given(proposed)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT));
        assertThatThrownBy(() -> decider.decide(new MatchCommand.DeclineMatch("m1", "padawan", "late", NOW), started()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_TRANSITION));
    }
}
