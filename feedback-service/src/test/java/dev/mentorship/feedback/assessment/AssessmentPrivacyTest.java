package dev.mentorship.feedback.assessment;

import static dev.mentorship.feedback.Pairs.as;
import static dev.mentorship.feedback.Pairs.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class AssessmentPrivacyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final Pair pair = Pair.random(TestKafka.newId());

    @Test
    void only_the_author_reads_their_answers_whoever_else_asks_and_only_shared_scores_reach_the_mentor() throws Exception {
        Instant since = Instant.now();
        Pairs.started(bootstrap, pair);
        String id = pair.apprentice().body(Pairs.safety(4)).post("/assessments").then().statusCode(201)
                .header("Location", containsString("/assessments/")).body("scores.TRUST", equalTo(4.0f)).extract().path("assessmentId");

        pair.apprentice().get("/assessments/mine").then().statusCode(200).body("", hasSize(1)).body("[0].answers.'trust-1'", equalTo(4));
        pair.apprentice().get("/assessments/" + id).then().statusCode(200).body("answers.'trust-3'", equalTo(2));
        pair.apprentice().get("/people/me/safety-trend").then().statusCode(200).body("byQuestionnaire.safety.TRUST", hasSize(1));
        for (var other : List.of(pair.mentor(), office(), as("admin", "root"), as("apprentice", "someone-else"))) {
            other.get("/assessments/" + id).then().statusCode(404).contentType("application/problem+json");
            other.get("/assessments/mine").then().statusCode(200).body("assessmentId", not(org.hamcrest.Matchers.hasItem(id)));
        }
        pair.mentor().get("/mentors/me/shared-assessments").then().statusCode(200).body("", hasSize(0));

        as("apprentice", "someone-else").post("/assessments/" + id + "/share").then().statusCode(404);
        pair.apprentice().post("/assessments/" + id + "/share").then().statusCode(200).body("sharedWithMatch", equalTo(pair.matchId()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pair.mentor().get("/mentors/me/shared-assessments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].scores.TRUST", equalTo(4.0f)).body("[0]", not(hasKey("answers"))));
        as("mentor", "another-mentor").get("/mentors/me/shared-assessments").then().statusCode(200).body("", hasSize(0));

        // Once the match has ended, its former mentor sees nothing shared in it.
        Pairs.ended(bootstrap, pair);
        pair.mentor().get("/mentors/me/shared-assessments").then().statusCode(200).body("", hasSize(0));
        pair.apprentice().post("/assessments/" + id + "/share").then().statusCode(409).contentType("application/problem+json");

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var published = TestKafka.readSince(bootstrap, Topics.FEEDBACK, since, Duration.ofSeconds(1)).stream()
                    .filter(record -> id.equals(record.key())).toList();
            assertThat(published).hasSize(1);
            assertThat(EventSchemas.validate(Contracts.SAFETY_ASSESSMENT_SUBMITTED, json.readTree(published.getFirst().value()))).isEmpty();
            assertThat(published.getFirst().value()).doesNotContain("answers", "scores", "trust-1", "TRUST");
        });
    }

    @Test
    void bad_answers_are_4xx_problems_and_write_nothing() {
        String author = "a-" + TestKafka.newId();
        Map<String, Object> good = Pairs.safety(3);
        @SuppressWarnings("unchecked")
        Map<String, Integer> answers = new HashMap<>((Map<String, Integer>) good.get("answers"));
        Map<String, Integer> missing = new HashMap<>(answers);
        missing.remove("you-2");
        Map<String, Integer> outOfRange = new HashMap<>(answers);
        outOfRange.put("you-2", 9);
        Map<String, Integer> unknown = new HashMap<>(answers);
        unknown.put("made-up", 3);
        for (Map<String, ?> body : List.<Map<String, ?>>of(Map.of("questionnaire", "safety", "version", 1, "answers", missing),
                Map.of("questionnaire", "safety", "version", 1, "answers", outOfRange),
                Map.of("questionnaire", "safety", "version", 1, "answers", unknown),
                Map.of("questionnaire", "burnout", "version", 1, "answers", answers),
                Map.of("questionnaire", "safety", "version", 1))) {
            as("apprentice", author).body(body).post("/assessments").then().statusCode(400).contentType("application/problem+json");
        }
        as("apprentice", author).body(Map.of("questionnaire", "safety", "version", 2, "answers", answers)).post("/assessments").then()
                .statusCode(422).contentType("application/problem+json");
        as("apprentice", author).contentType("application/json").body("{\"questionnaire\":\"safety\",\"version\":1,\"answers\":{\"you-1\":\"x\"}}")
                .post("/assessments").then().statusCode(400).contentType("application/problem+json");
        office().body(good).post("/assessments").then().statusCode(403);
        as("apprentice", author).get("/assessments/mine").then().statusCode(200).body("", hasSize(0));

        // A mentor answers about themself: no match, nothing shared, nothing flagged.
        as("mentor", "m-" + TestKafka.newId()).body(Map.of("questionnaire", "team-safety", "version", 1, "answers", Map.of("team-1", 1, "team-2", 7,
                "team-3", 1, "team-4", 7, "team-5", 1, "team-6", 7, "team-7", 7))).post("/assessments").then().statusCode(201)
                .body("scores.TEAM", equalTo(7.0f));
    }
}
