package dev.mentorship.matching;

import static dev.mentorship.matching.Api.apprenticeBody;
import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.cohort;
import static dev.mentorship.matching.Api.mentorBody;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A create sent again with the same {@code Idempotency-Key}, as a client does when it did not learn
 * the outcome of the first (a timeout, a 503 while the commit was under way), answers with the object
 * the first one created and writes nothing more; the same key with a different request is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class IdempotencyKeyTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource jdbc;

    @TestHTTPResource("/apprentices")
    URL apprentices;

    @Test
    void a_repeated_create_answers_the_first_objects_id_and_location_and_writes_nothing() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "Cohort " + key);

        ExtractableResponse<Response> first = post("/cohorts", key, body).then().statusCode(201).extract();
        ExtractableResponse<Response> again = post("/cohorts", key, body).then().statusCode(201).extract();

        String id = first.path("id");
        assertThat((String) again.path("id")).isEqualTo(id);
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).endsWith("/cohorts/" + id);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(count("select count(*) from events where stream_id = ?", "cohort-" + id)).isEqualTo(1);
    }

    @Test
    void a_replay_carries_the_version_the_object_has_now() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "Cohort " + key);
        String id = post("/cohorts", key, body).then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
        office().body(Map.of("owners", List.of("office-1", "office-2"))).put("/cohorts/" + id + "/owners").then().statusCode(200);

        post("/cohorts", key, body).then().statusCode(201).header("ETag", "\"2\"").header("Idempotent-Replayed", "true");

        assertThat(count("select count(*) from events where stream_id = ?", "cohort-" + id)).isEqualTo(2);
    }

    @Test
    void the_same_key_with_a_different_request_is_refused_and_changes_nothing() throws Exception {
        String key = UUID.randomUUID().toString();
        String id = post("/cohorts", key, Map.of("name", "Original " + key)).then().statusCode(201).extract().path("id");

        post("/cohorts", key, Map.of("name", "Something else " + key)).then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/idempotency-key-reused"))
                .body("detail", containsString(id));

        assertThat(count("select count(*) from events where stream_id = ?", "cohort-" + id)).isEqualTo(1);
        office().get("/cohorts/" + id).then().statusCode(200).body("name", equalTo("Original " + key));
    }

    @Test
    void a_key_belongs_to_its_caller_and_to_one_kind_of_create() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "Shared key " + key);

        String mine = post("/cohorts", key, body).then().statusCode(201).extract().path("id");
        String theirs = as("program-office", "office-2").header("Idempotency-Key", key).body(body).post("/cohorts")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
        String mentor = post("/mentors", key, mentorBody(unique("jedi"))).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");

        assertThat(Set.of(mine, theirs, mentor)).hasSize(3);
    }

    @Test
    void without_a_key_every_create_is_a_new_object() {
        Map<String, Object> body = Map.of("name", "Keyless " + UUID.randomUUID());

        String first = office().body(body).post("/cohorts").then().statusCode(201).extract().path("id");
        String second = office().body(body).post("/cohorts").then().statusCode(201).extract().path("id");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void registrations_and_proposals_repeat_without_a_duplicate_e_mail_or_a_second_person() throws Exception {
        String mentorSubject = unique("jedi");
        String apprenticeSubject = unique("padawan");
        String cohortId = cohort();
        String mentorKey = UUID.randomUUID().toString();
        String apprenticeKey = UUID.randomUUID().toString();
        String matchKey = UUID.randomUUID().toString();

        String mentorId = post("/mentors", mentorKey, mentorBody(mentorSubject)).then().statusCode(201).extract().path("id");
        String apprenticeId = post("/apprentices", apprenticeKey, apprenticeBody(apprenticeSubject, cohortId)).then().statusCode(201)
                .extract().path("id");
        Map<String, Object> match = Map.of("mentorId", mentorId, "apprenticeId", apprenticeId);
        String matchId = post("/matches", matchKey, match).then().statusCode(201).extract().path("id");

        post("/mentors", mentorKey, mentorBody(mentorSubject)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(mentorId));
        post("/apprentices", apprenticeKey, apprenticeBody(apprenticeSubject, cohortId)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(apprenticeId));
        post("/matches", matchKey, match).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(matchId));

        assertThat(count("select count(*) from people where email in (?, ?)", mentorSubject + "@example.com",
                apprenticeSubject + "@example.com")).isEqualTo(2);
        assertThat(count("select count(*) from events where stream_id in (?, ?, ?)", "mentor-" + mentorId,
                "apprentice-" + apprenticeId, "match-" + matchId)).isEqualTo(3);
        // Without the key, the same registration is the duplicate it is.
        office().body(mentorBody(mentorSubject)).post("/mentors").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void repeats_sent_at_the_same_time_all_answer_the_one_object_they_created() throws Exception {
        String key = UUID.randomUUID().toString();
        String subject = unique("padawan");
        String cohortId = cohort();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(apprenticeBody(subject, cohortId));
        String token = DevTokens.mint("program-office", "office-1");
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(URI.create(apprentices.toString()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        Set<String> answers = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            answers.add(answer.body());
        }

        assertThat(answers).hasSize(1);
        assertThat(count("select count(*) from people where email = ?", subject + "@example.com")).isEqualTo(1);
        assertThat(count("select count(*) from events where stream_id like 'apprentice-%' and payload->>'subject' = ?", subject))
                .isEqualTo(1);
    }

    @Test
    void a_malformed_key_is_a_400_problem_and_creates_nothing() throws Exception {
        String name = "Bad key " + UUID.randomUUID();
        for (String key : List.of("", "   ", "x".repeat(256), "two words", "clé")) {
            ExtractableResponse<Response> answer = post("/cohorts", key, Map.of("name", name)).then().extract();
            assertThat(answer.statusCode()).as("Idempotency-Key [%s]", key).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo(PROBLEM);
            assertThat(answer.<String>path("detail")).contains("Idempotency-Key");
        }
        assertThat(count("select count(*) from events where stream_id like 'cohort-%' and payload->>'name' = ?", name)).isZero();
    }

    @Test
    void a_key_written_as_a_structured_field_string_is_the_same_key() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "Quoted " + key);

        String bare = post("/cohorts", key, body).then().statusCode(201).extract().path("id");

        post("/cohorts", "\"" + key + "\"", body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(bare));
    }

    @Test
    void the_openapi_document_offers_the_header_on_every_create() {
        for (String path : List.of("/cohorts", "/mentors", "/apprentices", "/matches")) {
            io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .body("paths.'" + path + "'.post.parameters.find { it.name == 'Idempotency-Key' }.in", equalTo("header"));
        }
    }

    private static Response post(String path, String key, Map<String, Object> body) {
        return office().header("Idempotency-Key", key).body(body).post(path);
    }

    private long count(String sql, String... parameters) throws Exception {
        return StoredEvents.count(jdbc, sql, parameters);
    }
}
