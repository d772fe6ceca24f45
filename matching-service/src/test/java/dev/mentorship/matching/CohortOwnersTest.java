package dev.mentorship.matching;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;

import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a cohort has owners, only they and admins manage it: its matching weights, its owners, and
 * its matching rounds (draft and publish). A program-office member who is not an owner gets 403 and
 * writes nothing. A cohort without owners is managed by the whole program office. The cohort itself
 * and its reports (unmatched apprentices, time to match) stay readable by all of the program office.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class CohortOwnersTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource jdbc;

    private final String owner = unique("office-owner");
    private final String stranger = unique("office-stranger");

    private static RequestSpecification officeMember(String subject) {
        return as("program-office", subject);
    }

    private static RequestSpecification admin() {
        return as("admin", unique("root"));
    }

    private String ownedCohort() {
        return office().body(Map.of("name", unique("Owned"), "owners", List.of(owner))).post("/cohorts").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void an_owned_cohorts_weights_are_changed_by_its_owners_and_admins_only() throws Exception {
        String cohort = ownedCohort();
        String weights = "/cohorts/" + cohort + "/matching-weights";

        officeMember(stranger).body(Map.of("goals", 0.9)).put(weights).then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("managed by its owners (" + owner + ")"));
        assertThat(eventsOf(cohort)).isEqualTo(1);

        officeMember(owner).body(Map.of("goals", 0.9)).put(weights).then().statusCode(200);
        admin().body(Map.of("goals", 0.8)).put(weights).then().statusCode(200);
        assertThat(eventsOf(cohort)).isEqualTo(3);
    }

    @Test
    void an_owned_cohorts_owners_are_changed_by_its_owners_and_admins_only() throws Exception {
        String cohort = ownedCohort();
        String owners = "/cohorts/" + cohort + "/owners";

        officeMember(stranger).body(Map.of("owners", List.of(stranger))).put(owners).then().statusCode(403).contentType(PROBLEM);
        assertThat(eventsOf(cohort)).isEqualTo(1);

        officeMember(owner).body(Map.of("owners", List.of(owner, "office-second"))).put(owners).then().statusCode(200)
                .body("owners", contains(owner, "office-second"));
        admin().body(Map.of("owners", List.of(owner))).put(owners).then().statusCode(200).body("owners", contains(owner));
    }

    @Test
    void an_owned_cohorts_rounds_are_drafted_and_published_by_its_owners_and_admins_only() throws Exception {
        String cohort = ownedCohort();
        String rounds = "/cohorts/" + cohort + "/matching-rounds";

        officeMember(stranger).post(rounds).then().statusCode(403).contentType(PROBLEM);
        assertThat(StoredEvents.count(jdbc, "select count(*) from matching_rounds where cohort_id = ?", cohort)).isZero();

        String byOwner = officeMember(owner).post(rounds).then().statusCode(201).extract().path("id");
        String byAdmin = admin().post(rounds).then().statusCode(201).extract().path("id");

        officeMember(stranger).post(rounds + "/" + byOwner + "/publish").then().statusCode(403).contentType(PROBLEM);
        assertThat(StoredEvents.count(jdbc, "select count(*) from events where stream_id = ?", "round-" + byOwner)).isZero();
        assertThat(StoredEvents.count(jdbc, "select count(*) from matching_rounds where round_id = ? and published_at is not null",
                byOwner)).isZero();

        officeMember(owner).post(rounds + "/" + byOwner + "/publish").then().statusCode(200);
        admin().post(rounds + "/" + byAdmin + "/publish").then().statusCode(200);
    }

    @Test
    void an_owned_cohort_and_its_reports_stay_readable_by_the_whole_program_office() {
        String cohort = ownedCohort();
        officeMember(stranger).get("/cohorts/" + cohort).then().statusCode(200).body("owners", contains(owner));
        officeMember(stranger).get("/cohorts/" + cohort + "/unmatched").then().statusCode(200);
        officeMember(stranger).get("/cohorts/" + cohort + "/time-to-match").then().statusCode(200);
    }

    @Test
    void a_cohort_without_owners_is_managed_by_the_whole_program_office_until_it_gets_some() {
        String cohort = office().body(Map.of("name", unique("Shared"))).post("/cohorts").then().statusCode(201).extract().path("id");
        office().get("/cohorts/" + cohort).then().statusCode(200).body("owners", empty());

        String anyone = unique("office-anyone");
        officeMember(anyone).body(Map.of("goals", 0.9)).put("/cohorts/" + cohort + "/matching-weights").then().statusCode(200);
        String round = officeMember(anyone).post("/cohorts/" + cohort + "/matching-rounds").then().statusCode(201).extract().path("id");
        officeMember(anyone).post("/cohorts/" + cohort + "/matching-rounds/" + round + "/publish").then().statusCode(200);

        officeMember(owner).body(Map.of("owners", List.of(owner))).put("/cohorts/" + cohort + "/owners").then().statusCode(200);
        officeMember(anyone).body(Map.of("goals", 0.7)).put("/cohorts/" + cohort + "/matching-weights").then().statusCode(403);
        officeMember(anyone).post("/cohorts/" + cohort + "/matching-rounds").then().statusCode(403);

        // No owners again: open to all again.
        officeMember(owner).body(Map.of("owners", List.of())).put("/cohorts/" + cohort + "/owners").then().statusCode(200)
                .body("owners", empty());
        officeMember(anyone).body(Map.of("goals", 0.7)).put("/cohorts/" + cohort + "/matching-weights").then().statusCode(200);
    }

    private long eventsOf(String cohort) throws Exception {
        return StoredEvents.count(jdbc, "select count(*) from events where stream_id = ?", "cohort-" + cohort);
    }
}
