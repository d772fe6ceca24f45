package dev.mentorship.feedback.aggregate;

import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.aggregate.Disclosure.Breakdown;
import dev.mentorship.feedback.aggregate.Disclosure.Cell;
import dev.mentorship.feedback.aggregate.Disclosure.Contribution;
import dev.mentorship.feedback.rating.Quality;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Check-in and mentor feedback as aggregates only: the program office's per cohort, a mentor's about themself. */
@Path("/")
@Tag(name = "Aggregates")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackAggregatesResource {

    public record MentorCell(String mentorId, Cell cell) {
    }

    /** One side's ratings of check-ins: usefulness, and moods counted where the whole is shown. */
    public record SideCells(String side, Cell usefulness, Map<String, Integer> moods, List<MentorCell> mentors) {
    }

    public record CheckInFeedbackAggregate(String cohortId, String period, int minimumPeople, List<SideCells> sides) {
    }

    public record QualityCells(Quality quality, Cell cohort, List<MentorCell> mentors) {
    }

    public record MentorFeedbackAggregate(String cohortId, String period, int minimumPeople, List<QualityCells> qualities) {
    }

    /**
     * A quality as the mentor sees it: shown over enough responses from enough apprentices, else
     * suppressed; the mean and distribution count each apprentice once, with the mean of their ratings.
     */
    public record OwnQuality(Quality quality, boolean suppressed, String reason, Integer responses, Integer apprentices, BigDecimal mean,
            Map<Integer, Integer> distribution) {
    }

    public record OwnFeedback(String period, int minimumResponses, int minimumApprentices, List<OwnQuality> qualities) {
    }

    private final Disclosure disclosure;
    private final Caller caller;
    private final Clock clock;
    private final int mentorResponses;
    private final int mentorApprentices;

    public FeedbackAggregatesResource(Caller caller, Clock clock,
            @ConfigProperty(name = "feedback.aggregates.minimum-people", defaultValue = "5") int minimumPeople,
            @ConfigProperty(name = "feedback.aggregates.mentor-minimum-responses", defaultValue = "5") int mentorResponses,
            @ConfigProperty(name = "feedback.aggregates.mentor-minimum-apprentices", defaultValue = "3") int mentorApprentices) {
        this.caller = caller;
        this.clock = clock;
        this.disclosure = new Disclosure(SafetyAggregates.atLeastThree(minimumPeople));
        this.mentorResponses = Math.max(5, mentorResponses);
        this.mentorApprentices = SafetyAggregates.atLeastThree(mentorApprentices);
    }

    @GET
    @Path("/cohorts/{cohortId}/check-in-feedback")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "How useful a cohort's check-ins were in a closed month, per side, for the cohort and per mentor, with moods",
            description = "The same disclosure rule as the safety aggregates: cells over enough people only, mentors' cells hidden where a "
                    + "difference would single people out; moods are counted only where the side's cohort cell is shown.")
    public Uni<CheckInFeedbackAggregate> checkIns(@PathParam("cohortId") String cohortId,
            @Parameter(description = "A closed month, yyyy-MM; the last one when absent") @QueryParam("period") String period) {
        Ids.parse(cohortId, "cohort");
        YearMonth month = Periods.closed(period, clock);
        return Panache.withSession(() -> Completeness.require(Periods.end(month), clock).chain(() -> SafetyAggregates.mentorsOf(cohortId))
                .chain(everyMentor -> SessionSql.select("select side, person, mentor_id, usefulness, mood from checkin_ratings"
                + " where cohort_id = $1 and period = $2 order by given_at", cohortId, month.toString()).map(rows -> {
                    List<SideCells> sides = new ArrayList<>();
                    for (String side : List.of("APPRENTICE", "MENTOR")) {
                        List<Contribution> contributions = new ArrayList<>();
                        Map<String, String> moodOf = new LinkedHashMap<>();
                        for (Object[] row : rows) {
                            if (side.equals(row[0])) {
                                contributions.add(new Contribution((String) row[1], (String) row[2], (Integer) row[3]));
                                moodOf.put((String) row[1], (String) row[4]);
                            }
                        }
                        Breakdown breakdown = disclosure.breakdown(contributions, everyMentor);
                        Map<String, Integer> moods = null;
                        if (!breakdown.whole().suppressed()) {
                            moods = new TreeMap<>();
                            for (String mood : moodOf.values()) {
                                moods.merge(mood, 1, Integer::sum);
                            }
                        }
                        sides.add(new SideCells(side, breakdown.whole(), moods, mentors(breakdown)));
                    }
                    return new CheckInFeedbackAggregate(cohortId, month.toString(), disclosure.threshold(), sides);
                })));
    }

    @GET
    @Path("/cohorts/{cohortId}/mentor-feedback")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "How a cohort's apprentices rated their mentors in a closed month, per quality, for the cohort and per mentor",
            description = "The same disclosure rule as the safety aggregates, counting apprentices.")
    public Uni<MentorFeedbackAggregate> mentors(@PathParam("cohortId") String cohortId,
            @Parameter(description = "A closed month, yyyy-MM; the last one when absent") @QueryParam("period") String period) {
        Ids.parse(cohortId, "cohort");
        YearMonth month = Periods.closed(period, clock);
        return Panache.withSession(() -> Completeness.require(Periods.end(month), clock).chain(() -> SafetyAggregates.mentorsOf(cohortId))
                .chain(everyMentor -> SessionSql.select("select quality, apprentice_id, mentor_id, rating from mentor_ratings"
                + " where cohort_id = $1 and period = $2 order by given_at", cohortId, month.toString()).map(rows -> {
                    List<QualityCells> qualities = new ArrayList<>();
                    for (Quality quality : Quality.values()) {
                        List<Contribution> contributions = rows.stream().filter(row -> quality.name().equals(row[0]))
                                .map(row -> new Contribution((String) row[1], (String) row[2], (Integer) row[3])).toList();
                        Breakdown breakdown = disclosure.breakdown(contributions, everyMentor);
                        qualities.add(new QualityCells(quality, breakdown.whole(), mentors(breakdown)));
                    }
                    return new MentorFeedbackAggregate(cohortId, month.toString(), disclosure.threshold(), qualities);
                })));
    }

    @GET
    @Path("/mentors/me/feedback")
    @RolesAllowed("mentor")
    @Operation(summary = "How the calling mentor's apprentices rated them in a closed quarter, per quality, as aggregates only",
            description = "A quality is shown over at least feedback.aggregates.mentor-minimum-responses responses (default 5) from at least "
                    + "feedback.aggregates.mentor-minimum-apprentices apprentices (default 3); otherwise \"insufficient responses\". Quarters "
                    + "are fixed and closed, so no two readings differ by one answer.")
    public Uni<OwnFeedback> mine(@Parameter(description = "A closed quarter, yyyy-Qn; the last one when absent") @QueryParam("period") String period) {
        String quarter = Periods.closedQuarter(period, clock);
        return Panache.withSession(() -> Completeness.require(Periods.quarterEnd(quarter), clock).chain(() -> SessionSql.select(
                "select r.quality, r.feedback_id, r.apprentice_id, r.rating from mentor_ratings r where r.quarter = $2"
                + " and r.mentor_id in (select mentor_id from mentorships where mentor_subject = $1) order by r.given_at", caller.subject(), quarter)))
                .map(rows -> {
                    List<OwnQuality> qualities = new ArrayList<>();
                    for (Quality quality : Quality.values()) {
                        // One value per apprentice, the mean of theirs: an apprentice rating often weighs no more than one rating once.
                        Map<String, List<Integer>> byApprentice = new LinkedHashMap<>();
                        Set<String> responses = new HashSet<>();
                        for (Object[] row : rows) {
                            if (quality.name().equals(row[0]) && responses.add((String) row[1])) {
                                byApprentice.computeIfAbsent((String) row[2], apprentice -> new ArrayList<>()).add((Integer) row[3]);
                            }
                        }
                        boolean shown = responses.size() >= mentorResponses && byApprentice.size() >= mentorApprentices;
                        if (!shown) {
                            qualities.add(new OwnQuality(quality, true, "insufficient responses", null, null, null, null));
                            continue;
                        }
                        Map<Integer, Integer> distribution = new TreeMap<>();
                        double sum = 0;
                        for (List<Integer> ratings : byApprentice.values()) {
                            double mean = ratings.stream().mapToInt(Integer::intValue).average().orElseThrow();
                            distribution.merge((int) Math.round(mean), 1, Integer::sum);
                            sum += mean;
                        }
                        qualities.add(new OwnQuality(quality, false, null, responses.size(), byApprentice.size(),
                                BigDecimal.valueOf(sum / byApprentice.size()).setScale(2, RoundingMode.HALF_UP), distribution));
                    }
                    return new OwnFeedback(quarter, mentorResponses, mentorApprentices, qualities);
                });
    }

    private static List<MentorCell> mentors(Breakdown breakdown) {
        return breakdown.parts().entrySet().stream().map(part -> new MentorCell(part.getKey(), part.getValue())).toList();
    }

}
