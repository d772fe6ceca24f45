package dev.mentorship.matching;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cohort's start date, matching weights and owners, and rounds that use the cohort's weights. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class CohortSettingsTest {

    @Test
    void a_cohort_keeps_its_start_date_weights_and_owners() {
        String id = office().body(Map.of("name", "Autumn", "startDate", "2027-09-01",
                        "weights", Map.of("goals", 2, "workingHours", 1), "owners", List.of("office-anna", "office-ben")))
                .post("/cohorts").then().statusCode(201).extract().path("id");
        office().get("/cohorts/" + id).then().statusCode(200)
                .body("startDate", equalTo("2027-09-01"))
                .body("weights.goals", equalTo(2.0f)).body("weights.workingHours", equalTo(1.0f))
                .body("weights.availability", equalTo(0.1f)) // absent: the standard value
                .body("owners", contains("office-anna", "office-ben"));

        // Without owners, it has none: the whole program office manages it (CohortOwnersTest).
        String shared = Api.cohort();
        office().get("/cohorts/" + shared).then().body("owners", org.hamcrest.Matchers.empty())
                .body("weights.goals", equalTo(0.6f));
    }

    @Test
    void weights_and_owners_change_with_optimistic_concurrency() {
        String id = Api.cohort();
        String etag = office().get("/cohorts/" + id).then().extract().header("ETag");

        String changed = office().header("If-Match", etag).body(Map.of("availability", 0.5)).put("/cohorts/" + id + "/matching-weights")
                .then().statusCode(200).body("weights.availability", equalTo(0.5f)).body("weights.goals", equalTo(0.6f))
                .extract().header("ETag");
        assertThat(changed).isNotEqualTo(etag);
        // Someone else changed it since the first read: 412, nothing written.
        office().header("If-Match", etag).body(Map.of("goals", 9)).put("/cohorts/" + id + "/matching-weights").then().statusCode(412)
                .contentType("application/problem+json");
        office().get("/cohorts/" + id).then().body("weights.goals", equalTo(0.6f));

        as("admin", "root").body(Map.of("owners", List.of("office-carla"))).put("/cohorts/" + id + "/owners").then().statusCode(200)
                .body("owners", contains("office-carla"));
        office().get("/cohorts/" + id).then().body("owners", contains("office-carla")).body("weights.availability", equalTo(0.5f));
    }

    @Test
    void bad_settings_are_refused_with_a_reason_and_change_nothing() {
        String id = Api.cohort();
        office().body(Map.of("goals", -1)).put("/cohorts/" + id + "/matching-weights").then().statusCode(400)
                .contentType("application/problem+json");
        office().body(Map.of("goals", 0, "workingHours", 0, "availability", 0)).put("/cohorts/" + id + "/matching-weights")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("above zero"));
        office().body("{\"goals\": \"lots\"}").put("/cohorts/" + id + "/matching-weights").then().statusCode(400)
                .contentType("application/problem+json");
        office().body(Map.of("owners", List.of("office-anna", " "))).put("/cohorts/" + id + "/owners").then().statusCode(400)
                .contentType("application/problem+json");
        office().body("{}").put("/cohorts/" + id + "/owners").then().statusCode(400).contentType("application/problem+json");
        office().body(Map.of("name", "Bad", "weights", Map.of("goals", 0, "workingHours", 0, "availability", 0))).post("/cohorts")
                .then().statusCode(400).contentType("application/problem+json");
        office().get("/cohorts/" + id).then().body("weights.goals", equalTo(0.6f)).body("owners", org.hamcrest.Matchers.empty());

        String unknown = UUID.randomUUID().toString();
        office().body(Map.of("goals", 1)).put("/cohorts/" + unknown + "/matching-weights").then().statusCode(404)
                .contentType("application/problem+json");
        office().body(Map.of("owners", List.of("x"))).put("/cohorts/" + unknown + "/owners").then().statusCode(404);
        office().body(Map.of("goals", 1)).put("/cohorts/not-an-id/matching-weights").then().statusCode(404)
                .contentType("application/problem+json"); // a malformed id names no cohort, as elsewhere in the API

        as("mentor", unique("jedi")).body(Map.of("goals", 1)).put("/cohorts/" + id + "/matching-weights").then().statusCode(403);
        as("apprentice", unique("padawan")).body(Map.of("owners", List.of("me"))).put("/cohorts/" + id + "/owners").then().statusCode(403);
    }

    @Test
    void a_round_uses_the_cohorts_weights_unless_it_names_its_own() {
        String cohort = office().body(Map.of("name", "Weighted", "weights", Map.of("goals", 1, "workingHours", 0, "availability", 0)))
                .post("/cohorts").then().statusCode(201).extract().path("id");
        // Covers both goals but works while the apprentice sleeps; the other covers one goal in the apprentice's hours.
        String farButComplete = Api.mentor(unique("jedi"), List.of("storage", "load-balancing"), "America/Los_Angeles", 1);
        String nearButPartial = Api.mentor(unique("jedi"), List.of("storage"), "Europe/Berlin", 1);
        String apprentice = Api.apprentice(unique("padawan"), cohort, List.of("storage", "load-balancing"), "Europe/Berlin");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                office().get("/cohorts/" + cohort + "/unmatched").then().statusCode(200).body("$", hasSize(1)));

        JsonPath goalsFirst = office().post("/cohorts/" + cohort + "/matching-rounds").then().statusCode(201).extract().jsonPath();
        assertThat(goalsFirst.getDouble("weights.goals")).isEqualTo(1.0);
        assertThat(goalsFirst.getString("proposals.find { it.apprenticeId == '" + apprentice + "' }.mentorId")).isEqualTo(farButComplete);

        office().body(Map.of("goals", 0.1, "workingHours", 0.9)).put("/cohorts/" + cohort + "/matching-weights").then().statusCode(200);
        JsonPath hoursFirst = office().post("/cohorts/" + cohort + "/matching-rounds").then().statusCode(201).extract().jsonPath();
        assertThat(hoursFirst.getString("proposals.find { it.apprenticeId == '" + apprentice + "' }.mentorId")).isEqualTo(nearButPartial);

        // A round's own weights win over the cohort's.
        JsonPath overridden = office().body(Map.of("weights", Map.of("goals", 1, "workingHours", 0, "availability", 0)))
                .post("/cohorts/" + cohort + "/matching-rounds").then().statusCode(201).extract().jsonPath();
        assertThat(overridden.getString("proposals.find { it.apprenticeId == '" + apprentice + "' }.mentorId")).isEqualTo(farButComplete);
    }
}
