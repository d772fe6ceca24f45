package dev.mentorship.feedback.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.feedback.rating.RatingCommand.Match;
import dev.mentorship.feedback.rating.RatingCommand.RateCheckIn;
import dev.mentorship.feedback.rating.RatingCommand.RateMentor;
import dev.mentorship.feedback.rating.RatingCommand.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatingDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Match RUNNING = new Match("match", "mentor", "apprentice", "cohort", false);
    private static final Match ENDED = new Match("match", "mentor", "apprentice", "cohort", true);

    private final RatingDecider decider = new RatingDecider();
    private final List<RatingEvent> history = new ArrayList<>();

    @Test
    void each_side_rates_a_check_in_once_and_the_same_rating_again_changes_nothing() {
        assertThat(decide(new RateCheckIn("c1", RUNNING, Side.APPRENTICE, 4, Mood.CONFIDENT, "  good  ", NOW))).hasSize(1);
        assertThat(decide(new RateCheckIn("c1", RUNNING, Side.MENTOR, 3, Mood.CALM, null, NOW))).hasSize(1);
        assertThat(decide(new RateCheckIn("c1", RUNNING, Side.APPRENTICE, 4, Mood.CONFIDENT, "good", NOW))).isEmpty();
        assertRefused(new RateCheckIn("c1", RUNNING, Side.APPRENTICE, 2, Mood.ANXIOUS, null, NOW), DomainException.Kind.INVALID_TRANSITION);
        assertThat(decider.fold(history).checkIn().get(Side.APPRENTICE).note()).isEqualTo("good");
    }

    @Test
    void a_check_in_is_rated_by_its_pair_only_on_a_running_match_with_a_usefulness_and_a_mood() {
        assertRefused(new RateCheckIn("c1", RUNNING, null, 4, Mood.CALM, null, NOW), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new RateCheckIn("c1", ENDED, Side.MENTOR, 4, Mood.CALM, null, NOW), DomainException.Kind.INVALID_TRANSITION);
        assertRefused(new RateCheckIn("c1", RUNNING, Side.MENTOR, 6, Mood.CALM, null, NOW), DomainException.Kind.INVALID_INPUT);
        assertRefused(new RateCheckIn("c1", RUNNING, Side.MENTOR, 0, Mood.CALM, null, NOW), DomainException.Kind.INVALID_INPUT);
        assertRefused(new RateCheckIn("c1", RUNNING, Side.MENTOR, 3, null, null, NOW), DomainException.Kind.INVALID_INPUT);
        assertRefused(new RateCheckIn("c1", RUNNING, Side.MENTOR, 3, Mood.CALM, "x".repeat(2001), NOW), DomainException.Kind.INVALID_INPUT);
    }

    @Test
    void the_apprentice_rates_their_mentor_on_every_quality_as_often_as_they_like() {
        Map<Quality, Integer> all = new EnumMap<>(Quality.class);
        for (Quality quality : Quality.values()) {
            all.put(quality, 4);
        }
        assertThat(decide(new RateMentor("f1", RUNNING, Side.APPRENTICE, all, null, NOW))).hasSize(1);
        assertThat(decide(new RateMentor("f1", RUNNING, Side.APPRENTICE, all, null, NOW))).isEmpty();
        assertThat(decide(new RateMentor("f2", RUNNING, Side.APPRENTICE, all, null, NOW))).hasSize(1);
        assertRefused(new RateMentor("f1", RUNNING, Side.APPRENTICE, Map.of(Quality.MENTORS, 4), null, NOW), DomainException.Kind.KEY_REUSED);
        assertRefused(new RateMentor("f3", RUNNING, Side.MENTOR, all, null, NOW), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new RateMentor("f3", RUNNING, null, all, null, NOW), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new RateMentor("f3", ENDED, Side.APPRENTICE, all, null, NOW), DomainException.Kind.INVALID_TRANSITION);
        assertRefused(new RateMentor("f3", RUNNING, Side.APPRENTICE, Map.of(Quality.MENTORS, 4), null, NOW), DomainException.Kind.INVALID_INPUT);
        Map<Quality, Integer> outOfRange = new EnumMap<>(all);
        outOfRange.put(Quality.CHECKS_IN, 9);
        assertRefused(new RateMentor("f3", RUNNING, Side.APPRENTICE, outOfRange, null, NOW), DomainException.Kind.INVALID_INPUT);
    }

    private List<RatingEvent> decide(RatingCommand command) {
        List<RatingEvent> events = decider.decide(command, decider.fold(history));
        history.addAll(events);
        return events;
    }

    private void assertRefused(RatingCommand command, DomainException.Kind kind) {
        int before = history.size();
        assertThatThrownBy(() -> decide(command)).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(history).hasSize(before);
    }
}
