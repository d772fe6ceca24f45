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
        return new RegisterMentor("t1", "jedi", years, List.of("observability"), timezone, capacity, "boss", 2, NOW);
    }

    @Test
    void an_experienced_sre_is_registered_and_active() {
        List<MentorEvent> events = decider.decide(register(3, "Europe/Dublin", 2), decider.initialState());
        assertThat(events).containsExactly(new MentorRegistered("t1", "jedi", 3, List.of("observability"), "Europe/Dublin", 2, "boss", NOW));
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
}
