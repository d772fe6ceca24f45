package dev.mentorship.progress.curriculum;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class CurriculumResourceTest {

    @Test
    void the_shipped_catalogue_is_version_one_and_each_publication_becomes_current() {
        // Version 1 is the catalogue the service ships, published the first time the catalogue is asked for.
        as("apprentice", "padawan").get("/curricula/1").then().statusCode(200).body("publishedBy", equalTo("progress-service"))
                .body("milestonesPerMode.keySet()", hasItems("TRAINING", "SHADOWING", "PRACTICE", "COMMUNITY"))
                .body("milestones.id", hasItems("trace-the-failing-endpoint", "shadow-on-call", "daily-metrics-email", "lunch-and-learn"))
                .body("milestones.find { it.id == 'shadow-on-call' }.shadowShifts", equalTo(4));
        as("apprentice", "padawan").get("/curricula/current").then().statusCode(200).header("ETag", notNullValue());

        int before = current().path("version");
        ExtractableResponse<Response> published = as("program-office", "office-1").body(catalogue("blackhole-experiment", "peer-mentor"))
                .post("/curricula").then().statusCode(201).extract();
        int version = published.path("version");

        org.assertj.core.api.Assertions.assertThat(version).isEqualTo(before + 1);
        org.assertj.core.api.Assertions.assertThat(published.header("Location")).endsWith("/curricula/" + version);
        as("mentor", "jedi").get("/curricula/current").then().statusCode(200).body("version", equalTo(version))
                .body("publishedBy", equalTo("office-1")).body("milestones.id", equalTo(List.of("blackhole-experiment", "peer-mentor")));
        // Earlier versions stay readable: apprentices who started on them follow them.
        as("mentor", "jedi").get("/curricula/1").then().statusCode(200).body("milestones.size()", equalTo(10));
    }

    @Test
    void publishing_what_is_current_again_writes_nothing() {
        as("program-office", "office-1").body(catalogue("draft-a-postmortem")).post("/curricula").then().statusCode(201);
        int version = current().path("version");

        as("program-office", "office-1").body(catalogue("draft-a-postmortem")).post("/curricula").then().statusCode(200)
                .body("version", equalTo(version));
        as("admin", "root").get("/curricula/" + (version + 1)).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_publication_made_meanwhile_is_a_412_for_a_stale_if_match() {
        String etag = as("program-office", "office-1").get("/curricula/current").then().statusCode(200).extract().header("ETag");
        as("program-office", "office-2").body(catalogue("study-hall")).post("/curricula").then().statusCode(201);

        as("program-office", "office-1").header("If-Match", etag).body(catalogue("lunch-and-learn")).post("/curricula")
                .then().statusCode(412).contentType("application/problem+json");
        as("program-office", "office-1").get("/curricula/current").then().body("milestones.id", equalTo(List.of("study-hall")));
    }

    @Test
    void only_the_program_office_and_admins_publish_and_everyone_signed_in_reads() {
        for (String role : List.of("apprentice", "mentor")) {
            as(role, "someone").body(catalogue("study-hall")).post("/curricula").then().statusCode(403).contentType("application/problem+json");
        }
        as("admin", "root").body(catalogue("peer-mentor")).post("/curricula").then().statusCode(201);
        given().get("/curricula/current").then().statusCode(401);
        given().contentType(ContentType.JSON).body(catalogue("study-hall")).post("/curricula").then().statusCode(401);
    }

    @Test
    void a_catalogue_that_breaks_a_rule_is_a_400_and_changes_nothing() {
        Object before = current().path("milestones.id");
        List<Object> bad = List.of(
                Map.of("milestones", List.of()),
                Map.of("milestones", List.of(milestone("study-hall", "COMMUNITY", true), milestone("study-hall", "PRACTICE", true))),
                Map.of("milestones", List.of(milestone("Study Hall", "COMMUNITY", true))),
                Map.of("milestones", List.of(milestone("study-hall", "GARDENING", true))),
                Map.of("milestones", List.of(milestone("study-hall", "COMMUNITY", false))),
                Map.of("milestones", List.of(Map.of("id", "study-hall", "mode", "COMMUNITY", "required", true))),
                Map.of("milestones", List.of(withShifts(milestone("study-hall", "COMMUNITY", true), 4))));
        for (Object body : bad) {
            as("program-office", "office-1").body(body).post("/curricula").then().statusCode(400).contentType("application/problem+json");
        }
        as("program-office", "office-1").contentType(ContentType.JSON).body("{\"milestones\":").post("/curricula").then().statusCode(400);
        org.assertj.core.api.Assertions.assertThat((Object) current().path("milestones.id")).isEqualTo(before);
    }

    @Test
    void a_version_that_is_not_a_number_or_not_published_is_a_404() {
        as("apprentice", "padawan").get("/curricula/0").then().statusCode(404).body("detail", containsString("numbered from 1"));
        as("apprentice", "padawan").get("/curricula/latest").then().statusCode(404).contentType("application/problem+json");
        as("apprentice", "padawan").get("/curricula/99999").then().statusCode(404);
    }

    private static ExtractableResponse<Response> current() {
        return as("program-office", "office-1").get("/curricula/current").then().statusCode(200).extract();
    }

    private static Map<String, Object> catalogue(String... ids) {
        return Map.of("milestones", java.util.Arrays.stream(ids).map(id -> milestone(id, "COMMUNITY", true)).toList());
    }

    private static Map<String, Object> milestone(String id, String mode, boolean required) {
        return Map.of("id", id, "mode", mode, "title", "Title of " + id, "description", "What " + id + " is", "required", required,
                "evidence", "What shows it is done");
    }

    private static Map<String, Object> withShifts(Map<String, Object> milestone, int shifts) {
        Map<String, Object> with = new java.util.HashMap<>(milestone);
        with.put("shadowShifts", shifts);
        return with;
    }

    private static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject)).contentType(ContentType.JSON);
    }
}
