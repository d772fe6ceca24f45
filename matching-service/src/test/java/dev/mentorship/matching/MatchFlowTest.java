package dev.mentorship.matching;

import static dev.mentorship.matching.Api.apprentice;
import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.cohort;
import static dev.mentorship.matching.Api.match;
import static dev.mentorship.matching.Api.mentor;
import static dev.mentorship.matching.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class MatchFlowTest {

    @Test
    void a_match_starts_once_mentor_and_apprentice_have_both_accepted() {
        String mentorSubject = unique("mentor");
        String apprenticeSubject = unique("apprentice");
        String mentorId = mentor(mentorSubject);
        String apprenticeId = apprentice(apprenticeSubject, cohort());
        String matchId = match(mentorId, apprenticeId);

        as("mentor", mentorSubject).post("/matches/" + matchId + "/accept")
                .then().statusCode(200).body("status", equalTo("PROPOSED")).body("acceptedBy", contains("MENTOR"));
        as("apprentice", apprenticeSubject).post("/matches/" + matchId + "/accept")
                .then().statusCode(200).body("status", equalTo("STARTED"));

        as("apprentice", apprenticeSubject).get("/matches/" + matchId)
                .then().statusCode(200)
                .body("id", equalTo(matchId))
                .body("mentorId", equalTo(mentorId))
                .body("apprenticeId", equalTo(apprenticeId))
                .body("status", equalTo("STARTED"));
    }

    @Test
    void someone_outside_the_match_cannot_accept_it() {
        String matchId = match(mentor(unique("mentor")), apprentice(unique("apprentice"), cohort()));

        as("mentor", unique("other-mentor")).post("/matches/" + matchId + "/accept")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
