package dev.mentorship.feedback.aggregate;

import static dev.mentorship.feedback.Pairs.as;
import static dev.mentorship.feedback.Pairs.office;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class SafetyAggregatesTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final String cohortId = TestKafka.newId();
    private final String lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();

    @Test
    void the_office_sees_a_cohorts_domains_per_mentor_only_over_enough_people_and_never_a_difference_that_singles_someone_out()
            throws Exception {
        // Last month: seven apprentices of mentor A (trust 4 each, one of them twice: 5 and 3), three of mentor B (trust 2).
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement insert = connection.prepareStatement("insert into assessment_scores (assessment_id, person_key, cohort_id,"
                        + " mentor_id, period, questionnaire, domain, score, submitted_at) values (?, ?, ?, ?, ?, 'safety', 'TRUST', ?, ?)")) {
            for (int i = 0; i < 7; i++) {
                row(insert, "a" + i, "mentor-a", i == 0 ? 5 : 4);
            }
            row(insert, "a0", "mentor-a", 3);
            for (int i = 0; i < 3; i++) {
                row(insert, "b" + i, "mentor-b", 2);
            }
        }

        office().queryParam("period", lastMonth).queryParam("domain", "TRUST").get("/cohorts/" + cohortId + "/safety").then().statusCode(200)
                .body("minimumPeople", equalTo(5)).body("domains", hasSize(1))
                .body("domains[0].cohort.people", equalTo(10)).body("domains[0].cohort.mean", equalTo(3.4f))
                .body("domains[0].cohort.distribution.'4'", equalTo(7))
                // Mentor B's three are too few; showing A's seven would give B's away as the cohort minus A: both hidden.
                .body("domains[0].mentors.find { it.mentorId == 'mentor-b' }.cell.reason", equalTo("insufficient responses"))
                .body("domains[0].mentors.find { it.mentorId == 'mentor-a' }.cell.suppressed", equalTo(true))
                .body("domains[0].mentors.find { it.mentorId == 'mentor-a' }.cell.mean", nullValue());
        office().queryParam("period", lastMonth).queryParam("mentorId", "mentor-a").get("/cohorts/" + cohortId + "/safety").then()
                .statusCode(200).body("domains", hasSize(6)).body("domains.find { it.domain == 'TRUST' }.mentors", hasSize(1));
        office().get("/cohorts/" + TestKafka.newId() + "/safety").then().statusCode(200)
                .body("domains.find { it.domain == 'TRUST' }.cohort.reason", equalTo("insufficient responses"));

        office().queryParam("period", YearMonth.now(ZoneOffset.UTC).toString()).get("/cohorts/" + cohortId + "/safety").then().statusCode(400)
                .contentType("application/problem+json");
        office().queryParam("period", "last-month").get("/cohorts/" + cohortId + "/safety").then().statusCode(400);
        office().queryParam("domain", "HAPPINESS").get("/cohorts/" + cohortId + "/safety").then().statusCode(400);
        office().queryParam("questionnaire", "burnout").get("/cohorts/" + cohortId + "/safety").then().statusCode(400);
        office().get("/cohorts/not-a-cohort/safety").then().statusCode(404);
        as("mentor", "mentor-a").get("/cohorts/" + cohortId + "/safety").then().statusCode(403);
        as("apprentice", "a0").get("/cohorts/" + cohortId + "/safety").then().statusCode(403);
    }

    private void row(PreparedStatement insert, String person, String mentor, int score) throws Exception {
        insert.setString(1, TestKafka.newId());
        insert.setString(2, person + "-" + cohortId);
        insert.setString(3, cohortId);
        insert.setString(4, mentor);
        insert.setString(5, lastMonth);
        insert.setInt(6, score);
        insert.setTimestamp(7, Timestamp.from(Instant.now()));
        insert.executeUpdate();
    }
}
