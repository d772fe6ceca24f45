package dev.mentorship.feedback.concern;

import static dev.mentorship.feedback.Pairs.as;
import static dev.mentorship.feedback.Pairs.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
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
class ConcernFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final Pair pair = Pair.random(TestKafka.newId());

    @Test
    void a_fall_against_the_apprentices_own_baseline_raises_a_concern_naming_the_domains_they_agreed_to_and_the_office_handles_it()
            throws Exception {
        Instant since = Instant.now();
        Pairs.started(bootstrap, pair);
        pair.apprentice().body(Pairs.safety(4)).post("/assessments").then().statusCode(201);
        pair.apprentice().body(Pairs.safety(4)).post("/assessments").then().statusCode(201);
        office().get("/concerns?status=RAISED").then().statusCode(200).body("findAll { it.matchId == '" + pair.matchId() + "' }", hasSize(0));
        Map<String, Object> fallen = new HashMap<>(Pairs.safety(2));
        fallen.put("domainsToProgramOffice", true);
        pair.apprentice().body(fallen).post("/assessments").then().statusCode(201);

        String concernId = await().atMost(Duration.ofSeconds(10)).until(() -> office().get("/concerns").then().statusCode(200).extract()
                .<List<Map<String, Object>>>path("findAll { it.matchId == '" + pair.matchId() + "' }"), list -> list.size() == 1)
                .getFirst().get("concernId").toString();
        office().get("/concerns/" + concernId).then().statusCode(200).body("source", equalTo("TREND")).body("severity", equalTo("MEDIUM"))
                .body("domains", hasSize(6)).body("status", equalTo("RAISED"));
        pair.mentor().get("/concerns/" + concernId).then().statusCode(403);
        pair.apprentice().post("/concerns/" + concernId + "/acknowledge").then().statusCode(403);
        office().post("/concerns/" + concernId + "/acknowledge").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        office().post("/concerns/" + concernId + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"));
        office().post("/concerns/" + concernId + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"));
        office().post("/concerns/" + TestKafka.newId() + "/resolve").then().statusCode(404).contentType("application/problem+json");

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var published = TestKafka.readSince(bootstrap, Topics.FEEDBACK, since, Duration.ofSeconds(1)).stream()
                    .filter(record -> concernId.equals(record.key())).toList();
            assertThat(published).extracting(record -> TestKafka.header(record, "ce_type")).containsExactly(
                    Contracts.SAFETY_CONCERN_RAISED.ceType(), Contracts.SAFETY_CONCERN_ACKNOWLEDGED.ceType(), Contracts.SAFETY_CONCERN_RESOLVED.ceType());
            for (var record : published) {
                JsonNode payload = json.readTree(record.value());
                assertThat(EventSchemas.validate(Contracts.byCeType(TestKafka.header(record, "ce_type")).orElseThrow(), payload)).isEmpty();
                assertThat(payload.path("matchId").asText()).isEqualTo(pair.matchId());
            }
            assertThat(json.readTree(published.getFirst().value()).path("domains")).hasSize(6);
        });
    }

    @Test
    void a_score_under_the_floor_raises_a_high_concern_at_once_without_domains_unless_agreed() {
        Pairs.started(bootstrap, pair);
        pair.apprentice().body(Pairs.safety(1)).post("/assessments").then().statusCode(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/concerns").then().statusCode(200)
                .body("find { it.matchId == '" + pair.matchId() + "' }.severity", equalTo("HIGH"))
                .body("find { it.matchId == '" + pair.matchId() + "' }.domains", hasSize(0)));
    }

    @Test
    void the_pair_asks_to_talk_to_the_program_office_and_nobody_else_can_about_their_match() {
        Pairs.started(bootstrap, pair);
        pair.mentor().body(Map.of("matchId", pair.matchId())).post("/concerns").then().statusCode(201).body("source", equalTo("PERSON"))
                .body("side", equalTo("MENTOR")).body("severity", equalTo("MEDIUM"));
        pair.apprentice().header("Idempotency-Key", "talk-1").body(Map.of("matchId", pair.matchId(), "severity", "HIGH")).post("/concerns").then()
                .statusCode(201).body("side", equalTo("APPRENTICE")).body("severity", equalTo("HIGH"));
        as("apprentice", "someone-else").body(Map.of("matchId", pair.matchId())).post("/concerns").then().statusCode(403)
                .contentType("application/problem+json");
        office().body(Map.of("matchId", pair.matchId())).post("/concerns").then().statusCode(403);
        pair.apprentice().body(Map.of("matchId", "not-a-match")).post("/concerns").then().statusCode(404);
        pair.apprentice().body(Map.of("matchId", pair.matchId(), "severity", "APOCALYPTIC")).post("/concerns").then().statusCode(400);
        office().get("/concerns?status=PENDING").then().statusCode(400).contentType("application/problem+json");

        Pairs.ended(bootstrap, pair);
        pair.apprentice().body(Map.of("matchId", pair.matchId())).post("/concerns").then().statusCode(409);
        office().get("/concerns").then().statusCode(200).body("findAll { it.matchId == '" + pair.matchId() + "' }", hasSize(2));
    }
}
