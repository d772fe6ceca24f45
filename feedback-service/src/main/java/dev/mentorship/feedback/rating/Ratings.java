package dev.mentorship.feedback.rating;

import dev.mentorship.feedback.rating.RatingCommand.Side;
import dev.mentorship.feedback.rating.RatingEvent.CheckInRated;
import dev.mentorship.feedback.rating.RatingEvent.MentorRated;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ratings in one stream: a check-in's, by side, or a match's mentor feedback, by id. */
public record Ratings(Map<Side, CheckInRated> checkIn, Map<String, MentorRated> mentor) {

    public static Ratings initial() {
        return new Ratings(Map.of(), Map.of());
    }

    Ratings with(CheckInRated rated) {
        Map<Side, CheckInRated> all = new HashMap<>(checkIn);
        all.put(rated.side(), rated);
        return new Ratings(Map.copyOf(all), mentor);
    }

    Ratings with(MentorRated rated) {
        Map<String, MentorRated> all = new LinkedHashMap<>(mentor);
        all.put(rated.feedbackId(), rated);
        return new Ratings(checkIn, all);
    }
}
