package dev.mentorship.feedback.privacy;

import dev.mentorship.eventsourcing.privacy.DataKeys;
import dev.mentorship.eventsourcing.privacy.RetentionRule;
import dev.mentorship.eventsourcing.privacy.ShreddedAfter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** feedback-service's data classes and how long each is kept. */
public final class Retention {

    /** Matches that ended before the cutoff ($1), from the consumed MatchEnded. */
    private static final String ENDED = ShreddedAfter.MATCHES_ENDED;

    private Retention() {
    }

    /**
     * The raw answers of safety assessments, 24 months after the match they are about ended (a
     * mentor's own, about no match, 24 months after they were given). Scores stay, for the aggregates.
     */
    @ApplicationScoped
    public static class SafetyAnswers implements RetentionRule {

        private final DataKeys keys;

        public SafetyAnswers(DataKeys keys) {
            this.keys = keys;
        }

        @Override
        public String dataClass() {
            return "safety-answers";
        }

        @Override
        public Duration defaultRetention() {
            return Duration.ofDays(730);
        }

        @Override
        public Uni<Integer> expire(Instant cutoff) {
            return ShreddedAfter.erase(keys, "select payload->>'assessmentId' from events where type = 'AssessmentSubmitted' "
                    + "and (payload->>'matchId' in (" + ENDED + ") or (payload->>'matchId' is null and recorded_at < $1))", cutoff);
        }
    }

    /** The notes of check-in and mentor ratings, 24 months after their match ended. */
    @ApplicationScoped
    public static class RatingNotes implements RetentionRule {

        private final DataKeys keys;

        public RatingNotes(DataKeys keys) {
            this.keys = keys;
        }

        @Override
        public String dataClass() {
            return "rating-notes";
        }

        @Override
        public Duration defaultRetention() {
            return Duration.ofDays(730);
        }

        @Override
        public Uni<Integer> expire(Instant cutoff) {
            return ShreddedAfter.erase(keys, ENDED, cutoff);
        }
    }
}
