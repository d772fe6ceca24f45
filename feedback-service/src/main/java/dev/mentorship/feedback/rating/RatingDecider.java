package dev.mentorship.feedback.rating;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.feedback.rating.RatingCommand.RateCheckIn;
import dev.mentorship.feedback.rating.RatingCommand.RateMentor;
import dev.mentorship.feedback.rating.RatingCommand.Side;
import dev.mentorship.feedback.rating.RatingEvent.CheckInRated;
import dev.mentorship.feedback.rating.RatingEvent.MentorRated;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Each side of a check-in rates it once: usefulness 1-5, a mood, an optional note of their own. The
 * apprentice of a running match rates their mentor on every quality, 1-5, as often as they like.
 * Only someone who was part of it rates, and not once the match has ended; the same rating sent
 * again changes nothing.
 */
public final class RatingDecider implements Decider<RatingCommand, RatingEvent, Ratings> {

    static final int MAX_NOTE = 2000;

    @Override
    public Ratings initialState() {
        return Ratings.initial();
    }

    @Override
    public Ratings evolve(Ratings state, RatingEvent event) {
        return switch (event) {
            case CheckInRated rated -> state.with(rated);
            case MentorRated rated -> state.with(rated);
        };
    }

    @Override
    public List<RatingEvent> decide(RatingCommand command, Ratings state) {
        return switch (command) {
            case RateCheckIn rate -> {
                if (rate.side() == null) {
                    throw DomainException.notAllowed("Only the mentor and the apprentice of that check-in rate it");
                }
                String note = note(rate.note());
                CheckInRated earlier = state.checkIn().get(rate.side());
                if (earlier != null) {
                    if (Objects.equals(earlier.usefulness(), rate.usefulness()) && earlier.mood() == rate.mood() && Objects.equals(earlier.note(), note)) {
                        yield List.of();
                    }
                    throw DomainException.invalidTransition("You rated this check-in already");
                }
                requireRunning(rate.match());
                if (rate.usefulness() == null || rate.usefulness() < 1 || rate.usefulness() > 5) {
                    throw DomainException.invalidInput("usefulness is 1-5");
                }
                if (rate.mood() == null) {
                    throw DomainException.invalidInput("mood is one of " + EnumSet.allOf(Mood.class));
                }
                RatingCommand.Match match = rate.match();
                yield List.of(new CheckInRated(rate.checkInId(), match.matchId(), match.mentorId(), match.apprenticeId(), match.cohortId(), rate.side(),
                        rate.usefulness(), rate.mood(), note, rate.now()));
            }
            case RateMentor rate -> {
                if (rate.side() != Side.APPRENTICE) {
                    throw DomainException.notAllowed("Only the apprentice of the match rates its mentor");
                }
                String note = note(rate.note());
                MentorRated earlier = state.mentor().get(rate.feedbackId());
                if (earlier != null) {
                    if (earlier.ratings().equals(rate.ratings()) && Objects.equals(earlier.note(), note)) {
                        yield List.of();
                    }
                    throw DomainException.keyReused("This Idempotency-Key already gave other feedback");
                }
                requireRunning(rate.match());
                Set<Quality> missing = EnumSet.allOf(Quality.class);
                if (rate.ratings() == null) {
                    throw DomainException.invalidInput("ratings rates each of " + missing + " 1-5");
                }
                missing.removeAll(rate.ratings().keySet());
                if (!missing.isEmpty()) {
                    throw DomainException.invalidInput("Every quality is rated; missing: " + missing);
                }
                for (Map.Entry<Quality, Integer> rating : rate.ratings().entrySet()) {
                    if (rating.getValue() == null || rating.getValue() < 1 || rating.getValue() > 5) {
                        throw DomainException.invalidInput(rating.getKey() + " is rated 1-5");
                    }
                }
                RatingCommand.Match match = rate.match();
                yield List.of(new MentorRated(rate.feedbackId(), match.matchId(), match.mentorId(), match.apprenticeId(), match.cohortId(),
                        Map.copyOf(rate.ratings()), note, rate.now()));
            }
        };
    }

    private static void requireRunning(RatingCommand.Match match) {
        if (match.ended()) {
            throw DomainException.invalidTransition("Match " + match.matchId() + " has ended");
        }
    }

    private static String note(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw DomainException.invalidInput("A note is at most " + MAX_NOTE + " characters");
        }
        return note == null || note.isBlank() ? null : note.strip();
    }
}
