package dev.mentorship.progress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventContract;
import dev.mentorship.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A mentor reads an apprentice's progress while their match runs, and not a moment after it ends or
 * the apprentice withdraws; a MatchStarted of a finished or older match, arriving late or replayed
 * under a new event id (which the inbox cannot recognise), never gives the access back.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class FormerMentorAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** One apprentice and the subjects of mentors who may come and go. */
    private final String apprenticeId = TestKafka.newId();
    private final String apprenticeSubject = "a-" + TestKafka.newId();

    @Test
    void a_mentor_loses_access_when_the_match_ends_and_a_replayed_start_does_not_give_it_back() {
        Match first = new Match(TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), Instant.now());
        publish(started(first));
        await().atMost(WAIT).untilAsserted(() -> read(first.mentorSubject).statusCode(200));

        publish(ended(first));
        await().atMost(WAIT).untilAsserted(() -> read(first.mentorSubject).statusCode(403).contentType("application/problem+json"));
        office().body("matchId", nullValue()).body("mentorId", nullValue());

        publishAndWait(first.matchId, started(first));
        read(first.mentorSubject).statusCode(403);
        read(apprenticeSubject).statusCode(200);
    }

    @Test
    void a_withdrawal_ends_the_mentors_access_and_a_late_start_does_not_give_it_back() {
        Match match = new Match(TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), Instant.now());
        publish(started(match));
        await().atMost(WAIT).untilAsserted(() -> read(match.mentorSubject).statusCode(200));

        publish(event(Contracts.APPRENTICE_WITHDRAWN, apprenticeId,
                String.format("{\"apprenticeId\":\"%s\",\"withdrawnAt\":\"%s\"}", apprenticeId, Instant.now())));
        await().atMost(WAIT).untilAsserted(() -> read(match.mentorSubject).statusCode(403));

        // Keyed by the match, its events may reach this service after the apprentice's withdrawal.
        publishAndWait(match.matchId, started(match));
        read(match.mentorSubject).statusCode(403);
    }

    @Test
    void a_rematch_gives_access_to_the_new_mentor_only_whatever_comes_late() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Match first = new Match(TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), start.minus(Duration.ofDays(30)));
        Match second = new Match(TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), start);
        publish(started(first));
        publish(ended(first));
        publish(started(second));
        await().atMost(WAIT).untilAsserted(() -> office().body("matchId", equalTo(second.matchId)).body("mentorId", equalTo(second.mentorId)));
        read(second.mentorSubject).statusCode(200);
        read(first.mentorSubject).statusCode(403);

        // The first match's start again, and the start of a match older still whose end this service never saw.
        publishAndWait(first.matchId, started(first));
        Match older = new Match(TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), start.minus(Duration.ofDays(60)));
        publishAndWait(older.matchId, started(older));

        read(second.mentorSubject).statusCode(200);
        read(first.mentorSubject).statusCode(403);
        read(older.mentorSubject).statusCode(403);
        office().body("matchId", equalTo(second.matchId));
    }

    private record Match(String matchId, String mentorId, String mentorSubject, Instant startedAt) {
    }

    private ProducerRecord<String, String> started(Match match) {
        return event(Contracts.MATCH_STARTED, match.matchId, String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\","
                        + "\"mentorSubject\":\"%s\",\"apprenticeSubject\":\"%s\",\"cohortId\":\"%s\",\"startedAt\":\"%s\"}",
                match.matchId, match.mentorId, apprenticeId, match.mentorSubject, apprenticeSubject, TestKafka.newId(), match.startedAt));
    }

    private ProducerRecord<String, String> ended(Match match) {
        return event(Contracts.MATCH_ENDED, match.matchId, String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\","
                + "\"reason\":\"REMATCHED\",\"endedAt\":\"%s\"}", match.matchId, match.mentorId, apprenticeId, Instant.now()));
    }

    /** Each event under a new id, as a producer's replay would send it: the inbox cannot tell it from a new fact. */
    private static ProducerRecord<String, String> event(EventContract contract, String key, String body) {
        return TestKafka.record(Topics.MATCHING, key, TestKafka.cloudEvent(TestKafka.newId(), contract.ceType(), "/matching-service", key),
                body);
    }

    private void publish(ProducerRecord<String, String> record) {
        TestKafka.publishTogether(bootstrap, List.of(record));
    }

    /**
     * Sends {@code record}, then on the same key (the same partition, so consumed after it) the start of
     * another apprentice's match, and waits for that one: by then {@code record} has been applied.
     */
    private void publishAndWait(String key, ProducerRecord<String, String> record) {
        String otherApprentice = TestKafka.newId();
        String otherSubject = "a-" + TestKafka.newId();
        String sentinel = String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"m-%s\","
                        + "\"apprenticeSubject\":\"%s\",\"cohortId\":\"%s\",\"startedAt\":\"%s\"}",
                TestKafka.newId(), TestKafka.newId(), otherApprentice, TestKafka.newId(), otherSubject, TestKafka.newId(), Instant.now());
        TestKafka.publishTogether(bootstrap, List.of(record, event(Contracts.MATCH_STARTED, key, sentinel)));
        await().atMost(WAIT).untilAsserted(() -> as("apprentice", otherSubject).get("/apprentices/" + otherApprentice + "/progress")
                .then().statusCode(200));
    }

    private ValidatableResponse read(String subject) {
        String role = subject.equals(apprenticeSubject) ? "apprentice" : "mentor";
        return as(role, subject).get("/apprentices/" + apprenticeId + "/progress").then();
    }

    private ValidatableResponse office() {
        return as("program-office", "office").get("/apprentices/" + apprenticeId + "/progress").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject));
    }
}
