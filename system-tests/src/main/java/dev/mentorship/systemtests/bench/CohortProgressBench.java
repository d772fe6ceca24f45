package dev.mentorship.systemtests.bench;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.Postgres;
import dev.mentorship.eventsourcing.store.NewIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Section 6: the program office's cohort progress with a cohort of 500 apprentices and 100,000 events
 * in progress-service's store. The events are those the service and its inbox write for a year of
 * such a cohort (enrolment and match, the curriculum followed, milestones through sign-off, shadowed
 * shifts, a cadence, weekly check-ins with some periods reported overdue, some apprentices stalled),
 * written straight into the store as the service writes them; the service's projection then builds
 * its read models from them, as it would on a rebuild. Measured: that catch-up, and the latency of
 * {@code GET /cohorts/{id}/progress} as JSON and as CSV, one request at a time.
 */
final class CohortProgressBench {

    static final int APPRENTICES = 500;
    static final int EVENTS = 100_000;
    private static final int REQUESTS = Integer.getInteger("bench.cohort.requests", 500);
    private static final String[] MILESTONES = {"trace-the-failing-endpoint", "find-the-regression", "blackhole-experiment", "draft-a-postmortem",
            "daily-metrics-email", "alert-pareto-page", "lunch-and-learn", "study-hall", "peer-mentor"};

    record Result(double catchUpSeconds, long events, Latencies json, Latencies csv, int bytes, int atRisk) {
    }

    private CohortProgressBench() {
    }

