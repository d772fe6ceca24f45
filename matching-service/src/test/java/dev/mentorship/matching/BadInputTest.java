package dev.mentorship.matching;

import static dev.mentorship.matching.Api.apprentice;
import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.cohort;
import static dev.mentorship.matching.Api.match;
import static dev.mentorship.matching.Api.mentor;
import static dev.mentorship.matching.Api.mentorBody;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformed_json_is_a_400_problem() {
        office().body("{\"name\": ").post("/mentors")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("not valid JSON"));
    }

    @Test
    void a_wrong_type_names_the_field() {
        Map<String, Object> body = new HashMap<>(mentorBody(unique("m")));
        body.put("sreExperienceYears", "lots");
        office().body(body).post("/mentors")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("sreExperienceYears"));
    }

    @Test
    void missing_fields_are_listed() {
        office().body(Map.of("name", "Only a name")).post("/mentors")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("email")).body("detail", containsString("timezone"))
                .body("type", startsWith("https://mentorship.dev/problems/"));
    }

    @Test
    void a_method_the_address_does_not_take_is_a_405_problem_saying_which_it_takes() {
        // RFC 9110 15.5.6: a 405 carries Allow.
        office().delete("/cohorts").then().statusCode(405).contentType(PROBLEM)
                .header("Allow", containsString("POST")).body("detail", containsString("POST"));
        office().put("/mentors/" + UUID.randomUUID()).then().statusCode(405).contentType(PROBLEM)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, PATCH"));
        // Where another resource class shares the start of the address, the REST layer said 404.
        office().delete("/cohorts/" + UUID.randomUUID() + "/matching-rounds").then().statusCode(405).contentType(PROBLEM)
                .header("Allow", equalTo("OPTIONS, POST"));
        // An unknown id, asked with a method its address takes, is still a 404.
        office().get("/mentors/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void an_empty_body_is_a_400() {
        office().post("/cohorts").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void an_invalid_timezone_is_a_400() {
        Map<String, Object> body = new HashMap<>(mentorBody(unique("m")));
        body.put("timezone", "Mars/Olympus_Mons");
        office().body(body).post("/mentors").then().statusCode(400).contentType(PROBLEM).body("detail", containsString("IANA"));
    }

    @Test
    void utc_is_a_time_zone_and_offsets_are_not() {
        Map<String, Object> body = new HashMap<>(mentorBody(unique("m")));
        body.put("timezone", "UTC");
        office().body(body).post("/mentors").then().statusCode(201);
        for (String offset : List.of("+02:00", "GMT+2", "Z", "UTC+1", "europe/berlin")) {
            body = new HashMap<>(mentorBody(unique("m")));
            body.put("timezone", offset);
            office().body(body).post("/mentors").then().statusCode(400).contentType(PROBLEM).body("detail", containsString("IANA"));
        }
    }

    @Test
    void an_update_cannot_empty_what_registration_requires() {
        String mentorId = mentor(unique("m"));
        office().body(Map.of("skills", List.of())).patch("/mentors/" + mentorId)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("skills"));
        office().get("/mentors/" + mentorId).then().statusCode(200).body("skills", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()));

        String apprenticeId = apprentice(unique("a"), cohort());
        office().body(Map.of("goals", List.of())).patch("/apprentices/" + apprenticeId)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("goals"));
        office().get("/apprentices/" + apprenticeId).then().statusCode(200).body("goals", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()));
    }

    @Test
    void too_little_experience_is_a_422_with_the_reason() {
        Map<String, Object> body = new HashMap<>(mentorBody(unique("m")));
        body.put("sreExperienceYears", 1);
        office().body(body).post("/mentors").then().statusCode(422).contentType(PROBLEM).body("detail", containsString("at least 2 years"));
    }

    @Test
    void a_duplicate_email_is_a_409_whatever_its_case() {
        String subject = unique("m");
        mentor(subject);
        Map<String, Object> again = new HashMap<>(mentorBody(unique("m2")));
        again.put("email", (subject + "@example.com").toUpperCase());
        office().body(again).post("/mentors").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void unknown_ids_are_404() {
        String unknown = UUID.randomUUID().toString();
        office().get("/mentors/" + unknown).then().statusCode(404).contentType(PROBLEM);
        office().get("/apprentices/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        office().get("/matches/" + unknown).then().statusCode(404).contentType(PROBLEM);
        office().body(Map.of("mentorId", unknown, "apprenticeId", unknown)).post("/matches")
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("mentor"));
        office().body(Api.apprenticeBody(unique("a"), unknown)).post("/apprentices")
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("cohort"));
        as("mentor", "x").post("/matches/" + unknown + "/accept").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void no_token_is_401_and_a_wrong_role_is_403() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/cohorts").then().statusCode(401);
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON).body(Map.of("name", "x")).post("/cohorts").then().statusCode(401);
        as("mentor", "m").body(Map.of("name", "x")).post("/cohorts").then().statusCode(403).contentType(PROBLEM);
        as("apprentice", "a").body(mentorBody(unique("m"))).post("/mentors").then().statusCode(403);
    }

    @Test
    void a_person_reads_only_their_own_record() {
        String subject = unique("m");
        String id = mentor(subject);
        as("mentor", subject).get("/mentors/" + id).then().statusCode(200).body("subject", equalTo(subject));
        as("mentor", unique("other")).get("/mentors/" + id).then().statusCode(403).contentType(PROBLEM);
        as("apprentice", unique("a")).get("/mentors/" + id).then().statusCode(403);
    }

    @Test
    void a_stale_if_match_is_412_and_a_current_one_goes_through() {
        String mentorSubject = unique("m");
        String matchId = match(mentor(mentorSubject), apprentice(unique("a"), cohort()));
        String etag = office().get("/matches/" + matchId).then().statusCode(200).extract().header("ETag");

        as("mentor", mentorSubject).header("If-Match", "\"7\"").post("/matches/" + matchId + "/accept")
                .then().statusCode(412).contentType(PROBLEM);
        // If-Match compares strongly: the current version sent as a weak tag does not match.
        as("mentor", mentorSubject).header("If-Match", "W/" + etag).post("/matches/" + matchId + "/accept")
                .then().statusCode(412).contentType(PROBLEM).body("detail", containsString("weak"));
        as("mentor", mentorSubject).header("If-Match", etag).post("/matches/" + matchId + "/accept")
                .then().statusCode(200).header("ETag", "\"2\"");
        as("mentor", mentorSubject).header("If-Match", "garbage").post("/matches/" + matchId + "/accept")
                .then().statusCode(400).contentType(PROBLEM);
    }
}
