package dev.mentorship.feedback;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class MentorshipConsumptionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void a_started_match_becomes_a_mentorship_its_two_people_can_read() {
        String matchId = TestKafka.newId();
        String mentorId = TestKafka.newId();
        String apprenticeId = TestKafka.newId();
        String body = String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"jedi\","
                + "\"apprenticeSubject\":\"padawan\",\"cohortId\":\"%s\",\"startedAt\":\"%s\"}",
                matchId, mentorId, apprenticeId, TestKafka.newId(), Instant.now());
        TestKafka.publish(bootstrap, Topics.MATCHING, matchId,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_STARTED.ceType(), "/matching-service", matchId), body);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(DevTokens.mint("mentor", "jedi"))
                .get("/mentorships/" + matchId).then().statusCode(200)
                .body("mentorId", equalTo(mentorId)).body("apprenticeId", equalTo(apprenticeId)));
        given().auth().oauth2(DevTokens.mint("apprentice", "padawan")).get("/mentorships/" + matchId).then().statusCode(200);
        given().auth().oauth2(DevTokens.mint("apprentice", "someone-else")).get("/mentorships/" + matchId).then().statusCode(403);
        given().auth().oauth2(DevTokens.mint("program-office", "office")).get("/mentorships/" + TestKafka.newId()).then().statusCode(404);
        given().get("/mentorships/" + matchId).then().statusCode(401);
    }
}