    static Result run(Platform platform) throws Exception {
        platform.ensureService(Service.PROGRESS);
        String base = platform.serviceUrl(Service.PROGRESS);
        String office = DevTokens.mint("program-office", "bench");
        HttpClient http = HttpClient.newHttpClient();
        // The shipped catalogue is published on first read; its milestones are what the cohort's apprentices follow.
        get(http, base + "/curricula/current", office, "application/json");
        int version = Integer.parseInt(get(http, base + "/curricula/current", office, "application/json").body()
                .replaceAll("(?s).*\"version\"\\s*:\\s*(\\d+).*", "$1"));
        String cohortId = NewIds.next().toString();
        Postgres postgres = platform.postgres();
        long seeded;
        long began;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("progress"), postgres.user(), postgres.password())) {
            long before = count(connection);
            seed(connection, cohortId, version, EVENTS - (int) before);
            seeded = count(connection);
            began = System.nanoTime();
            awaitProjected(connection);
        }
        double catchUp = (System.nanoTime() - began) / 1e9;
        String path = base + "/cohorts/" + cohortId + "/progress";
        HttpResponse<String> first = get(http, path, office, "application/json");
        int atRisk = Integer.parseInt(first.body().replaceAll("(?s)^.*?\"atRisk\"\\s*:\\s*(\\d+).*", "$1"));
        for (int i = 0; i < 100; i++) {
            get(http, path, office, "application/json");
            get(http, path, office, "text/csv");
        }
        Latencies json = new Latencies();
        Latencies csv = new Latencies();
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            get(http, path, office, "application/json");
            json.add((System.nanoTime() - start) / 1000);
            start = System.nanoTime();
            get(http, path, office, "text/csv");
            csv.add((System.nanoTime() - start) / 1000);
        }
        return new Result(catchUp, seeded, json, csv, first.body().length(), atRisk);
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token, String accept) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static long count(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select count(*) from events")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Until the journey projection's checkpoint is at the last event. */
    private static void awaitProjected(Connection connection) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        try (PreparedStatement behind = connection.prepareStatement("select (select max(position) from events)"
                + " - coalesce((select position from projection_checkpoints where name = 'journey'), 0)")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = behind.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) <= 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the journey projection did not catch up within 15 minutes");
    }

    /** One apprentice's events in order: (stream, type, payload, recorded at). */
    private record Event(String stream, String type, String payload, Instant at) {
    }

    /**
     * {@code total} events for {@link #APPRENTICES} apprentices of one cohort, each enrolled 60 to 360
     * days ago: every tenth has made no milestone progress for 40 days and every seventh has missed two
     * check-in periods, so that the at-risk rules have something to find.
     */
    private static void seed(Connection connection, String cohortId, int version, int total) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        int perApprentice = total / APPRENTICES;
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into events (stream_id, version, event_id, type, schema_version,"
                + " payload, metadata, recorded_at) values (?, ?, ?::uuid, ?, 1, ?::jsonb, '{}'::jsonb, ?)")) {
            int pending = 0;
            for (int a = 0; a < APPRENTICES; a++) {
                int count = a == APPRENTICES - 1 ? total - perApprentice * (APPRENTICES - 1) : perApprentice;
                List<Event> events = apprentice(cohortId, version, count, a, now, random);
                java.util.Map<String, Integer> versions = new java.util.HashMap<>();
                for (Event event : events) {
                    insert.setString(1, event.stream());
                    insert.setInt(2, versions.merge(event.stream(), 1, Integer::sum));
                    insert.setString(3, NewIds.next().toString());
                    insert.setString(4, event.type());
                    insert.setString(5, event.payload());
                    insert.setTimestamp(6, Timestamp.from(event.at()));
                    insert.addBatch();
                    if (++pending == 1000) {
                        insert.executeBatch();
                        connection.commit();
                        pending = 0;
                    }
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        connection.setAutoCommit(true);
    }

    private static List<Event> apprentice(String cohortId, int version, int count, int index, Instant now, Random random) {
        String apprenticeId = NewIds.next().toString();
        String matchId = NewIds.next().toString();
        String mentorId = NewIds.next().toString();
        Instant enrolled = now.minus(Duration.ofDays(60 + random.nextInt(300)));
        Instant started = enrolled.plus(Duration.ofDays(5));
        boolean stalled = index % 10 == 0;
        boolean missing = index % 7 == 0;
        Instant lastProgress = stalled ? now.minus(Duration.ofDays(40)) : now.minus(Duration.ofDays(2));
        String journey = "milestones-" + apprenticeId;
        String checkIns = "checkins-" + matchId;
        List<Event> events = new ArrayList<>();
        events.add(new Event("/matching-service/" + apprenticeId, "mentorship.matching.ApprenticeEnrolled.v1", String.format(
                "{\"apprenticeId\":\"%s\",\"apprenticeSubject\":\"a-%s\",\"cohortId\":\"%s\",\"goals\":[\"observability\"],\"timezone\":\"UTC\","
                        + "\"enrolledAt\":\"%s\"}", apprenticeId, apprenticeId, cohortId, enrolled), enrolled));
        events.add(new Event("/matching-service/" + matchId, "mentorship.matching.MatchStarted.v1", String.format(
                "{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"m-%s\",\"apprenticeSubject\":\"a-%s\","
                        + "\"cohortId\":\"%s\",\"startedAt\":\"%s\"}", matchId, mentorId, apprenticeId, mentorId, apprenticeId, cohortId, started), started));
        events.add(new Event(journey, "CurriculumFollowed", String.format("{\"apprenticeId\":\"%s\",\"version\":%d,\"at\":\"%s\"}",
                apprenticeId, version, started), started));
        // Milestones, spread between the match's start and the last progress.
        int done = 1 + random.nextInt(MILESTONES.length);
        long span = Math.max(1, Duration.between(started, lastProgress).toMinutes());
        for (int m = 0; m < done; m++) {
            Instant at = started.plus(Duration.ofMinutes(span * (m + 1) / (done + 1)));
            String milestone = MILESTONES[m];
            events.add(new Event(journey, "MilestoneStarted", String.format("{\"apprenticeId\":\"%s\",\"milestoneId\":\"%s\",\"at\":\"%s\"}",
                    apprenticeId, milestone, at), at));
            events.add(new Event(journey, "EvidenceSubmitted", String.format("{\"apprenticeId\":\"%s\",\"milestoneId\":\"%s\","
                    + "\"links\":[\"https://git.example.com/pull/%d\"],\"notes\":null,\"at\":\"%s\"}", apprenticeId, milestone, m, at), at));
            if (m < done - 1) {
                events.add(new Event(journey, "MilestoneSignedOff", String.format("{\"apprenticeId\":\"%s\",\"milestoneId\":\"%s\","
                        + "\"mentorId\":\"%s\",\"at\":\"%s\"}", apprenticeId, milestone, mentorId, at), at));
            }
        }
        events.add(new Event(journey, "MilestoneStarted", String.format("{\"apprenticeId\":\"%s\",\"milestoneId\":\"shadow-on-call\",\"at\":\"%s\"}",
                apprenticeId, lastProgress), lastProgress));
        events.add(new Event(checkIns, "CadenceSet", String.format("{\"matchId\":\"%s\",\"apprenticeId\":\"%s\",\"days\":7,\"at\":\"%s\"}",
                matchId, apprenticeId, started), started));
        // The rest: shadowed shifts and check-ins, in time order; the last ones overdue for those missing their check-ins.
        int rest = count - events.size() - (missing ? 2 : 0);
        int shifts = Math.min(4, rest / 10);
        Instant lastCheckIn = missing ? now.minus(Duration.ofDays(17)) : now.minus(Duration.ofDays(1));
        long window = Duration.between(started, lastCheckIn).toMinutes();
        for (int i = 0; i < rest; i++) {
            Instant at = started.plus(Duration.ofMinutes(window * (i + 1) / rest));
            if (i < shifts) {
                events.add(new Event(journey, "ShadowShiftLogged", String.format("{\"apprenticeId\":\"%s\",\"shiftId\":\"%s\",\"start\":\"%s\","
                        + "\"end\":\"%s\",\"incidentsObserved\":1,\"notes\":null,\"at\":\"%s\"}", apprenticeId, NewIds.next(),
                        at.minus(Duration.ofHours(12)), at, at), at));
            } else {
                LocalDate date = at.atOffset(ZoneOffset.UTC).toLocalDate();
                events.add(new Event(checkIns, "CheckInLogged", String.format("{\"matchId\":\"%s\",\"checkInId\":\"%s\",\"apprenticeId\":\"%s\","
                        + "\"mentorId\":\"%s\",\"date\":\"%s\",\"minutes\":30,\"topics\":[],\"notes\":null,\"loggedBy\":\"MENTOR\",\"at\":\"%s\"}",
                        matchId, NewIds.next(), apprenticeId, mentorId, date, at), at));
            }
        }
        if (missing) {
            Instant anchor = lastCheckIn.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int period = 1; period <= 2; period++) {
                Instant due = anchor.plus(Duration.ofDays(7L * period));
                events.add(new Event(checkIns, "CheckInOverdue", String.format("{\"matchId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorId\":\"%s\","
                        + "\"dueBy\":\"%s\",\"missedPeriods\":%d,\"at\":\"%s\"}", matchId, apprenticeId, mentorId, due, period,
                        due.plus(Duration.ofDays(2))), due.plus(Duration.ofDays(2))));
            }
        }
        return events;
    }
}
