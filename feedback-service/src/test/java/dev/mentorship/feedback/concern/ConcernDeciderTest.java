package dev.mentorship.feedback.concern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.feedback.assessment.AssessmentEvent.Severity;
import dev.mentorship.feedback.concern.ConcernCommand.Acknowledge;
import dev.mentorship.feedback.concern.ConcernCommand.Raise;
import dev.mentorship.feedback.concern.ConcernCommand.Resolve;
import dev.mentorship.feedback.concern.ConcernCommand.Side;
import dev.mentorship.feedback.concern.ConcernCommand.Source;
import dev.mentorship.feedback.concern.ConcernEvent.ConcernAcknowledged;
import dev.mentorship.feedback.concern.ConcernEvent.ConcernResolved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcernDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Raise RAISE = new Raise("c1", "match", "cohort", Source.PERSON, Side.APPRENTICE, Severity.MEDIUM, List.of(), NOW);

    private final ConcernDecider decider = new ConcernDecider();
    private final List<ConcernEvent> history = new ArrayList<>();

    @Test
    void a_concern_is_raised_once_then_acknowledged_then_resolved_by_the_program_office() {
        assertThat(decide(RAISE)).hasSize(1);
        assertThat(decide(RAISE)).isEmpty();
        assertThatThrownBy(() -> decide(new Acknowledge(false, "someone", NOW))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_ALLOWED));
        assertThat(decide(new Acknowledge(true, "office", NOW))).containsExactly(new ConcernAcknowledged("c1", "match", "office", NOW));
        assertThat(decide(new Acknowledge(true, "office", NOW))).isEmpty();
        assertThat(decide(new Resolve(true, "office", NOW))).containsExactly(new ConcernResolved("c1", "match", "office", NOW));
        assertThat(decide(new Resolve(true, "office", NOW))).isEmpty();
        assertThat(decide(new Acknowledge(true, "office", NOW))).isEmpty();
        assertThat(decider.fold(history).status()).isEqualTo(Concern.Status.RESOLVED);
    }

    @Test
    void a_concern_never_raised_is_not_found_and_resolving_needs_no_acknowledgement_first() {
        assertThatThrownBy(() -> decide(new Resolve(true, "office", NOW))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        decide(RAISE);
        assertThat(decide(new Resolve(true, "office", NOW))).hasSize(1);
    }

    @Test
    void the_same_id_raised_about_another_match_or_severity_is_a_reused_key() {
        decide(RAISE);
        assertThatThrownBy(() -> decide(new Raise("c1", "other-match", "cohort", Source.PERSON, Side.APPRENTICE, Severity.MEDIUM, List.of(), NOW)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.KEY_REUSED));
        assertThatThrownBy(() -> decide(new Raise("c1", "match", "cohort", Source.PERSON, Side.APPRENTICE, Severity.HIGH, List.of(), NOW)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.KEY_REUSED));
    }

    private List<ConcernEvent> decide(ConcernCommand command) {
        List<ConcernEvent> events = decider.decide(command, decider.fold(history));
        history.addAll(events);
        return events;
    }
}
