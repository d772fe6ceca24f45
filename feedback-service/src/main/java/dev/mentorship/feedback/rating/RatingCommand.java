package dev.mentorship.feedback.rating;

import java.time.Instant;
import java.util.Map;

/**
 * Ratings: a side's feedback on a check-in (stream {@code checkin-feedback-<checkInId>}) and an
 * apprentice's feedback on their mentor (stream {@code mentor-feedback-<matchId>}).
 */
public sealed interface RatingCommand {

    Instant now();

    /** Which side of the match the caller is on; null for neither. */
    enum Side { APPRENTICE, MENTOR }

    /** The match as this service knows it. */
    record Match(String matchId, String mentorId, String apprenticeId, String cohortId, boolean ended) {
    }

    record RateCheckIn(String checkInId, Match match, Side side, Integer usefulness, Mood mood, String note, Instant now) implements RatingCommand {
    }

    record RateMentor(String feedbackId, Match match, Side side, Map<Quality, Integer> ratings, String note, Instant now) implements RatingCommand {
    }
}
