package dev.mentorship.feedback.due;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.feedback.due.DueEvent.AssessmentDue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A match's self-assessment schedule, stream {@code assessment-schedule-<matchId>}: a period of the
 * cadence after another from the match's start, each announced once when it comes. Asked again, at
 * any later time or by another instance, the schedule finds the periods announced and announces none
 * twice; an ended match announces nothing more.
 */
public final class DueSchedule implements Decider<DueSchedule.Announce, DueEvent, Integer> {

    /** Announce what is due by {@code now}; {@code state} is the last period announced. */
    public record Announce(String matchId, String apprenticeId, String mentorId, Instant startedAt, boolean ended, Duration cadence, Instant now) {
    }

    /** Periods announced in one go at most: a bound far beyond any program's length. */
    static final int MAX_PERIODS = 1000;

    @Override
    public Integer initialState() {
        return 0;
    }

    @Override
    public Integer evolve(Integer state, DueEvent event) {
        return switch (event) {
            case AssessmentDue due -> Math.max(state, due.period());
        };
    }

    @Override
    public List<DueEvent> decide(Announce announce, Integer announced) {
        List<DueEvent> events = new ArrayList<>();
        if (announce.ended()) {
            return events;
        }
        for (int period = announced + 1; period <= MAX_PERIODS; period++) {
            Instant due = announce.startedAt().plus(announce.cadence().multipliedBy(period));
            if (due.isAfter(announce.now())) {
                break;
            }
            events.add(new AssessmentDue(announce.matchId(), announce.apprenticeId(), announce.mentorId(), period, due, announce.now()));
        }
        return events;
    }
}
