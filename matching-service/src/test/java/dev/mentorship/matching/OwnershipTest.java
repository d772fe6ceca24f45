package dev.mentorship.matching;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The object-level half of authorisation (AuthorizationMatrixTest covers the roles): every endpoint a
 * mentor or an apprentice may call answers their own object and refuses the same call by another
 * person of the same role; what only the program office may do stays refused even on one's own object.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class OwnershipTest {

    @Test
    void people_reach_their_own_records_rosters_and_match_and_nobody_else_does() {
        String cohort = Api.cohort();
        String mentorSubject = unique("jedi");
        String apprenticeSubject = unique("padawan");
        String mentor = Api.mentor(mentorSubject);
        String apprentice = Api.apprentice(apprenticeSubject, cohort);
        String otherMentor = unique("other-jedi");
        String otherApprentice = unique("other-padawan");

        // Person records: the person themself and the program office only.
        as("mentor", mentorSubject).get("/mentors/" + mentor).then().statusCode(200).body("subject", equalTo(mentorSubject));
        as("mentor", otherMentor).get("/mentors/" + mentor).then().statusCode(403).contentType("application/problem+json");
        as("apprentice", apprenticeSubject).get("/mentors/" + mentor).then().statusCode(403);
        as("apprentice", apprenticeSubject).get("/apprentices/" + apprentice).then().statusCode(200).body("subject", equalTo(apprenticeSubject));
        as("apprentice", otherApprentice).get("/apprentices/" + apprentice).then().statusCode(403);
        as("mentor", mentorSubject).get("/apprentices/" + apprentice).then().statusCode(403);

        // No match yet: the apprentice is told so, clearly.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("apprentice", apprenticeSubject).get("/apprentices/" + apprentice + "/match")
                .then().statusCode(404).body("detail", containsString("no current match")));

        String match = Api.match(mentor, apprentice);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("mentor", mentorSubject).get("/mentors/" + mentor + "/proposals")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].matchId", equalTo(match)));
        as("mentor", otherMentor).get("/mentors/" + mentor + "/proposals").then().statusCode(403);
        as("mentor", otherMentor).get("/mentors/" + mentor + "/apprentices").then().statusCode(403);
        as("apprentice", apprenticeSubject).get("/apprentices/" + apprentice + "/match").then().statusCode(200)
                .body("matchId", equalTo(match)).body("mentorId", equalTo(mentor)).body("status", equalTo("PROPOSED"));
        as("apprentice", otherApprentice).get("/apprentices/" + apprentice + "/match").then().statusCode(403);

        // The match: its two people and the program office read it; only its two people answer it.
        as("mentor", mentorSubject).get("/matches/" + match).then().statusCode(200);
        as("apprentice", apprenticeSubject).get("/matches/" + match).then().statusCode(200);
        as("mentor", otherMentor).get("/matches/" + match).then().statusCode(403);
        as("apprentice", otherApprentice).get("/matches/" + match).then().statusCode(403);
        as("mentor", otherMentor).post("/matches/" + match + "/accept").then().statusCode(403);
        as("apprentice", otherApprentice).body(Map.of("reason", "not mine")).post("/matches/" + match + "/decline").then().statusCode(403);
        as("mentor", mentorSubject).post("/matches/" + match + "/accept").then().statusCode(200);
        as("apprentice", apprenticeSubject).post("/matches/" + match + "/accept").then().statusCode(200).body("status", equalTo("STARTED"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("mentor", mentorSubject).get("/mentors/" + mentor + "/apprentices")
                .then().statusCode(200).body("[0].apprenticeId", equalTo(apprentice)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("apprentice", apprenticeSubject).get("/apprentices/" + apprentice + "/match")
                .then().statusCode(200).body("status", equalTo("STARTED")));

        // Managing stays with the program office, even for one's own record or match.
        as("mentor", mentorSubject).body(Map.of("capacity", 5)).put("/mentors/" + mentor + "/capacity").then().statusCode(403);
        as("mentor", mentorSubject).body(Map.of("skills", List.of("linux"))).patch("/mentors/" + mentor).then().statusCode(403);
        as("apprentice", apprenticeSubject).body(Map.of("reason", "bored")).post("/apprentices/" + apprentice + "/withdraw").then().statusCode(403);
        as("apprentice", apprenticeSubject).body(Map.of("goals", List.of("linux"))).patch("/apprentices/" + apprentice).then().statusCode(403);
        as("mentor", mentorSubject).body(Map.of("reason", "GRADUATED")).post("/matches/" + match + "/end").then().statusCode(403);
        office().get("/matches/" + match).then().statusCode(200).body("status", equalTo("STARTED"));
    }
}
