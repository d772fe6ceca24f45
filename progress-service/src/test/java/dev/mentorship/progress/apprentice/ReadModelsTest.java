package dev.mentorship.progress.apprentice;

import static dev.mentorship.progress.Journeys.EVIDENCE;
import static dev.mentorship.progress.Journeys.as;
import static dev.mentorship.progress.Journeys.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.progress.Journeys;
import dev.mentorship.progress.Journeys.Pair;
import dev.mentorship.progress.checkin.CheckInOverdueJob;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class ReadModelsTest {

    private static final String MILESTONE = "trace-the-failing-endpoint";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    CheckInOverdueJob job;

    private final String cohortId = TestKafka.newId();
    private final Pair pair = Pair.random(cohortId);

    @BeforeEach
    void shippedCatalogue() {
        Journeys.shippedCatalogueCurrent();
    }

    @Test
    void the_timeline_tells_everything_newest_first_without_notes_and_pages() {
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(2)));
        Journeys.signedOff(pair, MILESTONE);
        pair.mentor().body(Map.of("date", LocalDate.now(ZoneOffset.UTC).toString(), "minutes", 30, "notes", "Private words."))
                .post("/matches/" + pair.matchId() + "/check-ins").then().statusCode(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pair.apprentice().get(pair.path("/timeline")).then().statusCode(200)
                .body("type", equalTo(List.of("CheckInLogged", "MilestoneSignedOff", "EvidenceSubmitted", "MilestoneStarted", "CurriculumFollowed",
                        "MatchStarted", "ApprenticeEnrolled"))));
        String all = pair.mentor().get(pair.path("/timeline")).then().statusCode(200).extract().asString();
        assertThat(all).doesNotContain("Private words", "git.example.com");

        var first = office().queryParam("limit", 3).get(pair.path("/timeline")).then().statusCode(200).body("", hasSize(3))
                .body("[0].type", equalTo("CheckInLogged")).extract();
        String next = first.header("Link");
        assertThat(next).contains("rel=\"next\"");
        String after = next.replaceAll(".*[?&]after=([^&>]+).*", "$1");
        office().queryParam("limit", 3).queryParam("after", java.net.URLDecoder.decode(after, java.nio.charset.StandardCharsets.UTF_8))
                .get(pair.path("/timeline")).then().statusCode(200).body("[0].type", equalTo("MilestoneStarted"));
        as("mentor", "another-mentor").get(pair.path("/timeline")).then().statusCode(403).contentType("application/problem+json");
        office().queryParam("after", "garbage").get(pair.path("/timeline")).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void progress_as_of_an_instant_is_rebuilt_from_the_events_recorded_until_then() throws Exception {
        Instant beforeMatch = Instant.now();
        Thread.sleep(20);
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(2)));
        pair.apprentice().post(pair.path("/milestones/" + MILESTONE + "/start")).then().statusCode(200);
        Thread.sleep(20);
        Instant started = Instant.now();
        Thread.sleep(20);
        pair.apprentice().body(EVIDENCE).post(pair.path("/milestones/" + MILESTONE + "/evidence")).then().statusCode(200);
        pair.mentor().post(pair.path("/milestones/" + MILESTONE + "/sign-off")).then().statusCode(200);

        Journeys.progress(pair).body("milestones.find { it.id == '" + MILESTONE + "' }.status", equalTo("SIGNED_OFF"))
                .body("modes.find { it.mode == 'TRAINING' }.signedOff", equalTo(1)).body("modes.find { it.mode == 'TRAINING' }.total", equalTo(3));
        office().queryParam("asOf", started.toString()).get(pair.path("/progress")).then().statusCode(200)
                .body("milestones.find { it.id == '" + MILESTONE + "' }.status", equalTo("IN_PROGRESS"))
                .body("modes.find { it.mode == 'TRAINING' }.signedOff", equalTo(0)).body("asOf", equalTo(started.toString()))
                .body("mentorId", equalTo(pair.mentorId()));
        pair.apprentice().queryParam("asOf", beforeMatch.toString()).get(pair.path("/progress")).then().statusCode(200)
                .body("milestones.find { it.id == '" + MILESTONE + "' }.status", equalTo("NOT_STARTED"));

        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-03-01", Instant.now().plus(Duration.ofDays(1)).toString())) {
            office().queryParam("asOf", bad).get(pair.path("/progress")).then().statusCode(400).contentType("application/problem+json");
        }
        as("mentor", "another-mentor").queryParam("asOf", started.toString()).get(pair.path("/progress")).then().statusCode(403);
    }

    @Test
    void a_mentor_sees_their_apprentices_with_sign_offs_waiting_and_overdue_check_ins() {
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(2)));
        pair.apprentice().post(pair.path("/milestones/" + MILESTONE + "/start")).then().statusCode(200);
        pair.apprentice().body(EVIDENCE).post(pair.path("/milestones/" + MILESTONE + "/evidence")).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pair.mentor().get("/mentors/me/apprentices").then().statusCode(200)
                .body("", hasSize(1)).body("[0].apprenticeId", equalTo(pair.apprenticeId())).body("[0].pendingSignOffs", equalTo(List.of(MILESTONE)))
                .body("[0].overdueCheckIns", equalTo(0)).body("[0].checkInCadenceDays", equalTo(7)));
        as("mentor", "another-mentor").get("/mentors/me/apprentices").then().statusCode(200).body("", hasSize(0));
        pair.apprentice().get("/mentors/me/apprentices").then().statusCode(403);
        office().get("/mentors/me/apprentices").then().statusCode(403);
    }

    @Test
    void the_cohort_progress_names_who_is_at_risk_and_why_as_json_and_csv() throws Throwable {
        Instant now = Instant.now();
        Journeys.matched(bootstrap, pair, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)));
        Journeys.signedOff(pair, MILESTONE);
        Pair stalled = Pair.random(cohortId);
        Journeys.matched(bootstrap, stalled, now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(5)));
        Pair missing = Pair.random(cohortId);
        Journeys.matched(bootstrap, missing, now.minus(Duration.ofDays(21)), now.minus(Duration.ofDays(20)));
        VertxContextSupport.subscribeAndAwait(() -> job.sweep(now));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> office().get("/cohorts/" + cohortId + "/progress").then().statusCode(200)
                .body("apprentices", equalTo(3)).body("atRisk", equalTo(2))
                .body("atRiskRules.overdueCheckIns", equalTo(2)).body("atRiskRules.stalledDays", equalTo(30))
                .body("rows.find { it.apprenticeId == '" + pair.apprenticeId() + "' }.atRisk", equalTo(false))
                .body("rows.find { it.apprenticeId == '" + pair.apprenticeId() + "' }.modes.find { it.mode == 'TRAINING' }.signedOff", equalTo(1))
                .body("rows.find { it.apprenticeId == '" + pair.apprenticeId() + "' }.modes.find { it.mode == 'TRAINING' }.total", equalTo(3))
                .body("rows.find { it.apprenticeId == '" + stalled.apprenticeId() + "' }.atRiskReasons[0]", containsString("no milestone progress for 45 days"))
                .body("rows.find { it.apprenticeId == '" + stalled.apprenticeId() + "' }.daysInProgram", equalTo(45))
                .body("rows.find { it.apprenticeId == '" + missing.apprenticeId() + "' }.overdueCheckIns", equalTo(2))
                .body("rows.find { it.apprenticeId == '" + missing.apprenticeId() + "' }.atRiskReasons[0]", containsString("2 check-in periods missed")));

        String csv = office().accept("text/csv").get("/cohorts/" + cohortId + "/progress").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).startsWith("apprenticeId,status,mentorId,enrolledAt,daysInProgram,curriculumVersion,training,shadowing");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(pair.apprenticeId() + ",ACTIVE,").contains(",1/3,").contains(",false,"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(stalled.apprenticeId()).contains(",true,\"no milestone progress"));

        pair.mentor().get("/cohorts/" + cohortId + "/progress").then().statusCode(403);
        pair.apprentice().accept("text/csv").get("/cohorts/" + cohortId + "/progress").then().statusCode(403);
        office().get("/cohorts/not-a-cohort/progress").then().statusCode(404).contentType("application/problem+json");
        office().get("/cohorts/" + TestKafka.newId() + "/progress").then().statusCode(200).body("rows", hasSize(0));
        office().get("/cohorts/" + cohortId + "/progress").then().body("rows.status", hasItems("ACTIVE")).body("rows[0].graduatedAt", nullValue());
    }
}
