package dev.mentorship.matching.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.Page;
import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.http.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists read from the directory projection: rosters for mentors, waiting lists for the program office.
 * The endpoints are declared on the resources that own their paths and delegate here. As JSON a list
 * answers one page ({@link Lists}: keyset order, next page in the Link header); as CSV every row,
 * streamed in batches.
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

    /** Rows a CSV export reads and writes at a time: the most a page may hold. */
    static final int CSV_BATCH = PageRequest.MAX_LIMIT;

    private final Caller caller;
    private final Clock clock;
    private final UriInfo uri;

    public Directory(Caller caller, Clock clock, UriInfo uri) {
        this.caller = caller;
        this.clock = clock;
        this.uri = uri;
    }

    public Uni<Response> apprentices(String mentorId, PageRequest page) {
        return roster(mentorId, "STARTED", page);
    }

    public Multi<String> apprenticesCsv(String mentorId) {
        return rosterCsv(mentorId, "STARTED");
    }

    public Uni<Response> proposals(String mentorId, PageRequest page) {
        return roster(mentorId, "PROPOSED", page);
    }

    public Multi<String> proposalsCsv(String mentorId) {
        return rosterCsv(mentorId, "PROPOSED");
    }

    public Uni<Response> unmatched(String cohortId, PageRequest page) {
        Ids.parse(cohortId, "cohort");
        Instant now = clock.instant();
        URI address = uri.getRequestUri();
        return Lists.UNMATCHED.page(page, cohortId, ApprenticeEntry.WAITING)
                .map(rows -> rows.map(waiting -> waiting(waiting, now)).response(address));
    }

    public Multi<String> unmatchedCsv(String cohortId) {
        Ids.parse(cohortId, "cohort");
        Instant now = clock.instant();
        return csv(WaitingApprentice.class, Lists.UNMATCHED.batches(CSV_BATCH, cohortId, ApprenticeEntry.WAITING)
                .map(batch -> batch.stream().map(waiting -> waiting(waiting, now)).toList()));
    }

    private static WaitingApprentice waiting(Lists.Waiting a, Instant now) {
        return new WaitingApprentice(a.apprenticeId(), a.cohortId(), a.goals(), a.timezone(), a.enrolledAt(),
                Duration.between(a.enrolledAt(), now).toDays(), a.status());
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

    private Uni<Response> roster(String mentorId, String status, PageRequest page) {
        Ids.parse(mentorId, "mentor");
        // A malformed after is a 400 before anything is read, as on the other lists.
        Lists.ROSTER.position(page);
        URI address = uri.getRequestUri();
        return rosterReadable(mentorId, caller.isProgramStaff(), caller.subject())
                .chain(() -> Lists.ROSTER.page(page, mentorId, status))
                .map(rows -> rows.response(address));
    }

    private Multi<String> rosterCsv(String mentorId, String status) {
        Ids.parse(mentorId, "mentor");
        // Read now: the stream outlives the request's scope, where the caller lives.
        boolean staff = caller.isProgramStaff();
        String subject = caller.subject();
        return Panache.withSession(() -> rosterReadable(mentorId, staff, subject))
                .onItem().transformToMulti(readable -> csv(RosterEntry.class, Lists.ROSTER.batches(CSV_BATCH, mentorId, status)));
    }

    private static Uni<Void> rosterReadable(String mentorId, boolean staff, String subject) {
        return MentorEntry.<MentorEntry>findById(mentorId).map(mentor -> {
            if (mentor == null) {
                throw DomainException.notFound("No mentor " + mentorId);
            }
            if (!staff && !subject.equals(mentor.subject)) {
                throw DomainException.notAllowed("Only the mentor themself or the program office can read this roster");
            }
            return null;
        }).replaceWithVoid();
    }

    /**
     * Each batch as CSV text, after the header line; every row, never paged. A batch is written and
     * let go before the next is read, so an export of any size holds one batch in memory.
     */
    private static <T> Multi<String> csv(Class<T> type, Multi<List<T>> batches) {
        // Jackson's schema for a record puts the columns in alphabetical order, the order exports are read in.
        CsvSchema schema = CSV_MAPPER.schemaFor(type);
        ObjectWriter rows = CSV_MAPPER.writer(schema.withoutHeader());
        String header = String.join(",", schema.getColumnNames()) + "\n";
        Multi<String> body = batches.filter(batch -> !batch.isEmpty()).map(batch -> {
            try {
                return rows.writeValueAsString(batch);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(header), body);
    }

    /** A page of mentors with capacity, load and utilisation (active + pending over capacity). */
    public Uni<Response> mentorLoads(PageRequest page) {
        URI address = uri.getRequestUri();
        return Lists.MENTORS.page(page)
                .chain(mentors -> loads(mentors.rows()).map(mentors::withRows))
                .map(withLoads -> withLoads.response(address));
    }

    public Multi<String> mentorLoadsCsv() {
        return csv(MentorLoad.class, Lists.MENTORS.batches(CSV_BATCH, Directory::loads));
    }

    /** The open matches of these mentors only, counted by the database: one query per page, whatever the number of matches. */
    private static Uni<List<MentorLoad>> loads(List<Lists.MentorRow> mentors) {
        if (mentors.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] ids = mentors.stream().map(Lists.MentorRow::mentorId).toArray(String[]::new);
        return SessionSql.select("select mentor_id, status = 'PROPOSED', count(*) from match_records "
                        + "where mentor_id = any($1) and status = any($2) group by mentor_id, status = 'PROPOSED'",
                ids, MatchRecord.OPEN.toArray(String[]::new)).map(counts -> {
            Map<String, long[]> byMentor = new HashMap<>();
            for (Object[] count : counts) {
                byMentor.computeIfAbsent((String) count[0], id -> new long[2])[(Boolean) count[1] ? 1 : 0] += (Long) count[2];
            }
            return mentors.stream().map(m -> {
                long[] load = byMentor.getOrDefault(m.mentorId(), new long[2]);
                long active = load[0];
                long pending = load[1];
                double utilisation = m.capacity() == 0 ? 0 : Math.round(100.0 * (active + pending) / m.capacity()) / 100.0;
                return new MentorLoad(m.mentorId(), m.status(), m.capacity(), active, pending, utilisation);
            }).toList();
        });
    }

    /** A page of the match history, newest first, optionally of one cohort, with end reasons. */
    public Uni<Response> history(String cohortId, PageRequest page) {
        URI address = uri.getRequestUri();
        Uni<Page<MatchHistory>> rows = cohortId == null ? Lists.MATCHES.page(page) : Lists.MATCHES_OF_COHORT.page(page, cohortId);
        return rows.map(history -> history.response(address));
    }

    public Multi<String> historyCsv(String cohortId) {
        return csv(MatchHistory.class, cohortId == null ? Lists.MATCHES.batches(CSV_BATCH)
                : Lists.MATCHES_OF_COHORT.batches(CSV_BATCH, cohortId));
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
