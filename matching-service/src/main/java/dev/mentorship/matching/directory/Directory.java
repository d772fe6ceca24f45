package dev.mentorship.matching.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.matching.Ids;
import dev.mentorship.matching.skill.SkillVocabulary;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Lists read from the directory projection: rosters for mentors, waiting lists for the program office.
 * The endpoints are declared on the resources that own their paths and delegate here.
 */
@jakarta.enterprise.context.RequestScoped
public class Directory {

    public static final String CSV = "text/csv";

    public record RosterEntry(String matchId, String apprenticeId, String cohortId, String status, Instant proposedAt, Instant startedAt) {
    }

    public record WaitingApprentice(String apprenticeId, String cohortId, String goals, String timezone, Instant enrolledAt,
            long daysWaiting, String status) {
    }

    public record MentorLoad(String mentorId, String status, int capacity, long activeMatches, long pendingProposals,
            double utilisation) {
    }

    public record MatchHistory(String matchId, String mentorId, String apprenticeId, String cohortId, String status,
            Instant proposedAt, Instant startedAt, Instant endedAt, String endReason, String declinedBy) {
    }

    public record DaysCount(long days, long apprentices) {
    }

    public record TimeToMatch(String cohortId, long matched, long waiting, Double medianDays, Double p90Days, Long maxDays,
            List<DaysCount> distribution) {
    }

    private static final CsvMapper CSV_MAPPER = CsvMapper.builder().findAndAddModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Caller caller;
    private final Clock clock;

