package dev.mentorship.progress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Apprentices and their matches, as matching-service would announce them, and requests as each role. */
public final class Journeys {

    /** The milestones of the shipped catalogue that graduation needs, and the one counting shadowed shifts. */
    public static final List<String> REQUIRED = List.of("trace-the-failing-endpoint", "find-the-regression", "blackhole-experiment",
            "shadow-on-call", "draft-a-postmortem", "daily-metrics-email", "lunch-and-learn");
    public static final String SHIFTS_MILESTONE = "shadow-on-call";
    public static final Map<String, Object> EVIDENCE = Map.of("links", List.of("https://git.example.com/sre/shop/pull/42"));

    private Journeys() {
    }

    /** An apprentice, their mentor and their match. */
    public record Pair(String apprenticeId, String apprenticeSubject, String cohortId, String matchId, String mentorId, String mentorSubject) {

        public static Pair random(String cohortId) {
            return new Pair(TestKafka.newId(), "a-" + TestKafka.newId(), cohortId, TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId());
        }

        /** The same apprentice with a new mentor and match. */
        public Pair rematched() {
            return new Pair(apprenticeId, apprenticeSubject, cohortId, TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId());
        }

        public RequestSpecification apprentice() {
            return as("apprentice", apprenticeSubject);
        }

        public RequestSpecification mentor() {
            return as("mentor", mentorSubject);
        }

        public String path(String rest) {
            return "/apprentices/" + apprenticeId + rest;
        }
    }

    /** The program office publishes the shipped catalogue again, so that new apprentices start on it whatever other tests published. */
    public static void shippedCatalogueCurrent() {
        Object shipped = office().get("/curricula/1").then().statusCode(200).extract().path("milestones");
        office().body(Map.of("milestones", shipped)).post("/curricula").then().statusCode(oneOf(200, 201));
    }

    /** Enrols the apprentice and starts the match at {@code startedAt}; returns once the mentor shows on the progress. */
    public static void matched(String bootstrap, Pair pair, Instant enrolledAt, Instant startedAt) {
        TestKafka.publish(bootstrap, Topics.MATCHING, pair.apprenticeId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.APPRENTICE_ENROLLED.ceType(), "/matching-service", pair.apprenticeId()),
                String.format("{\"apprenticeId\":\"%s\",\"apprenticeSubject\":\"%s\",\"cohortId\":\"%s\",\"goals\":[\"observability\"],"
                        + "\"timezone\":\"Europe/Berlin\",\"enrolledAt\":\"%s\"}", pair.apprenticeId(), pair.apprenticeSubject(), pair.cohortId(),
                        enrolledAt));
        started(bootstrap, pair, startedAt);
    }

    public static void started(String bootstrap, Pair pair, Instant startedAt) {
        TestKafka.publish(bootstrap, Topics.MATCHING, pair.matchId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_STARTED.ceType(), "/matching-service", pair.matchId()),
                String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"%s\",\"apprenticeSubject\":\"%s\","
                        + "\"cohortId\":\"%s\",\"startedAt\":\"%s\"}", pair.matchId(), pair.mentorId(), pair.apprenticeId(), pair.mentorSubject(),
                        pair.apprenticeSubject(), pair.cohortId(), startedAt));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get(pair.path("/progress")).then().statusCode(200)
                .body("mentorId", equalTo(pair.mentorId())));
    }

    /** Ends the match; returns once the progress shows no mentor. */
    public static void ended(String bootstrap, Pair pair, String reason) {
        TestKafka.publish(bootstrap, Topics.MATCHING, pair.matchId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_ENDED.ceType(), "/matching-service", pair.matchId()),
                String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"reason\":\"%s\",\"endedAt\":\"%s\"}",
                        pair.matchId(), pair.mentorId(), pair.apprenticeId(), reason, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get(pair.path("/progress")).then().statusCode(200)
                .body("matchId", org.hamcrest.Matchers.not(equalTo(pair.matchId()))));
    }

    /** Takes a milestone from not started to signed off. */
    public static void signedOff(Pair pair, String milestoneId) {
        pair.apprentice().post(pair.path("/milestones/" + milestoneId + "/start")).then().statusCode(200);
        pair.apprentice().body(EVIDENCE).post(pair.path("/milestones/" + milestoneId + "/evidence")).then().statusCode(200);
        pair.mentor().post(pair.path("/milestones/" + milestoneId + "/sign-off")).then().statusCode(200);
    }

    /** Logs {@code count} shadowed shifts that ended in the past. */
    public static void shiftsLogged(Pair pair, int count) {
        Instant end = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < count; i++) {
            Instant shiftEnd = end.minus(Duration.ofDays(i));
            pair.apprentice().body(Map.of("start", shiftEnd.minus(Duration.ofHours(12)).toString(), "end", shiftEnd.toString(),
                    "incidentsObserved", i)).post(pair.path("/shadow-shifts")).then().statusCode(201);
        }
    }

    /** Every required milestone signed off, the shifts logged first: the apprentice is ready for a loop. */
    public static void ready(Pair pair) {
        shiftsLogged(pair, 4);
        REQUIRED.forEach(milestone -> {
            if (milestone.equals(SHIFTS_MILESTONE)) {
                pair.apprentice().body(EVIDENCE).post(pair.path("/milestones/" + milestone + "/evidence")).then().statusCode(200);
                pair.mentor().post(pair.path("/milestones/" + milestone + "/sign-off")).then().statusCode(200);
            } else {
                signedOff(pair, milestone);
            }
        });
    }

    public static ValidatableResponse progress(Pair pair) {
        return office().get(pair.path("/progress")).then().statusCode(200);
    }

    public static RequestSpecification office() {
        return as("program-office", "office");
    }

    public static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject)).contentType(ContentType.JSON);
    }
}
