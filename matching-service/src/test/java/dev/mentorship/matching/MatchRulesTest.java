package dev.mentorship.matching;

import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A proposal, alone or in a round, is refused with 422 and writes nothing when its mentor is paused,
 * offboarded or at capacity, or its apprentice has withdrawn or already has an open match. What is
 * checked is read from the streams in the proposal's own transaction, not from the directory, so a
 * change made a moment before counts at once.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class MatchRulesTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource jdbc;

    @Test
    void a_paused_mentor_is_refused_until_they_resume() throws Exception {
        String mentor = Api.mentor(unique("jedi"));
        String apprentice = Api.apprentice(unique("padawan"), Api.cohort());
        office().body(Map.of("status", "PAUSED")).patch("/mentors/" + mentor).then().statusCode(200);

        propose(mentor, apprentice).statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Mentor " + mentor + " is paused"));
        assertThat(proposalsOfApprentice(apprentice)).isZero();

        office().body(Map.of("status", "ACTIVE")).patch("/mentors/" + mentor).then().statusCode(200);
        propose(mentor, apprentice).statusCode(201);
    }

    @Test
    void an_offboarded_mentor_is_refused() throws Exception {
        String mentor = Api.mentor(unique("jedi"));
        String apprentice = Api.apprentice(unique("padawan"), Api.cohort());
        office().post("/mentors/" + mentor + "/offboard").then().statusCode(200);

        propose(mentor, apprentice).statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Mentor " + mentor + " was offboarded"));
        assertThat(proposalsOfApprentice(apprentice)).isZero();
    }

    @Test
    void a_mentor_at_capacity_is_refused_until_a_match_of_theirs_ends() throws Exception {
        String cohort = Api.cohort();
        String mentor = Api.mentor(unique("jedi")); // capacity 2
        String first = Api.match(mentor, Api.apprentice(unique("padawan"), cohort));
        Api.match(mentor, Api.apprentice(unique("padawan"), cohort));
        String third = Api.apprentice(unique("padawan"), cohort);

        // Straight after the two proposals: the directory may not know them yet, the streams do.
        propose(mentor, third).statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Mentor " + mentor + " is at capacity (2 of 2"));
        assertThat(proposalsOfApprentice(third)).isZero();
        assertThat(proposalsOfMentor(mentor)).isEqualTo(2);

        office().body(Map.of("reason", "ENDED_BY_PROGRAM_OFFICE")).post("/matches/" + first + "/end").then().statusCode(200);
        propose(mentor, third).statusCode(201);
    }

    @Test
    void a_lowered_capacity_counts_at_once() throws Exception {
        String cohort = Api.cohort();
        String mentor = Api.mentor(unique("jedi"));
        Api.match(mentor, Api.apprentice(unique("padawan"), cohort));
        office().body(Map.of("capacity", 1)).put("/mentors/" + mentor + "/capacity").then().statusCode(200);

        String second = Api.apprentice(unique("padawan"), cohort);
        propose(mentor, second).statusCode(422).contentType(PROBLEM).body("detail", containsString("at capacity (1 of 1"));
        assertThat(proposalsOfApprentice(second)).isZero();
    }

    @Test
    void a_withdrawn_apprentice_is_refused() throws Exception {
        String mentor = Api.mentor(unique("jedi"));
        String apprentice = Api.apprentice(unique("padawan"), Api.cohort());
        office().body(Map.of("reason", "moved to another team")).post("/apprentices/" + apprentice + "/withdraw").then().statusCode(200);

        propose(mentor, apprentice).statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Apprentice " + apprentice + " has withdrawn"));
        assertThat(proposalsOfApprentice(apprentice)).isZero();
    }

    @Test
    void an_apprentice_in_an_open_match_is_refused_until_it_is_declined() throws Exception {
        String apprenticeSubject = unique("padawan");
        String apprentice = Api.apprentice(apprenticeSubject, Api.cohort());
        String match = Api.match(Api.mentor(unique("jedi")), apprentice);
        String other = Api.mentor(unique("jedi"));

        propose(other, apprentice).statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Apprentice " + apprentice + " already has an open match (" + match + ")"));
        assertThat(proposalsOfApprentice(apprentice)).isEqualTo(1);

        Api.as("apprentice", apprenticeSubject).body(Map.of("reason", "another focus")).post("/matches/" + match + "/decline")
                .then().statusCode(200);
        propose(other, apprentice).statusCode(201);
    }

    @Test
    void a_withdrawal_ends_a_proposal_made_a_moment_before() throws Exception {
        String apprentice = Api.apprentice(unique("padawan"), Api.cohort());
        String match = Api.match(Api.mentor(unique("jedi")), apprentice);
        // No wait for the directory: the withdrawal finds the proposal in the event store.
        office().body(Map.of("reason", "left the company")).post("/apprentices/" + apprentice + "/withdraw").then().statusCode(200);
        office().get("/matches/" + match).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ENDED"));
    }

    @Test
    void publishing_a_round_applies_the_same_rules_and_writes_nothing_when_one_proposal_breaks_them() throws Exception {
        String cohort = Api.cohort();
        String paused = Api.mentor(unique("jedi"), List.of("observability"), "America/New_York", 1);
        String free = Api.mentor(unique("jedi"), List.of("observability"), "America/New_York", 1);
        String first = Api.apprentice(unique("padawan"), cohort, List.of("observability"), "America/New_York");
        String second = Api.apprentice(unique("padawan"), cohort, List.of("observability"), "America/New_York");
        String round = draft(cohort, pair(paused, first), pair(free, second));

        office().body(Map.of("status", "PAUSED")).patch("/mentors/" + paused).then().statusCode(200);
        office().post("/cohorts/" + cohort + "/matching-rounds/" + round + "/publish").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Mentor " + paused + " is paused")).body("detail", containsString("draft a new round"));
        assertThat(StoredEvents.count(jdbc, "select count(*) from events where stream_id = ?", "round-" + round)).isZero();
        assertThat(proposalsOfApprentice(first) + proposalsOfApprentice(second)).isZero();

        // An apprentice proposed elsewhere after the draft: the same refusal, for the apprentice.
        String otherCohort = Api.cohort();
        String waiting = Api.apprentice(unique("padawan"), otherCohort, List.of("observability"), "America/New_York");
        String again = draft(otherCohort, pair(free, waiting));
        String elsewhere = Api.match(Api.mentor(unique("jedi")), waiting);
        office().post("/cohorts/" + otherCohort + "/matching-rounds/" + again + "/publish").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("Apprentice " + waiting + " already has an open match (" + elsewhere + ")"));
        assertThat(StoredEvents.count(jdbc, "select count(*) from events where stream_id = ?", "round-" + again)).isZero();
        assertThat(proposalsOfApprentice(waiting)).isEqualTo(1);
        assertThat(proposalsOfMentor(free)).isZero();
    }

    private ValidatableResponse propose(String mentor, String apprentice) {
        return office().body(Map.of("mentorId", mentor, "apprenticeId", apprentice)).post("/matches").then();
    }

    /** A draft of {@code cohort} with these pins, once the directory knows its people. */
    @SafeVarargs
    private static String draft(String cohort, Map<String, String>... pins) {
        List<Map<String, String>> pinned = List.of(pins);
        return await().atMost(Duration.ofSeconds(10)).until(() -> office().body(Map.of("pins", pinned))
                .post("/cohorts/" + cohort + "/matching-rounds").then().extract(), answer -> answer.statusCode() == 201).path("id");
    }

    private static Map<String, String> pair(String mentorId, String apprenticeId) {
        return Map.of("mentorId", mentorId, "apprenticeId", apprenticeId);
    }

    private long proposalsOfApprentice(String apprentice) throws Exception {
        return StoredEvents.count(jdbc, "select count(*) from events where type = 'MatchProposed' and payload->>'apprenticeId' = ?", apprentice);
    }

    private long proposalsOfMentor(String mentor) throws Exception {
        return StoredEvents.count(jdbc, "select count(*) from events where type = 'MatchProposed' and payload->>'mentorId' = ?", mentor);
    }
}