    public Directory(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    public Uni<Response> apprentices(String mentorId, String accept) {
        return roster(mentorId, "STARTED", accept);
    }

    public Uni<Response> proposals(String mentorId, String accept) {
        return roster(mentorId, "PROPOSED", accept);
    }

    public Uni<Response> unmatched(String cohortId, String accept) {
        Ids.parse(cohortId, "cohort");
        Instant now = clock.instant();
        return ApprenticeEntry.<ApprenticeEntry>list("cohortId = ?1 and status = ?2 order by enrolledAt", cohortId, ApprenticeEntry.WAITING)
                .map(entries -> entries.stream().map(a -> new WaitingApprentice(a.apprenticeId, a.cohortId, a.goals, a.timezone,
                        a.enrolledAt, Duration.between(a.enrolledAt, now).toDays(), a.status)).toList())
                .map(list -> respond(list, WaitingApprentice.class, accept));
    }

    /** An apprentice's current match (proposed, started or under review), as the apprentice or the program office sees it. */
    public record CurrentMatch(String matchId, String apprenticeId, String mentorId, String cohortId, String status,
            Instant proposedAt, Instant startedAt) {
    }

    public Uni<CurrentMatch> currentMatch(String apprenticeId) {
        Ids.parse(apprenticeId, "apprentice");
        return ApprenticeEntry.<ApprenticeEntry>findById(apprenticeId).chain(apprentice -> {
            if (apprentice == null) {
                throw DomainException.notFound("No apprentice " + apprenticeId);
            }
            if (!caller.isProgramStaff() && !caller.subject().equals(apprentice.subject)) {
                throw DomainException.notAllowed("Only the apprentice themself or the program office can read their match");
            }
            return MatchRecord.<MatchRecord>find("apprenticeId = ?1 and status in ?2 order by proposedAt desc", apprenticeId,
                    MatchRecord.OPEN).<MatchRecord>firstResult();
        }).map((MatchRecord record) -> {
            if (record == null) {
                throw DomainException.notFound("Apprentice " + apprenticeId + " has no current match: none proposed, started or under review");
            }
            return new CurrentMatch(record.matchId, record.apprenticeId, record.mentorId, record.cohortId, record.status,
                    record.proposedAt, record.startedAt);
        });
    }

    private Uni<Response> roster(String mentorId, String status, String accept) {
        Ids.parse(mentorId, "mentor");
        return MentorEntry.<MentorEntry>findById(mentorId).chain(mentor -> {
            if (mentor == null) {
                throw DomainException.notFound("No mentor " + mentorId);
            }
            if (!caller.isProgramStaff() && !caller.subject().equals(mentor.subject)) {
                throw DomainException.notAllowed("Only the mentor themself or the program office can read this roster");
            }
            return MatchRecord.<MatchRecord>list("mentorId = ?1 and status = ?2 order by proposedAt", mentorId, status);
        }).map(records -> records.stream().map(r -> new RosterEntry(r.matchId, r.apprenticeId, r.cohortId, r.status, r.proposedAt,
                r.startedAt)).toList()).map(list -> respond(list, RosterEntry.class, accept));
    }

    private static <T> Response respond(List<T> rows, Class<T> type, String accept) {
        if (accept != null && accept.contains(CSV)) {
            CsvSchema schema = CSV_MAPPER.schemaFor(type).withHeader();
            try {
                return Response.ok(CSV_MAPPER.writer(schema).writeValueAsString(rows), CSV).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Response.ok(rows, MediaType.APPLICATION_JSON).build();
    }

    /** Every mentor with capacity, load and utilisation (active + pending over capacity). */
    public Uni<Response> mentorLoads(String accept) {
        return MentorEntry.<MentorEntry>listAll(io.quarkus.panache.common.Sort.by("mentorId"))
                .chain(mentors -> MatchRecord.<MatchRecord>list("status in ?1", MatchRecord.OPEN)
                        .map(open -> mentors.stream().map(m -> {
                            long active = open.stream().filter(r -> r.mentorId.equals(m.mentorId) && !"PROPOSED".equals(r.status)).count();
                            long pending = open.stream().filter(r -> r.mentorId.equals(m.mentorId) && "PROPOSED".equals(r.status)).count();
                            double utilisation = m.capacity == 0 ? 0 : Math.round(100.0 * (active + pending) / m.capacity) / 100.0;
                            return new MentorLoad(m.mentorId, m.status, m.capacity, active, pending, utilisation);
                        }).toList()))
                .map(list -> respond(list, MentorLoad.class, accept));
    }

    /** Match history, newest first, optionally for one cohort, with end reasons. */
    public Uni<Response> history(String cohortId, String accept) {
        Uni<List<MatchRecord>> records = cohortId == null
                ? MatchRecord.<MatchRecord>list("order by proposedAt desc")
                : MatchRecord.<MatchRecord>list("cohortId = ?1 order by proposedAt desc", cohortId);
        return records.map(list -> list.stream().map(r -> new MatchHistory(r.matchId, r.mentorId, r.apprenticeId, r.cohortId,
                r.status, r.proposedAt, r.startedAt, r.endedAt, r.endReason, r.declinedBy)).toList())
                .map(list -> respond(list, MatchHistory.class, accept));
    }

    /** How long the cohort's apprentices waited from enrolment to a started match, in whole days. */
    public Uni<TimeToMatch> timeToMatch(String cohortId) {
        Ids.parse(cohortId, "cohort");
        return ApprenticeEntry.<ApprenticeEntry>list("cohortId", cohortId).map(entries -> {
            List<Long> days = entries.stream().filter(a -> a.matchedAt != null)
                    .map(a -> Duration.between(a.enrolledAt, a.matchedAt).toDays()).sorted().toList();
            long waiting = entries.stream().filter(a -> ApprenticeEntry.WAITING.equals(a.status)).count();
            java.util.Map<Long, Long> counts = new java.util.TreeMap<>();
            days.forEach(d -> counts.merge(d, 1L, Long::sum));
            List<DaysCount> distribution = counts.entrySet().stream().map(e -> new DaysCount(e.getKey(), e.getValue())).toList();
            return new TimeToMatch(cohortId, days.size(), waiting, percentile(days, 50), percentile(days, 90),
                    days.isEmpty() ? null : days.get(days.size() - 1), distribution);
        });
    }

    private static Double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return (double) sorted.get(Math.max(0, index));
    }
}
