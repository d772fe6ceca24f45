package dev.mentorship.progress.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.checkin.CheckInCommand.DetectOverdue;
import dev.mentorship.progress.checkin.CheckInCommand.LogCheckIn;
import dev.mentorship.progress.checkin.CheckInCommand.Match;
import dev.mentorship.progress.checkin.CheckInCommand.Party;
import dev.mentorship.progress.checkin.CheckInCommand.SetCadence;
import dev.mentorship.progress.checkin.CheckInEvent.CadenceSet;
import dev.mentorship.progress.checkin.CheckInEvent.CheckInOverdue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Check-ins and overdue periods, decided at instants the test chooses. */
class CheckInDeciderTest {

    private static final Instant STARTED = Instant.parse("2026-11-02T10:00:00Z");
    private static final Match MATCH = new Match("match", "apprentice", "mentor", STARTED, null);
    private static final Match ENDED = new Match("match", "apprentice", "mentor", STARTED, STARTED.plus(Duration.ofDays(3)));
    private static final Duration GRACE = Duration.ofDays(2);

    private final CheckInDecider decider = new CheckInDecider();
    private final List<CheckInEvent> history = new ArrayList<>();

    @Test
    void the_mentor_or_the_apprentice_logs_a_check_in_dated_between_the_start_and_today_anywhere_on_earth() {
        Instant now = Instant.parse("2026-11-10T20:00:00Z");
        assertThat(decide(log("c1", LocalDate.parse("2026-11-11"), Party.MENTOR, now))).hasSize(1);
        assertThat(decide(log("c2", LocalDate.parse("2026-11-02"), Party.APPRENTICE, now))).hasSize(1);
        assertRefused(log("c3", LocalDate.parse("2026-11-12"), Party.APPRENTICE, now), DomainException.Kind.INVALID_INPUT);
        assertRefused(log("c3", LocalDate.parse("2026-10-31"), Party.APPRENTICE, now), DomainException.Kind.INVALID_INPUT);
        assertRefused(log("c3", LocalDate.parse("2026-11-10"), Party.PROGRAM_OFFICE, now), DomainException.Kind.NOT_ALLOWED);
        assertRefused(log("c3", LocalDate.parse("2026-11-10"), Party.OTHER, now), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new LogCheckIn(MATCH, "c3", LocalDate.parse("2026-11-10"), 0, List.of(), null, Party.MENTOR, now), DomainException.Kind.INVALID_INPUT);
        assertRefused(new LogCheckIn(MATCH, "c3", LocalDate.parse("2026-11-10"), 30, List.of(" "), null, Party.MENTOR, now),
                DomainException.Kind.INVALID_INPUT);
        assertRefused(new LogCheckIn(ENDED, "c3", LocalDate.parse("2026-11-04"), 30, List.of(), null, Party.MENTOR, now),
                DomainException.Kind.INVALID_TRANSITION);
        assertThat(state().lastCheckInOn()).isEqualTo(LocalDate.parse("2026-11-11"));
    }

    @Test
    void the_same_check_in_again_changes_nothing_and_its_id_with_other_details_is_a_reused_key() {
        Instant now = Instant.parse("2026-11-10T20:00:00Z");
        decide(log("c1", LocalDate.parse("2026-11-10"), Party.MENTOR, now));
        assertThat(decide(log("c1", LocalDate.parse("2026-11-10"), Party.MENTOR, now))).isEmpty();
        assertRefused(log("c1", LocalDate.parse("2026-11-09"), Party.MENTOR, now), DomainException.Kind.KEY_REUSED);
    }

    @Test
    void the_cadence_is_set_by_the_pair_or_the_program_office_within_bounds_on_a_running_match() {
        Instant now = Instant.parse("2026-11-03T10:00:00Z");
        assertThat(decide(new SetCadence(MATCH, 14, Party.PROGRAM_OFFICE, now))).containsExactly(new CadenceSet("match", "apprentice", 14, now));
        assertThat(decide(new SetCadence(MATCH, 14, Party.MENTOR, now))).isEmpty();
        assertRefused(new SetCadence(MATCH, 0, Party.MENTOR, now), DomainException.Kind.INVALID_INPUT);
        assertRefused(new SetCadence(MATCH, 91, Party.APPRENTICE, now), DomainException.Kind.INVALID_INPUT);
        assertRefused(new SetCadence(MATCH, 3, Party.OTHER, now), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new SetCadence(ENDED, 3, Party.MENTOR, now), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void a_period_is_overdue_once_its_grace_has_passed_and_each_is_reported_once() {
        // Weekly from the start: due 11-09T10:00, overdue after 11-11T10:00.
        assertThat(decide(detect(Instant.parse("2026-11-11T10:00:00Z")))).isEmpty();
        assertThat(decide(detect(Instant.parse("2026-11-11T10:00:01Z")))).containsExactly(
                new CheckInOverdue("match", "apprentice", "mentor", Instant.parse("2026-11-09T10:00:00Z"), 1, Instant.parse("2026-11-11T10:00:01Z")));
        assertThat(decide(detect(Instant.parse("2026-11-12T10:00:00Z")))).isEmpty();
        // A long silence: every period missed since, once each, numbered in a row.
        assertThat(decide(detect(Instant.parse("2026-11-26T00:00:00Z")))).extracting(event -> ((CheckInOverdue) event).missedPeriods())
                .containsExactly(2, 3);
        assertThat(state().overdueInARow()).isEqualTo(3);
    }

    @Test
    void a_check_in_counts_the_periods_from_its_day_and_a_longer_cadence_moves_the_next_due_time() {
        decide(log("c1", LocalDate.parse("2026-11-08"), Party.APPRENTICE, Instant.parse("2026-11-08T18:00:00Z")));
        assertThat(state().overdueInARow()).isZero();
        // Due 11-15T00:00, overdue after 11-17T00:00.
        assertThat(decide(detect(Instant.parse("2026-11-16T12:00:00Z")))).isEmpty();
        decide(new SetCadence(MATCH, 14, Party.MENTOR, Instant.parse("2026-11-16T12:00:00Z")));
        assertThat(decide(detect(Instant.parse("2026-11-20T00:00:00Z")))).isEmpty();
        assertThat(decide(detect(Instant.parse("2026-11-24T00:00:01Z")))).extracting(event -> ((CheckInOverdue) event).dueBy())
                .containsExactly(Instant.parse("2026-11-22T00:00:00Z"));
    }

    @Test
    void an_ended_match_has_nothing_overdue() {
        assertThat(decider.decide(new DetectOverdue(ENDED, GRACE, Instant.parse("2026-12-30T00:00:00Z")), state())).isEmpty();
    }

    private static LogCheckIn log(String id, LocalDate date, Party party, Instant now) {
        return new LogCheckIn(MATCH, id, date, 30, List.of("postmortems"), null, party, now);
    }

    private static DetectOverdue detect(Instant now) {
        return new DetectOverdue(MATCH, GRACE, now);
    }

    private List<CheckInEvent> decide(CheckInCommand command) {
        List<CheckInEvent> events = decider.decide(command, state());
        history.addAll(events);
        return events;
    }

    private CheckIns state() {
        return decider.fold(history);
    }

    private void assertRefused(CheckInCommand command, DomainException.Kind kind) {
        int before = history.size();
        assertThatThrownBy(() -> decide(command)).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(history).hasSize(before);
    }
}
