package dev.mentorship.feedback.rating;

import static dev.mentorship.feedback.Pairs.as;
import static dev.mentorship.feedback.Pairs.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import dev.mentorship.feedback.Pairs;
import dev.mentorship.feedback.Pairs.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class RatingFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final Pair pair = Pair.random(TestKafka.newId());

    @Test
    void each_side_of_a_completed_check_in_rates_it_once_and_only_they_read_their_own_rating() throws Exception {
        Instant since = Instant.now();
        Pairs.started(bootstrap, pair);
        String checkInId = Pairs.completedCheckIn(bootstrap, pair);
        Map<String, Object> rating = Map.of("usefulness", 4, "mood", "CONFIDENT", "note", "We untangled the alert storm.");
        pair.apprentice().body(rating).post("/check-ins/" + checkInId + "/feedback").then().statusCode(201).body("side", equalTo("APPRENTICE"));
        pair.apprentice().body(rating).post("/check-ins/" + checkInId + "/feedback").then().statusCode(201);
        pair.apprentice().body(Map.of("usefulness", 1, "mood", "ANXIOUS")).post("/check-ins/" + checkInId + "/feedback").then().statusCode(409)
                .contentType("application/problem+json");
        pair.mentor().body(Map.of("usefulness", 5, "mood", "ENERGISED")).post("/check-ins/" + checkInId + "/feedback").then().statusCode(201)
                .body("side", equalTo("MENTOR"));
        as("mentor", "another-mentor").body(rating).post("/check-ins/" + checkInId + "/feedback").then().statusCode(403)
                .contentType("application/problem+json");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("usefulness", 7, "mood", "CALM"), Map.of("usefulness", 3, "mood", "ELATED"),
                Map.of("mood", "CALM"))) {
            as("apprentice", "a-" + TestKafka.newId()).body(bad).post("/check-ins/" + checkInId + "/feedback").then().statusCode(400);
        }
        pair.apprentice().body(rating).post("/check-ins/" + TestKafka.newId() + "/feedback").then().statusCode(404);

        pair.apprentice().get("/check-ins/" + checkInId + "/feedback/mine").then().statusCode(200)
                .body("note", equalTo("We untangled the alert storm.")).body("usefulness", equalTo(4));
        pair.mentor().get("/check-ins/" + checkInId + "/feedback/mine").then().statusCode(200).body("usefulness", equalTo(5));
        as("mentor", "another-mentor").get("/check-ins/" + checkInId + "/feedback/mine").then().statusCode(404);

        // Once the match has ended, its check-ins are rated no more.
        String later = Pairs.completedCheckIn(bootstrap, pair);
        Pairs.ended(bootstrap, pair);
        pair.apprentice().body(rating).post("/check-ins/" + later + "/feedback").then().statusCode(409);

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var published = TestKafka.readSince(bootstrap, Topics.FEEDBACK, since, Duration.ofSeconds(1)).stream()
                    .filter(record -> checkInId.equals(record.key())).toList();
            assertThat(published).hasSize(2);
            for (var record : published) {
                assertThat(EventSchemas.validate(Contracts.CHECK_IN_FEEDBACK_GIVEN, json.readTree(record.value()))).isEmpty();
                assertThat(record.value()).doesNotContain("alert storm", "usefulness", "mood", "CONFIDENT");
            }
        });
    }

    @Test
    void the_apprentice_rates_their_mentor_who_sees_only_aggregates_over_enough_responses() throws Exception {
        Pairs.started(bootstrap, pair);
        Map<String, Integer> ratings = new java.util.HashMap<>();
        for (Quality quality : Quality.values()) {
            ratings.put(quality.name(), 4);
        }
        pair.apprentice().body(Map.of("ratings", ratings, "note", "Pushes me, kindly.")).post("/matches/" + pair.matchId() + "/mentor-feedback")
                .then().statusCode(201).body("ratings.MENTORS", equalTo(4));
        pair.mentor().body(Map.of("ratings", ratings)).post("/matches/" + pair.matchId() + "/mentor-feedback").then().statusCode(403);
        pair.apprentice().body(Map.of("ratings", Map.of("MENTORS", 4))).post("/matches/" + pair.matchId() + "/mentor-feedback").then()
                .statusCode(400).contentType("application/problem+json");
        pair.apprentice().body(Map.of("ratings", Map.of("CHARISMA", 4))).post("/matches/" + pair.matchId() + "/mentor-feedback").then()
                .statusCode(400);
        as("apprentice", "someone-else").body(Map.of("ratings", ratings)).post("/matches/" + pair.matchId() + "/mentor-feedback").then()
                .statusCode(403);

        // The last closed quarter: four responses from this mentor's three apprentices stay hidden; a fifth shows them.
        String quarter = lastQuarter();
        Instant inQuarter = quarterStart(quarter).plus(Duration.ofDays(3));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement insert = connection.prepareStatement("insert into mentor_ratings (feedback_id, quality, apprentice_id, cohort_id,"
                        + " mentor_id, period, quarter, rating, given_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 4; i++) {
                rate(insert, "apprentice-" + (i % 3), quarter, inQuarter, 2 + i % 3);
            }
            pair.mentor().get("/mentors/me/feedback").then().statusCode(200).body("period", equalTo(quarter))
                    .body("qualities.suppressed", everyItem(equalTo(true))).body("qualities[0].reason", equalTo("insufficient responses"))
                    .body("qualities[0].mean", nullValue());
            rate(insert, "apprentice-0", quarter, inQuarter, 5);
        }
        pair.mentor().get("/mentors/me/feedback?period=" + quarter).then().statusCode(200).body("qualities", hasSize(7))
                // Each apprentice counts once, with the mean of theirs: 3.0 (2, 2, 5), 3 and 4.
                .body("qualities[0].responses", equalTo(5)).body("qualities[0].apprentices", equalTo(3)).body("qualities[0].mean", equalTo(3.33f))
                .body("qualities[0].distribution.'3'", equalTo(2));
        as("mentor", "another-mentor").get("/mentors/me/feedback").then().statusCode(200).body("qualities.suppressed", everyItem(equalTo(true)));
        pair.mentor().get("/mentors/me/feedback?period=2099-Q1").then().statusCode(400).contentType("application/problem+json");
        pair.apprentice().get("/mentors/me/feedback").then().statusCode(403);
    }

    @Test
    void the_office_sees_check_in_and_mentor_feedback_per_cohort_only_as_disclosed_cells() throws Exception {
        String cohortId = TestKafka.newId();
        String month = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
        Instant inMonth = YearMonth.parse(month).atDay(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement checkIns = connection.prepareStatement("insert into checkin_ratings (check_in_id, side, person, cohort_id, mentor_id,"
                        + " period, usefulness, mood, given_at) values (?, 'APPRENTICE', ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 6; i++) {
                checkIns.setString(1, TestKafka.newId());
                checkIns.setString(2, "apprentice-" + i);
                checkIns.setString(3, cohortId);
                checkIns.setString(4, "mentor-" + (i % 2));
                checkIns.setString(5, month);
                checkIns.setInt(6, 3 + i % 3);
                checkIns.setString(7, i < 4 ? "CALM" : "ANXIOUS");
                checkIns.setTimestamp(8, Timestamp.from(inMonth));
                checkIns.executeUpdate();
            }
        }
        office().get("/cohorts/" + cohortId + "/check-in-feedback?period=" + month).then().statusCode(200)
                .body("sides.find { it.side == 'APPRENTICE' }.usefulness.people", equalTo(6))
                .body("sides.find { it.side == 'APPRENTICE' }.moods.CALM", equalTo(4))
                .body("sides.find { it.side == 'APPRENTICE' }.mentors.cell.suppressed", everyItem(equalTo(true)))
                .body("sides.find { it.side == 'MENTOR' }.usefulness.reason", equalTo("insufficient responses"))
                .body("sides.find { it.side == 'MENTOR' }.moods", nullValue());
        office().get("/cohorts/" + cohortId + "/mentor-feedback").then().statusCode(200).body("qualities", hasSize(7))
                .body("qualities[0].cohort.suppressed", equalTo(true));
        office().get("/cohorts/" + cohortId + "/mentor-feedback?period=" + YearMonth.now(ZoneOffset.UTC)).then().statusCode(400);
        pair.mentor().get("/cohorts/" + cohortId + "/check-in-feedback").then().statusCode(403);
    }

    private void rate(PreparedStatement insert, String apprentice, String quarter, Instant at, int rating) throws Exception {
        String feedbackId = TestKafka.newId();
        for (Quality quality : Quality.values()) {
            insert.setString(1, feedbackId);
            insert.setString(2, quality.name());
            insert.setString(3, apprentice);
            insert.setString(4, pair.cohortId());
            insert.setString(5, pair.mentorId());
            insert.setString(6, YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString());
            insert.setString(7, quarter);
            insert.setInt(8, rating);
            insert.setTimestamp(9, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private static String lastQuarter() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        int index = now.getYear() * 4 + (now.getMonthValue() - 1) / 3 - 1;
        return (index / 4) + "-Q" + (index % 4 + 1);
    }

    private static Instant quarterStart(String quarter) {
        int year = Integer.parseInt(quarter.substring(0, 4));
        int q = Integer.parseInt(quarter.substring(6));
        return YearMonth.of(year, (q - 1) * 3 + 1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A check-in of the pair's match as progress-service announces it; returns once feedback-service knows it. */
}
