package dev.mentorship.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import dev.mentorship.feedback.Pairs.Pair;
import dev.mentorship.feedback.due.AssessmentDueJob;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import dev.mentorship.feedback.rating.Quality;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every event on feedback-service's topic when this runs, whichever test of the suite caused it, and
 * one of each kind the service publishes, caused here, is a known contract, valid against its schema,
 * and carries no answer, score, rating, mood or note: only ids, kinds, severities, consented domains
 * and times.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class PublishedEventsPrivacyTest {

    private static final Set<String> ALLOWED = Set.of("assessmentId", "questionnaire", "version", "role", "matchId", "submittedAt", "concernId",
            "raisedAt", "severity", "domains", "acknowledgedAt", "resolvedAt", "checkInId", "side", "givenAt", "feedbackId", "mentorId", "apprenticeId",
            "period", "dueAt");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AssessmentDueJob job;

    @Test
    void nothing_a_person_answered_rated_or_wrote_is_ever_published() throws Throwable {
        Pair pair = Pair.random(TestKafka.newId());
        Pairs.started(bootstrap, pair);
        Map<String, Object> low = new HashMap<>(Pairs.safety(1));
        low.put("domainsToProgramOffice", false);
        pair.apprentice().body(low).post("/assessments").then().statusCode(201);
        String concern = pair.mentor().body(Map.of("matchId", pair.matchId())).post("/concerns").then().statusCode(201).extract().path("concernId");
        Pairs.office().post("/concerns/" + concern + "/acknowledge").then().statusCode(200);
        Pairs.office().post("/concerns/" + concern + "/resolve").then().statusCode(200);
        String checkInId = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.PROGRESS, pair.matchId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.CHECK_IN_COMPLETED.ceType(), "/progress-service", pair.matchId()),
                String.format("{\"matchId\":\"%s\",\"checkInId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorId\":\"%s\",\"date\":\"%s\","
                        + "\"minutes\":30,\"completedAt\":\"%s\"}", pair.matchId(), checkInId, pair.apprenticeId(), pair.mentorId(),
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC), java.time.Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> pair.mentor().body(Map.of("usefulness", 2, "mood", "ANXIOUS", "note", "secret words"))
                .post("/check-ins/" + checkInId + "/feedback").then().statusCode(201));
        VertxContextSupport.subscribeAndAwait(() -> job.sweep(java.time.Instant.now().plus(Duration.ofDays(29))));
        Map<String, Integer> ratings = new HashMap<>();
        for (Quality quality : Quality.values()) {
            ratings.put(quality.name(), 2);
        }
        pair.apprentice().body(Map.of("ratings", ratings, "note", "secret words")).post("/matches/" + pair.matchId() + "/mentor-feedback")
                .then().statusCode(201);

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(TestKafka.readAll(bootstrap, Topics.FEEDBACK, Duration.ofSeconds(1))
                .stream().filter(record -> record.value().contains(pair.matchId())).count())
                .isGreaterThanOrEqualTo(8));
        var all = TestKafka.readAll(bootstrap, Topics.FEEDBACK, Duration.ofSeconds(1));
        assertThat(all).isNotEmpty();
        for (var record : all) {
            var contract = Contracts.byCeType(TestKafka.header(record, "ce_type"));
            assertThat(contract).as(record.value()).isPresent();
            JsonNode payload = json.readTree(record.value());
            assertThat(EventSchemas.validate(contract.orElseThrow(), payload)).as(record.value()).isEmpty();
            for (Iterator<String> fields = payload.fieldNames(); fields.hasNext(); ) {
                assertThat(fields.next()).as(record.value()).isIn(ALLOWED);
            }
            assertThat(record.value()).doesNotContain("secret words", "answers", "scores", "ratings", "usefulness", "mood", "note", "trust-1");
        }
        // The apprentice did not agree to share which domains fell: the concern their trend raised names none.
        assertThat(all.stream().filter(record -> record.value().contains(pair.matchId()))
                .filter(record -> Contracts.SAFETY_CONCERN_RAISED.ceType().equals(TestKafka.header(record, "ce_type"))))
                .isNotEmpty().allSatisfy(record -> assertThat(json.readTree(record.value()).path("domains").isEmpty()).as(record.value()).isTrue());
    }
}
