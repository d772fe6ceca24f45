package dev.mentorship.matching.mentor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.decider.DomainException.Kind;
import dev.mentorship.matching.mentor.MentorCommand.RegisterMentor;
import dev.mentorship.matching.mentor.MentorEvent.MentorRegistered;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MentorDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private final MentorDecider decider = new MentorDecider();

    private static RegisterMentor register(int years, String timezone, int capacity) {
        return new RegisterMentor("t1", "jedi", years, List.of("observability"), timezone, capacity, "boss",
                List.of(TeacherQuality.CHECKS_IN), 2, NOW);
    }

    @Test
    void an_experienced_sre_is_registered_and_active() {
        List<MentorEvent> events = decider.decide(register(3, "Europe/Dublin", 2), decider.initialState());
        assertThat(events).containsExactly(new MentorRegistered("t1", "jedi", 3, List.of("observability"), "Europe/Dublin", 2, "boss",
                List.of(TeacherQuality.CHECKS_IN), NOW));
        assertThat(decider.fold(events).status()).isEqualTo(Mentor.Status.ACTIVE);
    }

    @Test
    void less_than_the_programs_minimum_is_a_rule_violation() {
        assertKind(() -> decider.decide(register(1, "Europe/Dublin", 1), decider.initialState()), Kind.RULE_VIOLATED);
    }

    @Test
    void an_unknown_timezone_or_a_bare_offset_is_invalid() {
        assertKind(() -> decider.decide(register(3, "Nowhere/Special", 1), decider.initialState()), Kind.INVALID_INPUT);
        assertKind(() -> decider.decide(register(3, "+02:00", 1), decider.initialState()), Kind.INVALID_INPUT);
    }

    @Test
    void capacity_below_one_and_negative_experience_are_invalid() {
        assertKind(() -> decider.decide(register(3, "Europe/Dublin", 0), decider.initialState()), Kind.INVALID_INPUT);
        assertKind(() -> decider.decide(register(-1, "Europe/Dublin", 1), decider.initialState()), Kind.INVALID_INPUT);
    }

    @Test
    void registering_twice_is_a_duplicate() {
        Mentor registered = decider.fold(decider.decide(register(3, "Europe/Dublin", 1), decider.initialState()));
        assertKind(() -> decider.decide(register(3, "Europe/Dublin", 1), registered), Kind.DUPLICATE);
    }

    private static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private Mentor registered() {
        return decider.fold(decider.decide(register(3, "Europe/Dublin", 1), decider.initialState()));
    }

    @Test
    void capacity_changes_and_a_repeat_changes_nothing() {
        assertThat(decider.decide(new MentorCommand.ChangeCapacity("t1", 3, NOW), registered()))
                .containsExactly(new MentorEvent.MentorCapacityChanged("t1", 3, NOW));
        assertThat(decider.decide(new MentorCommand.ChangeCapacity("t1", 1, NOW), registered())).isEmpty();
        assertKind(() -> decider.decide(new MentorCommand.ChangeCapacity("t1", 0, NOW), registered()), Kind.INVALID_INPUT);
    }

    @Test
    void pausing_is_an_update_and_offboarding_is_final() {
        Mentor paused = decider.fold(List.of(
                decider.decide(register(3, "Europe/Dublin", 1), decider.initialState()).get(0),
                decider.decide(new MentorCommand.UpdateMentor("t1", null, null, null, null, null, Mentor.Status.PAUSED, NOW), registered()).get(0)));
        assertThat(paused.status()).isEqualTo(Mentor.Status.PAUSED);

        Mentor offboarded = decider.evolve(registered(), new MentorEvent.MentorOffboarded("t1", NOW));
        assertThat(decider.decide(new MentorCommand.OffboardMentor("t1", NOW), offboarded)).isEmpty();
        assertKind(() -> decider.decide(new MentorCommand.ChangeCapacity("t1", 2, NOW), offboarded), Kind.INVALID_TRANSITION);
        assertKind(() -> decider.decide(new MentorCommand.UpdateMentor("t1", null, null, null, null, null, Mentor.Status.OFFBOARDED, NOW),
                registered()), Kind.INVALID_INPUT);
    }

    @Test
    void experience_never_goes_down_and_an_update_with_nothing_new_is_silent() {
        assertKind(() -> decider.decide(new MentorCommand.UpdateMentor("t1", 1, null, null, null, null, null, NOW), registered()),
                Kind.INVALID_INPUT);
        assertThat(decider.decide(new MentorCommand.UpdateMentor("t1", 3, null, "Europe/Dublin", null, null, null, NOW), registered()))
                .isEmpty();
    }
}
