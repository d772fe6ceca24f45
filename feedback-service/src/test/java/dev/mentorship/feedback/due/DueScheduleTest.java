package dev.mentorship.feedback.due;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.feedback.due.DueEvent.AssessmentDue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule asked at instants the test chooses. */
class DueScheduleTest {

    private static final Instant STARTED = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration FOUR_WEEKS = Duration.ofDays(28);

    private final DueSchedule schedule = new DueSchedule();
    private final List<DueEvent> history = new ArrayList<>();

    @Test
    void each_period_after_the_start_is_announced_once_when_it_comes() {
        assertThat(ask(STARTED.plus(FOUR_WEEKS).minusSeconds(1), false)).isEmpty();
        assertThat(ask(STARTED.plus(FOUR_WEEKS), false)).containsExactly(
                new AssessmentDue("match", "apprentice", "mentor", 1, STARTED.plus(FOUR_WEEKS), STARTED.plus(FOUR_WEEKS)));
        assertThat(ask(STARTED.plus(FOUR_WEEKS).plusSeconds(5), false)).isEmpty();
        // After a long silence every period missed is announced, in order, once.
        assertThat(ask(STARTED.plus(FOUR_WEEKS.multipliedBy(4)).plusSeconds(1), false)).extracting(event -> ((AssessmentDue) event).period())
                .containsExactly(2, 3, 4);
        assertThat(ask(STARTED.plus(FOUR_WEEKS.multipliedBy(4)).plusSeconds(2), false)).isEmpty();
    }

    @Test
    void an_ended_match_announces_nothing() {
        assertThat(ask(STARTED.plus(FOUR_WEEKS.multipliedBy(3)), true)).isEmpty();
    }

    private List<DueEvent> ask(Instant now, boolean ended) {
        List<DueEvent> events = schedule.decide(new DueSchedule.Announce("match", "apprentice", "mentor", STARTED, ended, FOUR_WEEKS, now),
                schedule.fold(history));
        history.addAll(events);
        return events;
    }
}
