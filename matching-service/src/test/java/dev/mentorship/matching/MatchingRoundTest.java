package dev.mentorship.matching;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class MatchingRoundTest {

    @Test
    void a_round_proposes_explains_publishes_and_a_decline_excludes_the_pair_next_time() {
        String cohort = Api.cohort();
        String kubeSubject = unique("jedi");
        String kube = mentor(kubeSubject, List.of("kubernetes", "observability"), "America/New_York", 1);
        String obs = mentor(unique("jedi"), List.of("observability"), "America/New_York", 1);
        String wantsKube = apprentice(unique("padawan"), cohort, List.of("kubernetes"));
        String wantsObsSubject = unique("padawan");
        String wantsObs = apprentice(wantsObsSubject, cohort, List.of("observability"));
        String wantsDb = apprentice(unique("padawan"), cohort, List.of("databases"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                office().get("/cohorts/" + cohort + "/unmatched").then().statusCode(200).body("$", hasSize(3)));

        JsonPath draft = office().post("/cohorts/" + cohort + "/matching-rounds").then().statusCode(201).extract().jsonPath();

        Map<String, String> assigned = new HashMap<>();
        draft.getList("proposals", Map.class).forEach(p -> assigned.put((String) p.get("apprenticeId"), (String) p.get("mentorId")));
        assertThat(assigned).containsEntry(wantsKube, kube).containsEntry(wantsObs, obs).doesNotContainKey(wantsDb);
        assertThat(draft.getList("proposals[0].factors.name")).contains("goals-covered", "working-hours-overlap", "mentor-availability");
        assertThat(draft.getString("unmatched.find { it.apprenticeId == '" + wantsDb + "' }.reason")).contains("no active mentor offers");
        // Drafts are cheap: nothing is proposed until publication.
        as("mentor", kubeSubject).get("/mentors/" + kube + "/proposals").then().statusCode(200).body("$", hasSize(0));

        String roundId = draft.getString("id");
        office().post("/cohorts/" + cohort + "/matching-rounds/" + roundId + "/publish").then().statusCode(200).body("matches", hasSize(2));
        office().post("/cohorts/" + cohort + "/matching-rounds/" + roundId + "/publish").then().statusCode(409);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                as("mentor", kubeSubject).get("/mentors/" + kube + "/proposals").then().statusCode(200)
                        .body("$", hasSize(1)).body("[0].apprenticeId", equalTo(wantsKube)));
        as("mentor", unique("stranger")).get("/mentors/" + kube + "/proposals").then().statusCode(403);

        String declined = as("mentor", kubeSubject).get("/mentors/" + kube + "/proposals").then().extract().path("[0].matchId");
        as("apprentice", unique("not-in-match")).body(Map.of("reason", "x")).post("/matches/" + declined + "/decline").then().statusCode(403);
        as("mentor", kubeSubject).body(Map.of("reason", "on parental leave next month")).post("/matches/" + declined + "/decline")
                .then().statusCode(200).body("status", equalTo("DECLINED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                office().get("/cohorts/" + cohort + "/unmatched").then().statusCode(200).body("apprenticeId", org.hamcrest.Matchers.hasItem(wantsKube)));

        JsonPath next = office().post("/cohorts/" + cohort + "/matching-rounds").then().statusCode(201).extract().jsonPath();
        assertThat(next.getList("proposals.apprenticeId")).doesNotContain(wantsKube);
        assertThat(next.getString("unmatched.find { it.apprenticeId == '" + wantsKube + "' }.reason")).contains("excluded");
    }

    @Test
    void lists_answer_csv_too() {
        String cohort = Api.cohort();
        apprentice(unique("padawan"), cohort, List.of("linux"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                office().accept("text/csv").get("/cohorts/" + cohort + "/unmatched").then().statusCode(200)
                        .contentType(containsString("text/csv"))
                        .body(containsString("apprenticeId")).body(containsString("linux")));
    }

    @Test
    void bad_round_input_is_rejected() {
        office().post("/cohorts/" + java.util.UUID.randomUUID() + "/matching-rounds").then().statusCode(404);
        office().body(Map.of("weights", Map.of("goals", -1))).post("/cohorts/" + Api.cohort() + "/matching-rounds").then().statusCode(400);
        as("mentor", "m").post("/cohorts/" + Api.cohort() + "/matching-rounds").then().statusCode(403);
        office().post("/cohorts/" + Api.cohort() + "/matching-rounds/" + java.util.UUID.randomUUID() + "/publish").then().statusCode(404);
    }

    @Test
    void a_pin_the_round_cannot_honour_is_refused_with_the_reason() {
        String cohort = Api.cohort();
        String mentor = mentor(unique("jedi"), List.of("observability"), "America/New_York", 1);
        String first = apprentice(unique("padawan"), cohort, List.of("observability"));
        String second = apprentice(unique("padawan"), cohort, List.of("observability"));
        String elsewhere = apprentice(unique("padawan"), Api.cohort(), List.of("observability"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                office().get("/cohorts/" + cohort + "/unmatched").then().statusCode(200).body("$", hasSize(2)));
        String rounds = "/cohorts/" + cohort + "/matching-rounds";

        draft(rounds, Map.of("pins", List.of(pair(mentor, first), pair(mentor, second))))
                .statusCode(422).body("detail", containsString("1 free place(s) of 1 and is pinned 2 time(s)"));
        draft(rounds, Map.of("pins", List.of(pair(java.util.UUID.randomUUID().toString(), first))))
                .statusCode(422).body("detail", containsString("not an active mentor"));
        draft(rounds, Map.of("pins", List.of(pair(mentor, elsewhere))))
                .statusCode(422).body("detail", containsString("not waiting for a match in this cohort"));
        draft(rounds, Map.of("pins", List.of(pair(mentor, first)), "blocks", List.of(pair(mentor, first))))
                .statusCode(400).body("detail", containsString("both pinned and blocked"));
        draft(rounds, Map.of("pins", List.of(pair(mentor, first), pair(mentor, first))))
                .statusCode(400).body("detail", containsString("pinned more than once"));
        office().body("{\"pins\":[null]}").post(rounds).then().statusCode(400).contentType("application/problem+json");
        office().body("{\"blocks\":[null]}").post(rounds).then().statusCode(400).contentType("application/problem+json");

        JsonPath honoured = draft(rounds, Map.of("pins", List.of(pair(mentor, second)))).statusCode(201).extract().jsonPath();
        assertThat(honoured.getString("proposals.find { it.apprenticeId == '" + second + "' }.mentorId")).isEqualTo(mentor);
        assertThat(honoured.getBoolean("proposals.find { it.apprenticeId == '" + second + "' }.pinned")).isTrue();
    }

    private static io.restassured.response.ValidatableResponse draft(String rounds, Map<String, Object> body) {
        return office().body(body).post(rounds).then().contentType(containsString("json"));
    }

    private static Map<String, String> pair(String mentorId, String apprenticeId) {
        return Map.of("mentorId", mentorId, "apprenticeId", apprenticeId);
    }

    @Test
    void an_unknown_skill_names_the_valid_ones() {
        Map<String, Object> body = new HashMap<>(Api.mentorBody(unique("m")));
        body.put("skills", List.of("observability", "astrology"));
        office().body(body).post("/mentors").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("astrology")).body("detail", containsString("incident-response"));
    }

    private static String mentor(String subject, List<String> skills, String timezone, int capacity) {
        return Api.mentor(subject, skills, timezone, capacity);
    }

    private static String apprentice(String subject, String cohort, List<String> goals) {
        return Api.apprentice(subject, cohort, goals, "America/New_York");
    }
}
