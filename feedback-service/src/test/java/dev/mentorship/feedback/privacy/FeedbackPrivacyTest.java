package dev.mentorship.feedback.privacy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.eventsourcing.privacy.RetentionJob;
import dev.mentorship.feedback.Pairs;
import dev.mentorship.feedback.Pairs.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Subject access and the retention of safety answers and rating notes in feedback-service. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class FeedbackPrivacyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RetentionJob retention;

    @Test
    void each_side_exports_its_own_assessments_and_ratings_never_the_other_sides_note() {
        Pair pair = Pair.random(TestKafka.newId());
        Pairs.started(bootstrap, pair);
        String checkInId = Pairs.completedCheckIn(bootstrap, pair);
        pair.apprentice().body(Map.of("usefulness", 2, "mood", "ANXIOUS", "note", "I felt rushed by Sam")).post("/check-ins/" + checkInId + "/feedback")
                .then().statusCode(201);
        pair.mentor().body(Map.of("usefulness", 5, "mood", "ENERGISED", "note", "great questions today")).post("/check-ins/" + checkInId + "/feedback")
                .then().statusCode(201);
        pair.apprentice().body(Pairs.safety(3)).post("/assessments").then().statusCode(201);

        pair.apprentice().get("/people/me/export").then().statusCode(200).body("service", equalTo("feedback"))
                .body("assessments", hasSize(1)).body("assessments[0].answers.'trust-1'", equalTo(3))
                .body("ratingsGiven", hasSize(1)).body("ratingsGiven[0].data.note", equalTo("I felt rushed by Sam"));
        pair.mentor().get("/people/me/export").then().statusCode(200).body("assessments", hasSize(0))
                .body("ratingsGiven", hasSize(1)).body("ratingsGiven[0].data.note", equalTo("great questions today"));
    }

    @Test
    void safety_answers_are_shredded_two_years_after_the_match_ended_and_the_scores_stay() throws Throwable {
        Pair pair = Pair.random(TestKafka.newId());
        Pairs.started(bootstrap, pair);
        String id = pair.apprentice().body(Pairs.safety(4)).post("/assessments").then().statusCode(201).extract().path("assessmentId");
        Pairs.ended(bootstrap, pair);

        VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(729))));
        pair.apprentice().get("/assessments/" + id).then().statusCode(200).body("answers.'trust-1'", equalTo(4));
        VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(731))));
        pair.apprentice().get("/assessments/" + id).then().statusCode(200).body("answers", anEmptyMap()).body("scores.TRUST", equalTo(4.0f));
    }

    @Test
    void rating_notes_are_shredded_two_years_after_the_match_ended_and_the_ratings_stay() throws Throwable {
        Pair pair = Pair.random(TestKafka.newId());
        Pairs.started(bootstrap, pair);
        String checkInId = Pairs.completedCheckIn(bootstrap, pair);
        pair.apprentice().body(Map.of("usefulness", 4, "mood", "CALM", "note", "Sam explained the pager rota")).post("/check-ins/" + checkInId
                + "/feedback").then().statusCode(201);
        Pairs.ended(bootstrap, pair);

        VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(729))));
        pair.apprentice().get("/people/me/export").then().statusCode(200).body("ratingsGiven[0].data.note", equalTo("Sam explained the pager rota"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(731))));
            pair.apprentice().get("/people/me/export").then().statusCode(200).body("ratingsGiven[0].data.note", equalTo("erased"))
                    .body("ratingsGiven[0].data.usefulness", equalTo(4));
        });
    }
}
