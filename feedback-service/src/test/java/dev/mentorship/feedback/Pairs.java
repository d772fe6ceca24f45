package dev.mentorship.feedback;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matches as matching-service announces them, and requests as each role. */
public final class Pairs {

    private Pairs() {
    }

    public record Pair(String matchId, String mentorId, String apprenticeId, String mentorSubject, String apprenticeSubject, String cohortId) {

        public static Pair random(String cohortId) {
            return new Pair(TestKafka.newId(), TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), "a-" + TestKafka.newId(), cohortId);
        }

        /** The same apprentice with another mentor. */
        public Pair rematched() {
            return new Pair(TestKafka.newId(), TestKafka.newId(), apprenticeId, "m-" + TestKafka.newId(), apprenticeSubject, cohortId);
        }

        public RequestSpecification apprentice() {
            return as("apprentice", apprenticeSubject);
        }

        public RequestSpecification mentor() {
            return as("mentor", mentorSubject);
        }
    }

    /** Starts the match; returns once feedback-service knows it. */
    public static void started(String bootstrap, Pair pair) {
        TestKafka.publish(bootstrap, Topics.MATCHING, pair.matchId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_STARTED.ceType(), "/matching-service", pair.matchId()),
                String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"%s\",\"apprenticeSubject\":\"%s\","
                        + "\"cohortId\":\"%s\",\"startedAt\":\"%s\"}", pair.matchId(), pair.mentorId(), pair.apprenticeId(), pair.mentorSubject(),
                        pair.apprenticeSubject(), pair.cohortId(), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pair.mentor().get("/mentorships/" + pair.matchId()).then().statusCode(200));
    }

    /** Ends the match; returns once feedback-service knows it. */
    public static void ended(String bootstrap, Pair pair) {
        TestKafka.publish(bootstrap, Topics.MATCHING, pair.matchId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_ENDED.ceType(), "/matching-service", pair.matchId()),
                String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"reason\":\"REMATCHED\",\"endedAt\":\"%s\"}",
                        pair.matchId(), pair.mentorId(), pair.apprenticeId(), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("program-office", "office").get("/mentorships/" + pair.matchId())
                .then().statusCode(200).body("endedAt", org.hamcrest.Matchers.notNullValue()));
    }

    /** A check-in progress-service reports completed for the pair; returns once feedback-service takes ratings of it. */
    public static String completedCheckIn(String bootstrap, Pair pair) {
        String checkInId = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.PROGRESS, pair.matchId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.CHECK_IN_COMPLETED.ceType(), "/progress-service", pair.matchId()),
                String.format("{\"matchId\":\"%s\",\"checkInId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorId\":\"%s\",\"date\":\"%s\",\"minutes\":30,"
                        + "\"completedAt\":\"%s\"}", pair.matchId(), checkInId, pair.apprenticeId(), pair.mentorId(),
                        LocalDate.now(ZoneOffset.UTC), Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> pair.apprentice().get("/check-ins/" + checkInId + "/feedback/mine").then()
                .statusCode(404).body("detail", containsString("have not rated")));
        return checkInId;
    }

    /** Answers to every item of the current safety questionnaire: {@code value} on each, reversed items answered so they count the same. */
    public static Map<String, Object> safety(int value) {
        Map<String, Integer> answers = new HashMap<>();
        for (String domain : List.of("security", "autonomy", "fairness", "esteem", "trust", "you")) {
            answers.put(domain + "-1", value);
            answers.put(domain + "-2", value);
            answers.put(domain + "-3", 6 - value);
        }
        return Map.of("questionnaire", "safety", "version", 1, "answers", answers);
    }

    public static RequestSpecification office() {
        return as("program-office", "office");
    }

    public static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject)).contentType(ContentType.JSON);
    }
}
