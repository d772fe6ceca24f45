package dev.mentorship.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import dev.mentorship.eventsourcing.inbox.ConsumedTopics;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class MatchStartedConsumptionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource jdbc;

    @Inject
    KafkaClientService kafkaClients;

    // On the management interface, a port of its own.
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void the_consumer_keeps_the_kernels_session_and_never_creates_the_topic_it_reads() {
        // Kafka's defaults would hold a dead consumer's partitions for 45 s, and let a consumer create the
        // topic it subscribes to with the cluster's partition count, which the service would then keep.
        Map<String, ?> consumer = kafkaClients.getConsumer(ConsumedTopics.CHANNEL).configuration();
        assertThat(consumer.get("session.timeout.ms")).hasToString("10000");
        assertThat(consumer.get("allow.auto.create.topics")).hasToString("false");
    }

    @Test
    void a_started_match_shows_the_mentor_on_the_apprentices_progress() {
        Pair pair = Pair.random();
        publishMatchStarted(TestKafka.newId(), pair, pair.mentorId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("apprentice", pair.apprenticeSubject)
                .get("/apprentices/" + pair.apprenticeId + "/progress")
                .then().statusCode(200).body("mentorId", equalTo(pair.mentorId)).body("matchId", equalTo(pair.matchId)));
        as("mentor", pair.mentorSubject).get("/apprentices/" + pair.apprenticeId + "/progress").then().statusCode(200);
        as("program-office", "office").get("/apprentices/" + pair.apprenticeId + "/progress").then().statusCode(200);
        as("apprentice", "someone-else").get("/apprentices/" + pair.apprenticeId + "/progress")
                .then().statusCode(403).contentType("application/problem+json");
        as("mentor", "another-mentor").get("/apprentices/" + pair.apprenticeId + "/progress").then().statusCode(403);
        given().get("/apprentices/" + pair.apprenticeId + "/progress").then().statusCode(401);
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        Pair pair = Pair.random();
        String eventId = TestKafka.newId();
        publishMatchStarted(eventId, pair, pair.mentorId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> progress(pair).body("mentorId", equalTo(pair.mentorId)));

        // The same event id again, even with other content, must be ignored: it was already applied.
        String otherMentor = TestKafka.newId();
        publishMatchStarted(eventId, pair, otherMentor);
        // A later event on the same key (same partition) proves the duplicate was consumed before it.
        Pair sentinel = new Pair(pair.matchId, TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), "a-" + TestKafka.newId());
        publishMatchStarted(TestKafka.newId(), sentinel, sentinel.mentorId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> progress(sentinel).body("mentorId", equalTo(sentinel.mentorId)));

        progress(pair).body("mentorId", equalTo(pair.mentorId));
        assertThat(given().get(metrics).then().statusCode(200).extract().asString()).containsPattern("inbox_duplicates_total\\{[^}]*\\} [1-9]");
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_and_the_partition_keeps_flowing() {
        String key = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.MATCHING, key,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_STARTED.ceType(), "/matching-service", key), "{not json");
        Pair pair = new Pair(key, TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), "a-" + TestKafka.newId());
        publishMatchStarted(TestKafka.newId(), pair, pair.mentorId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> progress(pair).body("mentorId", equalTo(pair.mentorId)));
        var parked = TestKafka.readAll(bootstrap, Topics.deadLetter("progress"), Duration.ofSeconds(2));
        assertThat(parked).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(TestKafka.header(record, "dead-letter-reason")).contains("not JSON");
        });
    }

    @Test
    void a_poison_record_inside_a_batch_is_parked_alone_and_its_neighbours_are_stored() {
        // Three records on one key, sent together so that one poll usually returns all three.
        Pair before = Pair.random();
        Pair after = new Pair(before.matchId, TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), "a-" + TestKafka.newId());
        String poisonId = TestKafka.newId();
        TestKafka.publishTogether(bootstrap, List.of(
                matchStarted(TestKafka.newId(), before, before.mentorId),
                TestKafka.record(Topics.MATCHING, before.matchId,
                        TestKafka.cloudEvent(poisonId, Contracts.MATCH_STARTED.ceType(), "/matching-service", before.matchId), "[1, 2"),
                matchStarted(TestKafka.newId(), after, after.mentorId)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            progress(before).body("mentorId", equalTo(before.mentorId));
            progress(after).body("mentorId", equalTo(after.mentorId));
        });
        var parked = TestKafka.readAll(bootstrap, Topics.deadLetter("progress"), Duration.ofSeconds(2)).stream()
                .filter(record -> before.matchId.equals(record.key())).toList();
        assertThat(parked).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("[1, 2");
            assertThat(TestKafka.header(record, "ce_id")).isEqualTo(poisonId);
            assertThat(TestKafka.header(record, "dead-letter-reason")).contains("not JSON");
            assertThat(TestKafka.header(record, "dead-letter-topic")).isEqualTo(Topics.MATCHING);
            assertThat(TestKafka.header(record, "dead-letter-offset")).isNotBlank();
        });
    }

    @Test
    void events_polled_together_are_logged_once_each_in_order_on_their_stream() throws Exception {
        // Two events about one match and a repeat of the first, sent together: the local log gets the
        // two events once, at versions 1 and 2 of the match's stream, in the order they were sent.
        Pair pair = Pair.random();
        String first = TestKafka.newId();
        String second = TestKafka.newId();
        double duplicatesBefore = duplicates();
        TestKafka.publishTogether(bootstrap, List.of(matchStarted(first, pair, pair.mentorId),
                matchStarted(first, pair, pair.mentorId), matchStarted(second, pair, pair.mentorId)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(logged(pair.matchId)).hasSize(2);
            assertThat(duplicates()).as("the repeat counts as a duplicate").isEqualTo(duplicatesBefore + 1);
        });
        assertThat(logged(pair.matchId)).containsExactly(first + "@1", second + "@2");
        try (Connection connection = jdbc.getConnection();
                PreparedStatement inbox = connection.prepareStatement("select count(*) from inbox where event_id in (?::uuid, ?::uuid)")) {
            inbox.setString(1, first);
            inbox.setString(2, second);
            try (ResultSet rows = inbox.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
    }

    private double duplicates() {
        Matcher counter = Pattern.compile("inbox_duplicates_total\\{[^}]*MatchStarted[^}]*\\} ([0-9.E]+)")
                .matcher(given().get(metrics).then().statusCode(200).extract().asString());
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }

    private List<String> logged(String matchId) throws Exception {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement events = connection.prepareStatement(
                        "select event_id::text || '@' || version from events where stream_id = ? order by position")) {
            events.setString(1, "/matching-service/" + matchId);
            List<String> logged = new ArrayList<>();
            try (ResultSet rows = events.executeQuery()) {
                while (rows.next()) {
                    logged.add(rows.getString(1));
                }
            }
            return logged;
        }
    }

    @Test
    void an_event_that_breaks_its_schema_is_parked_too() {
        String key = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.MATCHING, key,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.MATCH_STARTED.ceType(), "/matching-service", key),
                "{\"matchId\":\"" + key + "\"}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(TestKafka.readAll(bootstrap, Topics.deadLetter("progress"), Duration.ofSeconds(1)))
                        .anySatisfy(record -> assertThat(TestKafka.header(record, "dead-letter-reason")).contains("schema")));
    }

    @Test
    void an_event_whose_text_the_store_cannot_keep_is_parked_and_its_neighbours_are_stored() {
        // Valid JSON that meets its schema, but PostgreSQL refuses U+0000 in jsonb: the insert fails
        // every time, so retrying it forever would stop the partition.
        Pair before = Pair.random();
        Pair poisoned = new Pair(before.matchId, TestKafka.newId(), TestKafka.newId(), "m-\\u0000-" + TestKafka.newId(), "a-" + TestKafka.newId());
        Pair after = new Pair(before.matchId, TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), "a-" + TestKafka.newId());
        String poisonId = TestKafka.newId();
        TestKafka.publishTogether(bootstrap, List.of(matchStarted(TestKafka.newId(), before, before.mentorId),
                matchStarted(poisonId, poisoned, poisoned.mentorId), matchStarted(TestKafka.newId(), after, after.mentorId)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            progress(before).body("mentorId", equalTo(before.mentorId));
            progress(after).body("mentorId", equalTo(after.mentorId));
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(TestKafka.readAll(bootstrap, Topics.deadLetter("progress"), Duration.ofSeconds(1)))
                        .filteredOn(record -> poisonId.equals(TestKafka.header(record, "ce_id")))
                        .singleElement().satisfies(record -> assertThat(TestKafka.header(record, "dead-letter-reason")).isNotBlank()));
        as("program-office", "office").get("/apprentices/" + poisoned.apprenticeId + "/progress").then().statusCode(404);
    }

    @Test
    void event_types_the_service_does_not_consume_are_acknowledged_without_being_stored() {
        String cohortId = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.MATCHING, cohortId,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.COHORT_OPENED.ceType(), "/matching-service", cohortId),
                "{\"cohortId\":\"" + cohortId + "\",\"name\":\"Spring\",\"openedAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get(metrics).then().extract().asString())
                .containsPattern("inbox_skipped_total\\{[^}]*\\} [1-9]"));
    }

    @Test
    void an_event_type_on_a_topic_its_publisher_does_not_own_is_parked_with_the_reason() throws Exception {
        // A graduation is progress-service's to announce; on matching-service's topic it is a forgery or a mistake.
        String key = TestKafka.newId();
        String eventId = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.MATCHING, key,
                TestKafka.cloudEvent(eventId, Contracts.APPRENTICE_GRADUATED.ceType(), "/progress-service", key), "{}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(TestKafka.readAll(bootstrap, Topics.deadLetter("progress"), Duration.ofSeconds(1)))
                        .filteredOn(record -> eventId.equals(TestKafka.header(record, "ce_id")))
                        .singleElement().satisfies(record -> assertThat(TestKafka.header(record, "dead-letter-reason"))
                                .isEqualTo("Type mentorship.progress.ApprenticeGraduated.v1 is published on mentorship.progress.events only, "
                                        + "not on mentorship.matching.events")));
        assertThat(inbox(eventId)).isZero();
    }

    @Test
    void a_consumed_type_no_read_model_uses_yet_is_kept_in_the_local_log() throws Exception {
        String mentorId = TestKafka.newId();
        String eventId = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.MATCHING, mentorId,
                TestKafka.cloudEvent(eventId, Contracts.MENTOR_REGISTERED.ceType(), "/matching-service", mentorId),
                "{\"mentorId\":\"" + mentorId + "\",\"sreExperienceYears\":4,\"skills\":[\"observability\"],"
                        + "\"timezone\":\"Europe/Berlin\",\"capacity\":2,\"registeredAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged(mentorId)).containsExactly(eventId + "@1"));
    }

    private int inbox(String eventId) throws Exception {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement inbox = connection.prepareStatement("select count(*) from inbox where event_id = ?::uuid")) {
            inbox.setString(1, eventId);
            try (ResultSet rows = inbox.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void an_admin_rebuilds_the_read_model_from_the_local_log() {
        Pair pair = Pair.random();
        publishMatchStarted(TestKafka.newId(), pair, pair.mentorId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> progress(pair).statusCode(200));

        as("program-office", "office").post("/admin/projections/journey/rebuild").then().statusCode(403);
        as("admin", "root").post("/admin/projections/nope/rebuild").then().statusCode(404);
        as("admin", "root").post("/admin/projections/journey/rebuild").then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> progress(pair).body("mentorId", equalTo(pair.mentorId)));
        as("admin", "root").get("/admin/projections").then().statusCode(200).body("'journey'", equalTo(0));
    }

    private io.restassured.response.ValidatableResponse progress(Pair pair) {
        return as("program-office", "office").get("/apprentices/" + pair.apprenticeId + "/progress").then().statusCode(200);
    }

    private void publishMatchStarted(String eventId, Pair pair, String mentorId) {
        TestKafka.publishTogether(bootstrap, List.of(matchStarted(eventId, pair, mentorId)));
    }

    private static ProducerRecord<String, String> matchStarted(String eventId, Pair pair, String mentorId) {
        String cohortId = TestKafka.newId();
        String body = String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"%s\","
                        + "\"apprenticeSubject\":\"%s\",\"cohortId\":\"%s\",\"startedAt\":\"%s\"}",
                pair.matchId, mentorId, pair.apprenticeId, pair.mentorSubject, pair.apprenticeSubject, cohortId, Instant.now());
        return TestKafka.record(Topics.MATCHING, pair.matchId,
                TestKafka.cloudEvent(eventId, Contracts.MATCH_STARTED.ceType(), "/matching-service", pair.matchId), body);
    }

    private static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject));
    }

    record Pair(String matchId, String mentorId, String apprenticeId, String mentorSubject, String apprenticeSubject) {

        static Pair random() {
            return new Pair(TestKafka.newId(), TestKafka.newId(), TestKafka.newId(), "m-" + TestKafka.newId(), "a-" + TestKafka.newId());
        }
    }
}
