package dev.mentorship.progress.checkin;

import static dev.mentorship.progress.Journeys.as;
import static dev.mentorship.progress.Journeys.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import dev.mentorship.progress.Journeys;
import dev.mentorship.progress.Journeys.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class CheckInResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    CheckInOverdueJob job;

    @Inject
    MatchCheckIns checkIns;

    private final Pair pair = Pair.random(TestKafka.newId());

    @Test
    void the_pair_logs_check_ins_with_notes_only_they_read_and_each_is_published_without_them() throws Exception {
        Instant since = Instant.now();
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(9)));
        pair.mentor().body(Map.of("days", 14)).put(checkIns("-cadence")).then().statusCode(200).body("cadenceDays", equalTo(14));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        pair.apprentice().body(Map.of("date", today.toString(), "minutes", 45, "topics", List.of("postmortem draft"),
                "notes", "Talked through on-call nerves.")).post(checkIns("s")).then().statusCode(201).body("loggedBy", equalTo("APPRENTICE"));
        pair.mentor().body(Map.of("date", today.minusDays(3).toString(), "minutes", 30)).post(checkIns("s")).then().statusCode(201);

        pair.mentor().get(checkIns("s")).then().statusCode(200).body("checkIns", hasSize(2))
                .body("checkIns[0].notes", equalTo("Talked through on-call nerves.")).body("checkIns[0].date", equalTo(today.toString()));
        office().get(checkIns("s")).then().statusCode(200).body("checkIns", hasSize(2)).body("checkIns[0].notes", nullValue())
                .body("checkIns[0].topics", nullValue()).body("cadenceDays", equalTo(14));
        as("mentor", "another-mentor").get(checkIns("s")).then().statusCode(403).contentType("application/problem+json");
        Journeys.progress(pair).body("checkIns", hasSize(2)).body("checkIns[0].notes", nullValue());
        pair.apprentice().get(pair.path("/progress")).then().statusCode(200).body("checkIns[0].notes", equalTo("Talked through on-call nerves."));

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> completed = published(since, Contracts.CHECK_IN_COMPLETED.ceType());
            assertThat(completed).hasSize(2);
            for (var record : completed) {
                assertThat(EventSchemas.validate(Contracts.CHECK_IN_COMPLETED, json.readTree(record.value()))).as(record.value()).isEmpty();
                assertThat(record.value()).doesNotContain("nerves", "postmortem draft");
            }
        });
    }

    @Test
    void bad_check_ins_are_4xx_problems_and_write_nothing() {
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(5)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> bad = List.of(
                Map.of("date", today.plusDays(2).toString(), "minutes", 30),
                Map.of("date", today.minusDays(30).toString(), "minutes", 30),
                Map.of("date", today.toString(), "minutes", 0),
                Map.of("date", "next tuesday", "minutes", 30),
                Map.of("minutes", 30),
                Map.of("date", today.toString(), "minutes", 30, "topics", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")));
        for (Map<String, Object> body : bad) {
            pair.apprentice().body(body).post(checkIns("s")).then().statusCode(400).contentType("application/problem+json");
        }
        Map<String, Object> good = Map.of("date", today.toString(), "minutes", 30);
        office().body(good).post(checkIns("s")).then().statusCode(403);
        as("apprentice", "someone-else").body(good).post(checkIns("s")).then().statusCode(403).contentType("application/problem+json");
        pair.mentor().body(Map.of("days", 0)).put(checkIns("-cadence")).then().statusCode(400);
        as("mentor", "another-mentor").body(Map.of("days", 3)).put(checkIns("-cadence")).then().statusCode(403);
        pair.apprentice().body(good).post("/matches/" + TestKafka.newId() + "/check-ins").then().statusCode(404).contentType("application/problem+json");
        pair.apprentice().body(good).post("/matches/not-a-match/check-ins").then().statusCode(404);
        office().get(checkIns("s")).then().statusCode(200).body("checkIns", hasSize(0)).body("cadenceDays", equalTo(7));

        Journeys.ended(bootstrap, pair, "REMATCHED");
        pair.apprentice().body(good).post(checkIns("s")).then().statusCode(409).contentType("application/problem+json");
        pair.mentor().body(good).post(checkIns("s")).then().statusCode(403);
        pair.mentor().get(checkIns("s")).then().statusCode(403);
        pair.apprentice().get(checkIns("s")).then().statusCode(200).body("checkIns", hasSize(0)).body("ended", equalTo(true));
    }

    @Test
    void each_missed_period_is_reported_once_whenever_and_by_however_many_instances_the_job_runs() throws Exception {
        Instant since = Instant.now();
        // Milliseconds: the store keeps microseconds, and the due times are counted from the start as stored.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant started = now.minus(Duration.ofDays(20));
        Journeys.matched(bootstrap, pair, started.minus(Duration.ofDays(1)), started);

        // Weekly, two days' grace: the periods due 13 and 6 days ago have run out; the one due tomorrow has not.
        sweep(now);
        assertThat(overdue(since, 2)).containsExactly(started.plus(Duration.ofDays(7)), started.plus(Duration.ofDays(14)));
        awaitOverdueInARow(2);
        // Run again (as after a restart, which keeps nothing but the log): nothing new.
        sweep(now);

        // Eight days on, two instances sweep at once (the other one finds the lease held), and the match is asked directly past
        // the lease too: one report of the period.
        Instant later = now.plus(Duration.ofDays(8));
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> sweep(later));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> job.sweep(later, "another-instance"));
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<Void> direct = CompletableFuture.runAsync(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> checkIns.detectOverdue(new CheckInCommand.Match(pair.matchId(), pair.apprenticeId(),
                        pair.mentorId(), started, null), job.grace(), later).replaceWithVoid().onFailure().recoverWithNull());
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture.allOf(first, second, direct).join();
        assertThat(second.join()).as("matches the instance without the lease asked").isZero();
        assertThat(overdue(since, 3)).containsExactly(started.plus(Duration.ofDays(7)), started.plus(Duration.ofDays(14)),
                started.plus(Duration.ofDays(21)));
        awaitOverdueInARow(3);

        // A check-in starts the count again from its day.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        pair.mentor().body(Map.of("date", today.toString(), "minutes", 20)).post(checkIns("s")).then().statusCode(201);
        awaitOverdueInARow(0);
        sweep(later);
        assertThat(overdue(since, 3)).hasSize(3);
        sweep(today.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(9)).plusSeconds(1));
        assertThat(overdue(since, 4)).hasSize(4).last().isEqualTo(today.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(7)));
    }

    @Test
    void a_new_cadence_counts_the_periods_from_the_same_day_and_the_job_follows_it() throws Exception {
        Instant since = Instant.now();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant started = now.minus(Duration.ofDays(40));
        Journeys.matched(bootstrap, pair, started.minus(Duration.ofDays(1)), started);
        sweep(now);
        assertThat(overdue(since, 5)).hasSize(5).last().isEqualTo(started.plus(Duration.ofDays(35)));
        awaitOverdueInARow(5);

        // Every 30 days from the start: the period ending on day 30 lies before the last one reported, the next ends on day 60.
        pair.apprentice().body(Map.of("days", 30)).put(checkIns("-cadence")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pair.mentor().get("/mentors/me/apprentices").then().statusCode(200)
                .body("find { it.apprenticeId == '" + pair.apprenticeId() + "' }.nextCheckInDue",
                        equalTo(started.plus(Duration.ofDays(60)).toString())));
        sweep(now.plus(Duration.ofDays(21)));
        assertThat(overdue(since, 5)).hasSize(5);
        sweep(started.plus(Duration.ofDays(62)).plusSeconds(1));
        assertThat(overdue(since, 6)).hasSize(6).last().isEqualTo(started.plus(Duration.ofDays(60)));
    }

    private void sweep(Instant at) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> job.sweep(at));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitOverdueInARow(int expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pair.mentor().get("/mentors/me/apprentices").then().statusCode(200)
                .body("find { it.apprenticeId == '" + pair.apprenticeId() + "' }.overdueCheckIns", equalTo(expected)));
    }

    /**
     * The due times of the CheckInOverdue events published for the match, in order, once {@code expected} of them are on the
     * topic and stay so for a second: the relay publishes after commit, and one too many would show within that second.
     */
    private List<Instant> overdue(Instant since, int expected) {
        return await().atMost(Duration.ofSeconds(15)).during(Duration.ofSeconds(1)).until(() -> overdue(since), due -> due.size() == expected);
    }

    private List<Instant> overdue(Instant since) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Instant> due = new java.util.ArrayList<>();
        for (var record : published(since, Contracts.CHECK_IN_OVERDUE.ceType())) {
            assertThat(EventSchemas.validate(Contracts.CHECK_IN_OVERDUE, json.readTree(record.value()))).as(record.value()).isEmpty();
            due.add(Instant.parse(json.readTree(record.value()).path("dueBy").asText()));
        }
        return due;
    }

    private List<ConsumerRecord<String, String>> published(Instant since, String type) {
        return TestKafka.readSince(bootstrap, Topics.PROGRESS, since, Duration.ofSeconds(1)).stream()
                .filter(record -> pair.matchId().equals(record.key()) && type.equals(TestKafka.header(record, "ce_type"))).toList();
    }

    private String checkIns(String suffix) {
        return "/matches/" + pair.matchId() + "/check-in" + suffix;
    }
}
