package dev.mentorship.progress.milestone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class MilestoneResourceTest {

    private static final String MILESTONE = "trace-the-failing-endpoint";
    private static final Map<String, Object> EVIDENCE = Map.of("links", List.of("https://git.example.com/sre/shop/pull/42"),
            "notes", "The checkout endpoint timed out on the payment stub.");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final String apprenticeId = TestKafka.newId();
    private final String apprenticeSubject = "a-" + TestKafka.newId();
    private final String matchId = TestKafka.newId();
    private final String mentorId = TestKafka.newId();
    private final String mentorSubject = "m-" + TestKafka.newId();

    @BeforeEach
    void aStartedMatch() {
        // Other tests publish catalogues of their own: new apprentices here start on the shipped one again.
        Object shipped = as("program-office", "office").get("/curricula/1").then().statusCode(200).extract().path("milestones");
        as("program-office", "office").body(Map.of("milestones", shipped)).post("/curricula").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        TestKafka.publish(bootstrap, Topics.MATCHING, matchId,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_STARTED.ceType(), "/matching-service", matchId),
                String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"%s\",\"apprenticeSubject\":\"%s\","
                        + "\"cohortId\":\"%s\",\"startedAt\":\"%s\"}", matchId, mentorId, apprenticeId, mentorSubject, apprenticeSubject,
                        TestKafka.newId(), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> progress().body("mentorId", equalTo(mentorId)));
    }

    @Test
    void the_apprentice_starts_and_submits_the_mentor_returns_then_signs_off_and_each_step_is_published_without_its_text() throws Exception {
        Instant since = Instant.now();
        apprentice().post(path("start")).then().statusCode(200).body("status", equalTo("IN_PROGRESS")).body("curriculumVersion", equalTo(
                (int) progress().extract().path("curriculumVersion")));
        apprentice().post(path("start")).then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        apprentice().body(EVIDENCE).post(path("evidence")).then().statusCode(200).body("status", equalTo("EVIDENCE_SUBMITTED"))
                .body("links[0]", equalTo("https://git.example.com/sre/shop/pull/42"));
        mentor(mentorSubject).body(Map.of("comment", "Add the dashboard you used.")).post(path("return")).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("returnComment", equalTo("Add the dashboard you used."));
        apprentice().body(EVIDENCE).post(path("evidence")).then().statusCode(200).body("returnComment", nullValue());
        mentor(mentorSubject).post(path("sign-off")).then().statusCode(200).body("status", equalTo("SIGNED_OFF"));

        progress().body("milestones.find { it.id == '" + MILESTONE + "' }.status", equalTo("SIGNED_OFF"))
                .body("milestones.find { it.id == 'shadow-on-call' }.status", equalTo("NOT_STARTED"));

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var published = TestKafka.readSince(bootstrap, Topics.PROGRESS, since, Duration.ofSeconds(1)).stream()
                    .filter(record -> apprenticeId.equals(record.key())).toList();
            assertThat(published).extracting(record -> TestKafka.header(record, "ce_type")).containsExactly(
                    Contracts.MILESTONE_STARTED.ceType(), Contracts.MILESTONE_EVIDENCE_SUBMITTED.ceType(), Contracts.MILESTONE_RETURNED.ceType(),
                    Contracts.MILESTONE_EVIDENCE_SUBMITTED.ceType(), Contracts.MILESTONE_SIGNED_OFF.ceType());
            for (var record : published) {
                var contract = Contracts.byCeType(TestKafka.header(record, "ce_type")).orElseThrow();
                assertThat(EventSchemas.validate(contract, json.readTree(record.value()))).as(record.value()).isEmpty();
                assertThat(record.value()).doesNotContain("git.example.com", "payment stub", "dashboard");
            }
        });
    }

    @Test
    void only_the_apprentice_works_on_their_milestones_and_only_their_current_mentor_signs_off() {
        apprentice().post(path("start")).then().statusCode(200);
        mentor(mentorSubject).post(path("start")).then().statusCode(403).contentType("application/problem+json");
        as("apprentice", "someone-else").post(path("start")).then().statusCode(403).contentType("application/problem+json");
        as("program-office", "office").post(path("start")).then().statusCode(403);
        apprentice().body(EVIDENCE).post(path("evidence")).then().statusCode(200);

        mentor("another-mentor").post(path("sign-off")).then().statusCode(403).contentType("application/problem+json");
        apprentice().post(path("sign-off")).then().statusCode(403);
        as("program-office", "office").post(path("sign-off")).then().statusCode(403);
        given().post(path("sign-off")).then().statusCode(401);
        progress().body("milestones.find { it.id == '" + MILESTONE + "' }.status", equalTo("EVIDENCE_SUBMITTED"));
    }

    @Test
    void a_former_mentor_signs_off_nothing() {
        apprentice().post(path("start")).then().statusCode(200);
        apprentice().body(EVIDENCE).post(path("evidence")).then().statusCode(200);
        TestKafka.publish(bootstrap, Topics.MATCHING, matchId,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_ENDED.ceType(), "/matching-service", matchId),
                String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"reason\":\"REMATCHED\",\"endedAt\":\"%s\"}",
                        matchId, mentorId, apprenticeId, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> progress().body("mentorId", nullValue()));

        mentor(mentorSubject).post(path("sign-off")).then().statusCode(403).contentType("application/problem+json");
        progress().body("milestones.find { it.id == '" + MILESTONE + "' }.status", equalTo("EVIDENCE_SUBMITTED"));
    }

    @Test
    void bad_requests_are_4xx_problems_and_write_nothing() {
        apprentice().post("/apprentices/" + apprenticeId + "/milestones/no-such-milestone/start").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-milestone"));
        apprentice().body(EVIDENCE).post(path("evidence")).then().statusCode(409).contentType("application/problem+json");
        mentor(mentorSubject).post(path("sign-off")).then().statusCode(409);
        apprentice().post("/apprentices/" + TestKafka.newId() + "/milestones/" + MILESTONE + "/start").then().statusCode(404);
        apprentice().post("/apprentices/not-an-id/milestones/" + MILESTONE + "/start").then().statusCode(404);

        apprentice().post(path("start")).then().statusCode(200);
        for (Object body : List.of(Map.of("links", List.of()), Map.of("links", List.of("ftp://files.example.com/x")),
                Map.of("links", List.of("not a link")), Map.of("notes", "no links"), Map.of("links", List.of("https://example.com"),
                        "notes", "x".repeat(MilestoneDecider.MAX_NOTES + 1)))) {
            apprentice().body(body).post(path("evidence")).then().statusCode(400).contentType("application/problem+json");
        }
        mentor(mentorSubject).body(Map.of("comment", "")).post(path("return")).then().statusCode(400);
        apprentice().contentType(ContentType.JSON).body("{\"links\":").post(path("evidence")).then().statusCode(400);
        progress().body("milestones.find { it.id == '" + MILESTONE + "' }.status", equalTo("IN_PROGRESS"));
    }

    private String path(String action) {
        return "/apprentices/" + apprenticeId + "/milestones/" + MILESTONE + "/" + action;
    }

    private ValidatableResponse progress() {
        return as("program-office", "office").get("/apprentices/" + apprenticeId + "/progress").then().statusCode(200);
    }

    private RequestSpecification apprentice() {
        return as("apprentice", apprenticeSubject);
    }

    private static RequestSpecification mentor(String subject) {
        return as("mentor", subject);
    }

    private static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject)).contentType(ContentType.JSON);
    }
}
