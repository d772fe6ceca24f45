package dev.mentorship.feedback.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import dev.mentorship.feedback.Pairs;
import dev.mentorship.feedback.Pairs.Pair;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * feedback-service's part of an erasure: the raw answers of the person's assessments are sealed in
 * the log under keys the erasure deletes; afterwards they read as erased while the scores still count,
 * and the service confirms with counts only.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class FeedbackErasureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void an_erased_persons_answers_read_as_erased_their_scores_still_count_and_the_service_confirms() throws Exception {
        Pair pair = Pair.random(TestKafka.newId());
        Pairs.started(bootstrap, pair);
        String id = pair.apprentice().body(Pairs.safety(4)).post("/assessments").then().statusCode(201).extract().path("assessmentId");
        pair.apprentice().get("/assessments/" + id).then().statusCode(200).body("answers.'trust-1'", equalTo(4));
        assertThat(rows("select payload::text from events where type = 'AssessmentSubmitted'")).doesNotContain("trust-1")
                .contains("\"answers\": \"pii:v1:o:");

        String erasureId = TestKafka.newId();
        Instant since = Instant.now();
        TestKafka.publish(bootstrap, Topics.MATCHING, erasureId, TestKafka.cloudEvent(TestKafka.newId(), Contracts.PERSON_ERASURE_REQUESTED.ceType(),
                "/matching-service", erasureId), "{\"erasureId\":\"" + erasureId + "\",\"personSubject\":\"" + pair.apprenticeSubject()
                + "\",\"requestedAt\":\"" + Instant.now() + "\"}");

        ConsumerRecord<String, String> confirmation = await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.readSince(bootstrap,
                Topics.FEEDBACK, since, Duration.ofMillis(500)).stream().filter(record -> erasureId.equals(record.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(TestKafka.header(confirmation, "ce_type")).isEqualTo(Contracts.FEEDBACK_PERSON_ERASED.ceType());
        JsonNode body = new ObjectMapper().readTree(confirmation.value());
        assertThat(EventSchemas.validate(Contracts.FEEDBACK_PERSON_ERASED, body)).isEmpty();
        assertThat(body.path("erased").path("dataKeys").asInt()).as(confirmation.value()).isEqualTo(1);

        pair.apprentice().get("/assessments/" + id).then().statusCode(200).body("answers", anEmptyMap()).body("scores.TRUST", equalTo(4.0f));
        assertThat(rows("select count(*) from assessment_scores where assessment_id = '" + id + "'")).isNotEqualTo("0");
    }

    private String rows(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return String.join("\n", values);
    }
}
