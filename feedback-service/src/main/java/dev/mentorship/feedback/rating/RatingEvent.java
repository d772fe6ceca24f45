package dev.mentorship.feedback.rating;

import dev.mentorship.eventsourcing.privacy.Personal;
import dev.mentorship.feedback.rating.RatingCommand.Side;
import java.time.Instant;
import java.util.Map;

/** Ratings as recorded; published with ids, the side and the time only: no rating, mood or note. */
public sealed interface RatingEvent {

    record CheckInRated(String checkInId, String matchId, String mentorId, String apprenticeId, String cohortId, Side side, int usefulness, Mood mood,
            @Personal(keyedBy = "matchId") String note, Instant at) implements RatingEvent {
    }

    record MentorRated(String feedbackId, String matchId, String mentorId, String apprenticeId, String cohortId, Map<Quality, Integer> ratings,
            @Personal(keyedBy = "matchId") String note, Instant at) implements RatingEvent {
    }
}
