package dev.mentorship.matching.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.decider.DomainException.Kind;
import dev.mentorship.matching.cohort.CohortCommand.OpenCohort;
import dev.mentorship.matching.cohort.CohortCommand.SetMatchingWeights;
import dev.mentorship.matching.cohort.CohortCommand.SetOwners;
import dev.mentorship.matching.cohort.CohortEvent.CohortMatchingWeightsChanged;
import dev.mentorship.matching.cohort.CohortEvent.CohortOpened;
import dev.mentorship.matching.cohort.CohortEvent.CohortOwnersChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CohortDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final LocalDate START = LocalDate.parse("2026-04-01");
    private static final String OWNER = "office-anna";
    private final CohortDecider decider = new CohortDecider();

    private Cohort opened() {
        return decider.fold(decider.decide(new OpenCohort("c1", "Spring", START, null, List.of("office-anna"), NOW), decider.initialState()));
    }

    @Test
    void opening_records_name_start_weights_and_owners() {
        MatchingWeights weights = new MatchingWeights(1, 0, 0);
        List<CohortEvent> events = decider.decide(new OpenCohort("c1", "  Spring ", START, weights, List.of(" anna ", "ben", "anna"), NOW),
                decider.initialState());
        assertThat(events).containsExactly(new CohortOpened("c1", "Spring", START, weights, List.of("anna", "ben"), NOW));
        assertThat(decider.fold(events)).isEqualTo(new Cohort("c1", "Spring", START, weights, List.of("anna", "ben")));
    }

    @Test
    void without_weights_or_owners_the_standard_weights_and_nobody() {
        Cohort cohort = decider.fold(decider.decide(new OpenCohort("c1", "Spring", null, null, null, NOW), decider.initialState()));
        assertThat(cohort.weights()).isEqualTo(MatchingWeights.standard());
        assertThat(cohort.owners()).isEmpty();
    }

    @Test
    void a_cohort_opened_before_weights_and_owners_existed_reads_as_standard_and_nobody() {
        Cohort cohort = decider.fold(List.of(new CohortOpened("c1", "Old", null, null, null, NOW)));
        assertThat(cohort.weights()).isEqualTo(MatchingWeights.standard());
        assertThat(cohort.owners()).isEmpty();
    }

    @Test
    void opening_twice_is_a_duplicate_and_a_blank_name_is_invalid() {
        assertKind(() -> decider.decide(new OpenCohort("c1", "Again", null, null, null, NOW), opened()), Kind.DUPLICATE);
        assertKind(() -> decider.decide(new OpenCohort("c2", " ", null, null, null, NOW), decider.initialState()), Kind.INVALID_INPUT);
    }

    @Test
    void negative_or_all_zero_weights_are_invalid() {
        assertKind(() -> decider.decide(new OpenCohort("c1", "S", null, new MatchingWeights(-1, 1, 1), null, NOW), decider.initialState()),
                Kind.INVALID_INPUT);
        assertKind(() -> decider.decide(new SetMatchingWeights("c1", 0.0, 0.0, 0.0, OWNER, false, NOW), opened()), Kind.INVALID_INPUT);
        assertKind(() -> decider.decide(new SetMatchingWeights("c1", null, -0.5, null, OWNER, false, NOW), opened()), Kind.INVALID_INPUT);
    }

    @Test
    void weights_change_absent_factors_keep_their_value_and_a_repeat_changes_nothing() {
        List<CohortEvent> events = decider.decide(new SetMatchingWeights("c1", 0.2, 0.7, null, OWNER, false, NOW), opened());
        MatchingWeights weights = new MatchingWeights(0.2, 0.7, MatchingWeights.standard().availability());
        assertThat(events).containsExactly(new CohortMatchingWeightsChanged("c1", weights, NOW));
        Cohort changed = decider.evolve(opened(), events.get(0));
        assertThat(changed.weights()).isEqualTo(weights);
        assertThat(changed.owners()).containsExactly("office-anna");
        assertThat(decider.decide(new SetMatchingWeights("c1", 0.2, null, null, OWNER, false, NOW), changed)).isEmpty();
    }

    @Test
    void owners_are_replaced_and_a_repeat_changes_nothing() {
        List<CohortEvent> events = decider.decide(new SetOwners("c1", List.of("ben", "carla"), OWNER, false, NOW), opened());
        assertThat(events).containsExactly(new CohortOwnersChanged("c1", List.of("ben", "carla"), NOW));
        Cohort changed = decider.evolve(opened(), events.get(0));
        assertThat(changed.owners()).containsExactly("ben", "carla");
        assertThat(changed.weights()).isEqualTo(MatchingWeights.standard());
        assertThat(decider.decide(new SetOwners("c1", List.of("ben", "carla"), "ben", false, NOW), changed)).isEmpty();
    }

    @Test
    void a_blank_owner_or_too_many_owners_are_invalid() {
        assertKind(() -> decider.decide(new SetOwners("c1", List.of("ben", " "), OWNER, false, NOW), opened()), Kind.INVALID_INPUT);
        List<String> many = IntStream.range(0, CohortDecider.MAX_OWNERS + 1).mapToObj(i -> "office-" + i).toList();
        assertKind(() -> decider.decide(new SetOwners("c1", many, OWNER, false, NOW), opened()), Kind.INVALID_INPUT);
        assertThat(decider.decide(new SetOwners("c1", Collections.nCopies(CohortDecider.MAX_OWNERS + 5, "same"), OWNER, false, NOW), opened()))
                .as("duplicates count once").hasSize(1);
    }

    @Test
    void where_a_cohort_has_owners_only_they_and_admins_manage_it() {
        assertKind(() -> decider.decide(new SetMatchingWeights("c1", 1.0, null, null, "office-ben", false, NOW), opened()), Kind.NOT_ALLOWED);
        assertKind(() -> decider.decide(new SetOwners("c1", List.of("office-ben"), "office-ben", false, NOW), opened()), Kind.NOT_ALLOWED);
        assertThat(decider.decide(new SetMatchingWeights("c1", 1.0, null, null, "root", true, NOW), opened())).hasSize(1);
        assertThat(decider.decide(new SetOwners("c1", List.of("office-ben"), "root", true, NOW), opened())).hasSize(1);
    }

    @Test
    void a_cohort_without_owners_is_managed_by_the_whole_program_office() {
        Cohort open = decider.fold(decider.decide(new OpenCohort("c1", "Spring", null, null, null, NOW), decider.initialState()));
        assertThat(decider.decide(new SetMatchingWeights("c1", 1.0, null, null, "office-ben", false, NOW), open)).hasSize(1);
        // Emptying the owners opens an owned cohort again.
        Cohort reopened = decider.evolve(opened(), decider.decide(new SetOwners("c1", List.of(), OWNER, false, NOW), opened()).get(0));
        assertThat(reopened.managedBy("office-ben", false)).isTrue();
    }

    @Test
    void changing_a_cohort_that_was_never_opened_is_not_found() {
        assertKind(() -> decider.decide(new SetMatchingWeights("c9", 1.0, null, null, OWNER, false, NOW), decider.initialState()), Kind.NOT_FOUND);
        assertKind(() -> decider.decide(new SetOwners("c9", List.of("ben"), OWNER, false, NOW), decider.initialState()), Kind.NOT_FOUND);
    }

    private static void assertKind(ThrowingCallable call, Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
