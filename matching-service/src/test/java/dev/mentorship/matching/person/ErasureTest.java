package dev.mentorship.matching.person;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Topics;
import dev.mentorship.matching.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Erasing a person from matching-service: their contact details and what the log holds about them
 * in personal fields are gone for good (the log still replays, the read models still count them),
 * the request goes out to the other services, and their confirmations come back.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ErasureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource jdbc;

    @Test
    void an_erased_person_leaves_no_name_address_or_text_behind_and_every_service_is_asked_and_confirms() throws Exception {
        String subject = Api.unique("erasable");
        String email = subject + "@example.com";
        String cohort = Api.cohort();
        String apprentice = Api.apprentice(subject, cohort);
        String mentor = Api.mentor(Api.unique("mentor"));
        String match = Api.match(mentor, apprentice);
        as("apprentice", subject).body(Map.of("reason", "my manager Bob Keller is leaving")).post("/matches/" + match + "/decline")
                .then().statusCode(200);
        office().body(Map.of("reason", "relocating to Lisbon with Ana")).post("/apprentices/" + apprentice + "/withdraw").then().statusCode(200);
        // Sealed in the log, under keys the erasure deletes.
        assertThat(rawLog()).doesNotContain("Bob Keller").doesNotContain("relocating to Lisbon").doesNotContain("manager-" + subject)
                .contains("\"reason\": \"pii:v1:s:");
        Instant before = Instant.now();

        Response erased = as("admin", "admin-1").post("/admin/people/" + subject + "/erasure");
        erased.then().statusCode(202).header("Location", endsWith("/admin/people/" + subject + "/erasure"))
                .body("subject", equalTo(subject)).body("complete", equalTo(false))
                .body("services[0].service", equalTo("matching")).body("services[0].status", equalTo("CONFIRMED"))
                .body("services[0].erased.profiles", equalTo(1)).body("services[1].status", equalTo("PENDING"));
        String erasureId = erased.path("erasureId");
        assertThat((Integer) erased.path("services[0].erased.dataKeys")).isGreaterThanOrEqualTo(2);

        // The record is gone; the match and the log still read, with the texts erased.
        as("admin", "admin-1").get("/apprentices/" + apprentice).then().statusCode(404);
        as("admin", "admin-1").get("/matches/" + match).then().statusCode(200).body("status", equalTo("DECLINED"));
        assertThat(rows("select count(*) from people where id::text = '" + apprentice + "'")).isEqualTo("0");
        assertThat(rawLog() + rows("select name || email || coalesce(background, '') from people")).doesNotContain(email)
                .doesNotContain("manager-" + subject);
        String managerGone = "select count(*) from apprentice_directory where apprentice_id = '" + apprentice + "' and manager_id is null";
        // The directory may not have reached the enrolment yet; whenever it does, the manager reads as erased.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(rows(managerGone)).isEqualTo("1"));

        // A rebuild of the directory from the log gets the placeholder, not the value.
        as("admin", "admin-1").post("/admin/projections/directory/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(rows(managerGone)).isEqualTo("1"));

        // The request went out with ids only.
        ConsumerRecord<String, String> request = await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.readSince(bootstrap,
                Topics.MATCHING, before, Duration.ofMillis(300)).stream().filter(record -> erasureId.equals(record.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(TestKafka.header(request, "ce_type")).isEqualTo("mentorship.matching.PersonErasureRequested.v1");
        assertThat(request.value()).contains(subject).doesNotContain(email).doesNotContain("Rona");

        // Asking again changes nothing; the other services' confirmations arrive as their PersonErased.
        as("admin", "admin-1").post("/admin/people/" + subject + "/erasure").then().statusCode(200).body("erasureId", equalTo(erasureId));
        for (String service : List.of("progress", "feedback")) {
            TestKafka.publish(bootstrap, "mentorship." + service + ".events", erasureId,
                    TestKafka.cloudEvent(TestKafka.newId(), "mentorship." + service + ".PersonErased.v1", "/" + service + "-service", erasureId),
                    "{\"erasureId\":\"" + erasureId + "\",\"erased\":{\"dataKeys\":3},\"erasedAt\":\"" + Instant.now() + "\"}");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("admin", "admin-1").get("/admin/people/" + subject + "/erasure")
                .then().statusCode(200).body("complete", equalTo(true)).body("services[1].status", equalTo("CONFIRMED"))
                .body("services[2].erased.dataKeys", equalTo(3)));
    }

    @Test
    void only_an_administrator_erases_and_an_unknown_subject_is_not_found() {
        String subject = Api.unique("kept");
        Api.apprentice(subject, Api.cohort());
        office().post("/admin/people/" + subject + "/erasure").then().statusCode(403);
        as("apprentice", subject).get("/admin/people/" + subject + "/erasure").then().statusCode(403);
        as("admin", "admin-1").post("/admin/people/nobody-" + subject + "/erasure").then().statusCode(404)
                .contentType("application/problem+json");
        as("admin", "admin-1").get("/admin/people/" + subject + "/erasure").then().statusCode(404).contentType("application/problem+json");
    }

    /** Every stored event's payload and metadata, as text: what someone reading the database sees. */
    private String rawLog() throws Exception {
        return rows("select payload::text || metadata::text from events");
    }

    private String rows(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = jdbc.getConnection();
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    values.add(rows.getString(column));
                }
            }
        }
        return String.join("\n", values);
    }
}
