package dev.mentorship.matching;

import static dev.mentorship.matching.Api.apprentice;
import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.cohort;
import static dev.mentorship.matching.Api.match;
import static dev.mentorship.matching.Api.mentor;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class LifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    record Started(String matchId, String mentorId, String apprenticeId, String mentorSubject, String apprenticeSubject, String cohortId) {
    }

    private Started started() {
        String mentorSubject = unique("jedi");
        String apprenticeSubject = unique("padawan");
        String cohortId = cohort();
        String mentorId = mentor(mentorSubject);
        String apprenticeId = apprentice(apprenticeSubject, cohortId);
        String matchId = match(mentorId, apprenticeId);
        as("mentor", mentorSubject).post("/matches/" + matchId + "/accept").then().statusCode(200);
        as("apprentice", apprenticeSubject).post("/matches/" + matchId + "/accept").then().statusCode(200).body("status", equalTo("STARTED"));
        return new Started(matchId, mentorId, apprenticeId, mentorSubject, apprenticeSubject, cohortId);
    }

    @Test
    void pausing_or_offboarding_a_mentor_ends_their_pending_proposals_but_not_their_running_matches() {
        String cohortId = cohort();
        String mentorSubject = unique("jedi");
        String mentorId = mentor(mentorSubject);
        office().body(Map.of("capacity", 3)).put("/mentors/" + mentorId + "/capacity").then().statusCode(200);
        String runningApprentice = unique("padawan");
        String running = match(mentorId, apprentice(runningApprentice, cohortId));
        as("mentor", mentorSubject).post("/matches/" + running + "/accept").then().statusCode(200);
        as("apprentice", runningApprentice).post("/matches/" + running + "/accept").then().statusCode(200);
        String waitingApprentice = unique("padawan");
        String pending = match(mentorId, apprentice(waitingApprentice, cohortId));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/mentors/" + mentorId + "/proposals").then()
                .statusCode(200).body("matchId", hasItem(pending)));

        office().body(Map.of("status", "PAUSED")).patch("/mentors/" + mentorId).then().statusCode(200).body("status", equalTo("PAUSED"));

        office().get("/matches/" + pending).then().statusCode(200).body("status", equalTo("ENDED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().queryParam("cohortId", cohortId).get("/matches").then()
                .statusCode(200).body("find { it.matchId == '" + pending + "' }.endReason", equalTo("ENDED_BY_PROGRAM_OFFICE")));
        office().get("/matches/" + running).then().statusCode(200).body("status", equalTo("STARTED"));
        // The apprentice whose proposal ended waits for the next round again; accepting the old proposal is refused.
        as("apprentice", waitingApprentice).post("/matches/" + pending + "/accept").then().statusCode(409);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/cohorts/" + cohortId + "/unmatched").then()
                .statusCode(200).body("$", org.hamcrest.Matchers.hasSize(1)));

        // Offboarding does the same to a proposal made while paused.
        office().body(Map.of("status", "ACTIVE")).patch("/mentors/" + mentorId).then().statusCode(200);
        String later = match(mentorId, apprentice(unique("padawan"), cohortId));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/mentors/" + mentorId + "/proposals").then()
                .statusCode(200).body("matchId", hasItem(later)));
        office().post("/mentors/" + mentorId + "/offboard").then().statusCode(200);
        office().get("/matches/" + later).then().statusCode(200).body("status", equalTo("ENDED"));
        office().get("/matches/" + running).then().statusCode(200).body("status", equalTo("STARTED"));
    }

    @Test
    void capacity_pause_and_offboarding_change_the_mentor() {
        String mentorId = mentor(unique("jedi"));
        office().body(Map.of("capacity", 4)).put("/mentors/" + mentorId + "/capacity").then().statusCode(200).body("capacity", equalTo(4));
        office().body(Map.of("capacity", 0)).put("/mentors/" + mentorId + "/capacity").then().statusCode(400);
        office().body(Map.of("status", "PAUSED", "pledgedQualities", List.of("CHECKS_IN", "ADVOCATES")))
                .patch("/mentors/" + mentorId).then().statusCode(200).body("status", equalTo("PAUSED"));
        office().get("/mentors/" + mentorId).then().statusCode(200)
                .body("pledgedQualities", hasItem("ADVOCATES")).body("status", equalTo("PAUSED"));
        office().body(Map.of("pledgedQualities", List.of("FLATTERS"))).patch("/mentors/" + mentorId)
                .then().statusCode(400).contentType("application/problem+json");
        office().post("/mentors/" + mentorId + "/offboard").then().statusCode(200).body("status", equalTo("OFFBOARDED"));
        office().body(Map.of("capacity", 2)).put("/mentors/" + mentorId + "/capacity").then().statusCode(409);
        as("mentor", "anyone").post("/mentors/" + mentorId + "/offboard").then().statusCode(403);

        // Other tests' mentors share the list: walk its pages rather than hope this one is on the first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Api.everyRow(Api::office, "/mentors?limit=500"))
                .filteredOn(row -> mentorId.equals(row.get("mentorId"))).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "OFFBOARDED").containsEntry("capacity", 4)));
    }

    @Test
    void withdrawing_an_apprentice_ends_their_match() {
        Started s = started();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/matches?cohortId=" + s.cohortId())
                .then().statusCode(200).body("[0].status", equalTo("STARTED")));

        office().body(Map.of("reason", "moved to another team")).post("/apprentices/" + s.apprenticeId() + "/withdraw")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));

        office().get("/matches/" + s.matchId()).then().statusCode(200).body("status", equalTo("ENDED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/matches?cohortId=" + s.cohortId())
                .then().statusCode(200).body("[0].endReason", equalTo("WITHDRAWN")));
        office().body(Map.of("reason", "again")).post("/apprentices/" + s.apprenticeId() + "/withdraw").then().statusCode(200);
        office().body(Map.of("goals", List.of("linux"))).patch("/apprentices/" + s.apprenticeId()).then().statusCode(409);
    }

    @Test
    void a_safety_concern_puts_the_match_under_review_and_a_rematch_excludes_the_pair() {
        Started s = started();
        String concern = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.FEEDBACK, concern,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.SAFETY_CONCERN_RAISED.ceType(), "/feedback-service", concern),
                "{\"concernId\":\"" + concern + "\",\"matchId\":\"" + s.matchId() + "\",\"raisedAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                office().get("/matches/" + s.matchId()).then().statusCode(200).body("status", equalTo("UNDER_REVIEW")));
        as("mentor", s.mentorSubject()).body(Map.of("decision", "KEEP")).post("/matches/" + s.matchId() + "/review").then().statusCode(403);
        office().body(Map.of("decision", "MAYBE")).post("/matches/" + s.matchId() + "/review").then().statusCode(400);
        office().body(Map.of("decision", "REMATCH", "note", "pair did not work")).post("/matches/" + s.matchId() + "/review")
                .then().statusCode(200).body("status", equalTo("ENDED"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/cohorts/" + s.cohortId() + "/unmatched")
                .then().statusCode(200).body("apprenticeId", hasItem(s.apprenticeId())));
        var draft = office().post("/cohorts/" + s.cohortId() + "/matching-rounds").then().statusCode(201).extract().jsonPath();
        // The apprentice is in the round again, but never with the mentor the rematch separated them from.
        List<String> proposedMentors = draft.getList("proposals.findAll { it.apprenticeId == '" + s.apprenticeId() + "' }.mentorId");
        List<String> unmatched = draft.getList("unmatched.apprenticeId");
        assertThat(proposedMentors.size() + (unmatched.contains(s.apprenticeId()) ? 1 : 0)).isEqualTo(1);
        assertThat(proposedMentors).doesNotContain(s.mentorId());
        List<String> notChosen = draft.getList("proposals.findAll { it.apprenticeId == '" + s.apprenticeId()
                + "' }.higherScoringNotChosen.flatten().findAll { it.mentorId == '" + s.mentorId() + "' }.reason");
        assertThat(notChosen).allSatisfy(reason -> assertThat(reason).contains("rematch"));
    }

    @Test
    void the_program_office_keeps_a_reviewed_match() {
        Started s = started();
        String concern = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.FEEDBACK, concern,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.SAFETY_CONCERN_RAISED.ceType(), "/feedback-service", concern),
                "{\"concernId\":\"" + concern + "\",\"matchId\":\"" + s.matchId() + "\",\"raisedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                office().get("/matches/" + s.matchId()).then().body("status", equalTo("UNDER_REVIEW")));
        office().body(Map.of("decision", "KEEP")).post("/matches/" + s.matchId() + "/review").then().statusCode(200)
                .body("status", equalTo("STARTED"));
    }

    @Test
    void a_graduation_ends_the_match_and_makes_the_apprentice_an_alumnus() {
        Started s = started();
        TestKafka.publish(bootstrap, Topics.PROGRESS, s.apprenticeId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.APPRENTICE_GRADUATED.ceType(), "/progress-service", s.apprenticeId()),
                "{\"apprenticeId\":\"" + s.apprenticeId() + "\",\"matchId\":\"" + s.matchId() + "\",\"graduatedAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                office().get("/matches/" + s.matchId()).then().statusCode(200).body("status", equalTo("ENDED")));
        office().get("/apprentices/" + s.apprenticeId()).then().statusCode(200).body("status", equalTo("GRADUATED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/matches?cohortId=" + s.cohortId())
                .then().body("[0].endReason", equalTo("GRADUATED")));
        office().get("/cohorts/" + s.cohortId() + "/time-to-match").then().statusCode(200)
                .body("matched", equalTo(1)).body("medianDays", equalTo(0.0f));
    }

    @Test
    void a_graduation_for_an_unknown_match_changes_nothing_and_blocks_nothing() {
        String apprenticeId = TestKafka.newId();
        TestKafka.publish(bootstrap, Topics.PROGRESS, apprenticeId,
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.APPRENTICE_GRADUATED.ceType(), "/progress-service", apprenticeId),
                "{\"apprenticeId\":\"" + apprenticeId + "\",\"matchId\":\"" + TestKafka.newId() + "\",\"graduatedAt\":\"" + Instant.now() + "\"}");
        // A real one after it still gets through.
        Started s = started();
        TestKafka.publish(bootstrap, Topics.PROGRESS, s.apprenticeId(),
                TestKafka.cloudEvent(TestKafka.newId(), Contracts.APPRENTICE_GRADUATED.ceType(), "/progress-service", s.apprenticeId()),
                "{\"apprenticeId\":\"" + s.apprenticeId() + "\",\"matchId\":\"" + s.matchId() + "\",\"graduatedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                office().get("/matches/" + s.matchId()).then().body("status", equalTo("ENDED")));
        as("admin", "root").post("/admin/projections/match-policy/rebuild").then().statusCode(422);
    }

    @Test
    void program_office_lists_need_the_program_office_and_answer_csv() {
        Started s = started();
        as("mentor", s.mentorSubject()).get("/mentors").then().statusCode(403);
        as("apprentice", s.apprenticeSubject()).get("/matches").then().statusCode(403);
        as("mentor", s.mentorSubject()).get("/cohorts/" + s.cohortId() + "/time-to-match").then().statusCode(403);
        given().get("/matches").then().statusCode(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().accept("text/csv").get("/mentors").then().statusCode(200)
                .body(containsString("utilisation")).body(containsString(s.mentorId())));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().accept("text/csv").get("/matches?cohortId=" + s.cohortId())
                .then().statusCode(200).body(containsString(s.matchId())));
        as("mentor", s.mentorSubject()).get("/mentors/" + s.mentorId() + "/apprentices").then().statusCode(200)
                .body("apprenticeId", hasItem(s.apprenticeId()));
    }
}
