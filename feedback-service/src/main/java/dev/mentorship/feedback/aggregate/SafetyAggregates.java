package dev.mentorship.feedback.aggregate;

import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.aggregate.Disclosure.Breakdown;
import dev.mentorship.feedback.aggregate.Disclosure.Cell;
import dev.mentorship.feedback.aggregate.Disclosure.Contribution;
import dev.mentorship.feedback.questionnaire.Domain;
import dev.mentorship.feedback.questionnaire.Questionnaires;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The program office's view of a cohort's safety: per domain, the cohort's cell and each mentor's, under {@link Disclosure}. */
@Path("/cohorts/{cohortId}/safety")
@Tag(name = "Aggregates")
@Produces(MediaType.APPLICATION_JSON)
public class SafetyAggregates {

    public record MentorCell(String mentorId, Cell cell) {
    }

    public record DomainCells(Domain domain, Cell cohort, List<MentorCell> mentors) {
    }

    public record CohortSafety(String cohortId, String period, String questionnaire, int minimumPeople, List<DomainCells> domains) {
    }

    private final Disclosure disclosure;
    private final Questionnaires questionnaires;
    private final Clock clock;

    public SafetyAggregates(Questionnaires questionnaires, Clock clock,
            @ConfigProperty(name = "feedback.aggregates.minimum-people", defaultValue = "5") int minimumPeople) {
        this.questionnaires = questionnaires;
        this.clock = clock;
        this.disclosure = new Disclosure(atLeastThree(minimumPeople));
    }

    /** The threshold is configurable, never below three people. */
    public static int atLeastThree(int configured) {
        return Math.max(3, configured);
    }

    @GET
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "A cohort's safety per domain in a closed month: the cohort's mean and distribution, and each mentor's",
            description = "Apprentices' self-assessments, each person counted once per cell (the mean of their scores that month). A cell "
                    + "over fewer than feedback.aggregates.minimum-people people (default 5, never below 3) says \"insufficient responses\"; "
                    + "a mentor's cell is also hidden where showing it would let the cohort's cell minus the shown mentors' single out fewer "
                    + "people. Filters narrow what is shown, never what a cell is computed over.")
    public Uni<CohortSafety> cohort(@PathParam("cohortId") String cohortId,
            @Parameter(description = "A closed month, yyyy-MM; the last one when absent") @QueryParam("period") String period,
            @Parameter(description = "safety (default) or team-safety") @QueryParam("questionnaire") String questionnaire,
            @Parameter(description = "Only this domain") @QueryParam("domain") String domain,
            @Parameter(description = "Only this mentor's cells") @QueryParam("mentorId") String mentorId) {
        Ids.parse(cohortId, "cohort");
        YearMonth month = Periods.closed(period, clock);
        String asked = questionnaire == null ? "safety" : questionnaire;
        var known = questionnaires.current(asked).orElseThrow(() -> DomainException.invalidInput("questionnaire is safety or team-safety"));
        Domain only = domain == null ? null : domain(domain);
        return Panache.withSession(() -> Completeness.require(Periods.end(month), clock)
                .chain(() -> mentorsOf(cohortId)).chain(everyMentor -> SessionSql.select("select person_key, coalesce(mentor_id, ''), domain,"
                        + " score::float8 from assessment_scores where cohort_id = $1 and questionnaire = $2 and period = $3 order by submitted_at",
                        cohortId, asked, month.toString()).map(rows -> {
                    Map<Domain, List<Contribution>> byDomain = new EnumMap<>(Domain.class);
                    for (Object[] row : rows) {
                        byDomain.computeIfAbsent(Domain.valueOf((String) row[2]), d -> new ArrayList<>())
                                .add(new Contribution((String) row[0], (String) row[1], ((Number) row[3]).doubleValue()));
                    }
                    List<DomainCells> cells = new ArrayList<>();
                    for (Domain measured : known.domains()) {
                        if (only != null && only != measured) {
                            continue;
                        }
                        Breakdown breakdown = disclosure.breakdown(byDomain.getOrDefault(measured, List.of()), everyMentor);
                        List<MentorCell> mentors = breakdown.parts().entrySet().stream()
                                .filter(part -> mentorId == null || part.getKey().equals(mentorId))
                                .map(part -> new MentorCell(part.getKey().isEmpty() ? null : part.getKey(), part.getValue())).toList();
                        cells.add(new DomainCells(measured, breakdown.whole(), mentors));
                    }
                    return new CohortSafety(cohortId, month.toString(), asked, disclosure.threshold(), cells);
                })));
    }

    /** Every mentor the cohort has had, listed whether or not anyone of theirs answered. */
    static Uni<java.util.Set<String>> mentorsOf(String cohortId) {
        return SessionSql.select("select distinct mentor_id from mentorships where cohort_id = $1 and mentor_id is not null", cohortId)
                .map(rows -> rows.stream().map(row -> (String) row[0]).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    static Domain domain(String name) {
        try {
            return Domain.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidInput("domain is one of SECURITY, AUTONOMY, FAIRNESS, ESTEEM, TRUST, YOU, TEAM");
        }
    }

}
