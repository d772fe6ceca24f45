package dev.mentorship.progress.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import dev.mentorship.progress.Journeys;
import dev.mentorship.progress.Journeys.Pair;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * progress-service's part of an erasure: on matching-service's request it erases the keys of the
 * person's notes, evidence and comments, which then read as erased while the journey still replays
 * and counts, and it confirms with a PersonErased that carries counts only, once however often the
 * request comes.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class ProgressErasureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void an_erased_apprentices_notes_and_evidence_read_as_erased_and_the_service_confirms_once() throws Exception {
        Pair pair = Pair.random(TestKafka.newId());
        Journeys.shippedCatalogueCurrent();
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(9)));
        String milestone = Journeys.REQUIRED.getFirst();
        pair.apprentice().post(pair.path("/milestones/" + milestone + "/start")).then().statusCode(200);
        pair.apprentice().body(Map.of("links", List.of("https://git.example.com/ana-lopez/pr/7"), "notes", "Found it with Ana Lopez"))
                .post(pair.path("/milestones/" + milestone + "/evidence")).then().statusCode(200);
        pair.apprentice().body(Map.of("date", LocalDate.now(ZoneOffset.UTC).toString(), "minutes", 30, "topics", List.of("imposter feelings"),
                "notes", "Worried about my review with Dana")).post("/matches/" + pair.matchId() + "/check-ins").then().statusCode(201);
        pair.apprentice().get(pair.path("/progress")).then().statusCode(200).body("checkIns[0].notes", equalTo("Worried about my review with Dana"));
        assertThat(rows("select payload::text from events")).doesNotContain("Ana Lopez").doesNotContain("ana-lopez").doesNotContain("with Dana")
                .doesNotContain("imposter feelings");

        String erasureId = TestKafka.newId();
        Instant since = Instant.now();
        for (int repeat = 0; repeat < 2; repeat++) {
            TestKafka.publish(bootstrap, Topics.MATCHING, erasureId, TestKafka.cloudEvent(TestKafka.newId(), Contracts.PERSON_ERASURE_REQUESTED.ceType(),
                    "/matching-service", erasureId), "{\"erasureId\":\"" + erasureId + "\",\"personSubject\":\"" + pair.apprenticeSubject()
                    + "\",\"requestedAt\":\"" + Instant.now() + "\"}");
        }

        ConsumerRecord<String, String> confirmation = await().atMost(Duration.ofSeconds(20)).until(() -> erased(since, erasureId),
                list -> !list.isEmpty()).getFirst();
        JsonNode body = new ObjectMapper().readTree(confirmation.value());
        assertThat(EventSchemas.validate(Contracts.PROGRESS_PERSON_ERASED, body)).isEmpty();
        assertThat(body.path("erased").path("dataKeys").asInt()).as(confirmation.value()).isEqualTo(2); // the apprentice's and the match's
        pair.apprentice().get(pair.path("/progress")).then().statusCode(200).body("checkIns[0].notes", equalTo("erased"))
                .body("checkIns[0].topics.size()", equalTo(0)).body("checkIns[0].minutes", equalTo(30));
        // The repeated request is confirmed once: no second confirmation turns up in the next second and a half.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> erased(since, erasureId).size() == 1);

        // The journey still replays from the log into the read models.
        Journeys.as("admin", "root").post("/admin/projections/journey/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Journeys.progress(pair).body("mentorId", equalTo(pair.mentorId())));
    }

    private List<ConsumerRecord<String, String>> erased(Instant since, String erasureId) {
        return TestKafka.readSince(bootstrap, Topics.PROGRESS, since, Duration.ofMillis(500)).stream()
                .filter(record -> erasureId.equals(record.key()) && Contracts.PROGRESS_PERSON_ERASED.ceType().equals(TestKafka.header(record, "ce_type")))
                .toList();
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
