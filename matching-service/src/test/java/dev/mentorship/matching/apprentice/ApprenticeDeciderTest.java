package dev.mentorship.matching.apprentice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.decider.DomainException.Kind;
import dev.mentorship.matching.apprentice.ApprenticeCommand.EnrollApprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand.RecordGraduation;
import dev.mentorship.matching.apprentice.ApprenticeCommand.UpdateApprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand.WithdrawApprentice;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeEnrolled;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprenticeDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private final ApprenticeDecider decider = new ApprenticeDecider();
    private final ApprenticeEnrolled enrolled = new ApprenticeEnrolled("a1", "padawan", List.of("observability"), "Europe/Dublin", "c1", "boss", NOW);

    private Apprentice given(ApprenticeEvent... events) {
        return decider.fold(List.of(events));
    }

    @Test
    void enrolling_checks_the_timezone_and_refuses_a_second_enrolment() {
        assertThat(decider.decide(new EnrollApprentice("a1", "padawan", List.of("observability"), "Europe/Dublin", "c1", "boss", NOW), given()))
                .containsExactly(enrolled);
        assertKind(() -> decider.decide(new EnrollApprentice("a1", "p", List.of("linux"), "Moon/Base", "c1", null, NOW), given()), Kind.INVALID_INPUT);
        assertKind(() -> decider.decide(new EnrollApprentice("a1", "p", List.of("linux"), "Europe/Dublin", "c1", null, NOW), given(enrolled)),
                Kind.DUPLICATE);
    }

    @Test
    void an_update_changes_only_what_is_given() {
        Apprentice updated = decider.fold(List.of(enrolled,
                decider.decide(new UpdateApprentice("a1", List.of("linux"), null, null, NOW), given(enrolled)).get(0)));
        assertThat(updated.goals()).containsExactly("linux");
        assertThat(updated.timezone()).isEqualTo("Europe/Dublin");
        assertThat(decider.decide(new UpdateApprentice("a1", null, "Europe/Dublin", null, NOW), given(enrolled))).isEmpty();
    }

    @Test
    void withdrawal_needs_a_reason_is_final_and_repeats_quietly() {
        assertKind(() -> decider.decide(new WithdrawApprentice("a1", "", NOW), given(enrolled)), Kind.INVALID_INPUT);
        Apprentice withdrawn = decider.fold(List.of(enrolled,
                decider.decide(new WithdrawApprentice("a1", "new job", NOW), given(enrolled)).get(0)));
        assertThat(withdrawn.status()).isEqualTo(Apprentice.Status.WITHDRAWN);
        assertThat(decider.decide(new WithdrawApprentice("a1", "again", NOW), withdrawn)).isEmpty();
        assertKind(() -> decider.decide(new UpdateApprentice("a1", List.of("linux"), null, null, NOW), withdrawn), Kind.INVALID_TRANSITION);
    }

    @Test
    void a_sign_in_links_once_to_a_pseudonymous_enrolment_only() {
        ApprenticeEnrolled fromHr = new ApprenticeEnrolled("a1", "hr:a1", List.of("observability"), "UTC", "c1", null, NOW);
        List<ApprenticeEvent> linked = decider.decide(new ApprenticeCommand.LinkSignIn("a1", "kc-1", NOW), given(fromHr));
        assertThat(linked).containsExactly(new ApprenticeEvent.SignInLinked("a1", "kc-1", NOW));
        Apprentice state = given(fromHr, linked.getFirst());
        assertThat(state.signInSubject()).isEqualTo("kc-1");
        assertThat(state.subject()).isEqualTo("hr:a1");
        assertThat(decider.decide(new ApprenticeCommand.LinkSignIn("a1", "kc-1", NOW), state)).isEmpty();
        assertKind(() -> decider.decide(new ApprenticeCommand.LinkSignIn("a1", "kc-2", NOW), state), Kind.DUPLICATE);
        assertKind(() -> decider.decide(new ApprenticeCommand.LinkSignIn("a1", "kc-1", NOW), given(enrolled)), Kind.INVALID_TRANSITION);
        assertKind(() -> decider.decide(new ApprenticeCommand.LinkSignIn("a1", "kc-1", NOW), given()), Kind.NOT_FOUND);
    }

    @Test
    void a_graduation_makes_an_alumnus_once() {
        Apprentice alumnus = decider.fold(List.of(enrolled, decider.decide(new RecordGraduation("a1", NOW), given(enrolled)).get(0)));
        assertThat(alumnus.status()).isEqualTo(Apprentice.Status.GRADUATED);
        assertThat(decider.decide(new RecordGraduation("a1", NOW), alumnus)).isEmpty();
        assertKind(() -> decider.decide(new RecordGraduation("a1", NOW), given()), Kind.NOT_FOUND);
    }

    private static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
