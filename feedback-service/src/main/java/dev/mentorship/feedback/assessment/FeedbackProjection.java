package dev.mentorship.feedback.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.feedback.concern.ConcernEvent;
import dev.mentorship.feedback.rating.RatingCommand;
import dev.mentorship.feedback.rating.RatingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * feedback-service's read models from its own events: apprentices' domain scores for the aggregates
 * (by cohort, mentor and month), scores shared with a mentor, and concerns as the program office
 * lists them. Answers are in none of them.
 */
@ApplicationScoped
public class FeedbackProjection implements Projection {

    public static final String NAME = "feedback";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final Payloads payloads;
    private final ObjectMapper json;

    public FeedbackProjection(Payloads payloads, ObjectMapper json) {
        this.payloads = payloads;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        return switch (event.type()) {
            case "AssessmentSubmitted" -> {
                AssessmentEvent.AssessmentSubmitted submitted = payloads.read(event, AssessmentEvent.AssessmentSubmitted.class);
                if (submitted.role() != AssessmentCommand.Role.APPRENTICE) {
                    yield Uni.createFrom().voidItem();
                }
                String person = event.streamId().substring("safety-".length());
                Uni<Void> rows = Uni.createFrom().voidItem();
                for (var score : submitted.scores().entrySet()) {
                    rows = rows.chain(() -> SessionSql.update("insert into assessment_scores (assessment_id, person_key, cohort_id, mentor_id, period,"
                            + " questionnaire, domain, score, submitted_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing",
                            submitted.assessmentId(), person, submitted.cohortId(), submitted.mentorId(),
                            MONTH.format(submitted.at().atOffset(ZoneOffset.UTC)), submitted.questionnaire(), score.getKey().name(), score.getValue(),
                            ts(submitted.at()))
                            .replaceWithVoid());
                }
                yield rows;
            }
            case "AssessmentShared" -> {
                AssessmentEvent.AssessmentShared shared = payloads.read(event, AssessmentEvent.AssessmentShared.class);
                yield SessionSql.update("insert into shared_assessments (assessment_id, match_id, questionnaire, version, scores, submitted_at, shared_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7) on conflict (assessment_id) do update set match_id = excluded.match_id,"
                        + " shared_at = excluded.shared_at", shared.assessmentId(), shared.matchId(), shared.questionnaire(), shared.version(),
                        text(shared.scores()), ts(shared.submittedAt()), ts(shared.at())).replaceWithVoid();
            }
            case "ConcernRaised" -> {
                ConcernEvent.ConcernRaised raised = payloads.read(event, ConcernEvent.ConcernRaised.class);
                yield SessionSql.update("insert into concerns (concern_id, match_id, cohort_id, source, side, severity, domains, status, raised_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, 'RAISED', $8) on conflict do nothing", raised.concernId(), raised.matchId(),
                        raised.cohortId(), raised.source().name(), raised.side().name(), raised.severity().name(),
                        String.join(",", raised.domains().stream().map(Enum::name).toList()), ts(raised.at())).replaceWithVoid();
            }
            case "ConcernAcknowledged" -> {
                ConcernEvent.ConcernAcknowledged acknowledged = payloads.read(event, ConcernEvent.ConcernAcknowledged.class);
                yield SessionSql.update("update concerns set status = 'ACKNOWLEDGED', acknowledged_at = $2 where concern_id = $1",
                        acknowledged.concernId(), ts(acknowledged.at())).replaceWithVoid();
            }
            case "ConcernResolved" -> {
                ConcernEvent.ConcernResolved resolved = payloads.read(event, ConcernEvent.ConcernResolved.class);
                yield SessionSql.update("update concerns set status = 'RESOLVED', resolved_at = $2 where concern_id = $1",
                        resolved.concernId(), ts(resolved.at())).replaceWithVoid();
            }
            case "CheckInRated" -> {
                RatingEvent.CheckInRated rated = payloads.read(event, RatingEvent.CheckInRated.class);
                yield SessionSql.update("insert into checkin_ratings (check_in_id, side, person, cohort_id, mentor_id, period, usefulness, mood, given_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing", rated.checkInId(), rated.side().name(),
                        rated.side() == RatingCommand.Side.APPRENTICE ? rated.apprenticeId() : rated.mentorId(), rated.cohortId(), rated.mentorId(),
                        MONTH.format(rated.at().atOffset(ZoneOffset.UTC)), rated.usefulness(), rated.mood().name(), ts(rated.at())).replaceWithVoid();
            }
            case "MentorRated" -> {
                RatingEvent.MentorRated rated = payloads.read(event, RatingEvent.MentorRated.class);
                OffsetDateTime at = ts(rated.at());
                String quarter = at.getYear() + "-Q" + ((at.getMonthValue() - 1) / 3 + 1);
                Uni<Void> rows = Uni.createFrom().voidItem();
                for (var rating : rated.ratings().entrySet()) {
                    rows = rows.chain(() -> SessionSql.update("insert into mentor_ratings (feedback_id, quality, apprentice_id, cohort_id, mentor_id,"
                            + " period, quarter, rating, given_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing",
                            rated.feedbackId(), rating.getKey().name(), rated.apprenticeId(), rated.cohortId(), rated.mentorId(), MONTH.format(at),
                            quarter, rating.getValue(), at).replaceWithVoid());
                }
                yield rows;
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private String text(Map<?, ?> scores) {
        try {
            return json.writeValueAsString(scores);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Uni<Void> reset() {
        return SessionSql.update("delete from assessment_scores").chain(() -> SessionSql.update("delete from shared_assessments"))
                .chain(() -> SessionSql.update("delete from checkin_ratings")).chain(() -> SessionSql.update("delete from mentor_ratings"))
                .chain(() -> SessionSql.update("delete from concerns")).replaceWithVoid();
    }
}
