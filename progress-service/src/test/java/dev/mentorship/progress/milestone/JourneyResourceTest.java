package dev.mentorship.progress.milestone;

import static dev.mentorship.progress.Journeys.EVIDENCE;
import static dev.mentorship.progress.Journeys.SHIFTS_MILESTONE;
import static dev.mentorship.progress.Journeys.office;
import static dev.mentorship.progress.Journeys.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import dev.mentorship.progress.Journeys;
import dev.mentorship.progress.Journeys.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class JourneyResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final Pair pair = Pair.random(TestKafka.newId());

    @BeforeEach
    void matched() {
        Journeys.shippedCatalogueCurrent();
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(50)));
    }

    @Test
    void a_shadowed_shift_starts_the_shadowing_milestone_whose_evidence_waits_for_four_shifts() throws Exception {
        Instant since = Instant.now();
        Instant end = Instant.now().minus(Duration.ofHours(2));
        Map<String, Object> shift = Map.of("start", end.minus(Duration.ofHours(12)).toString(), "end", end.toString(), "incidentsObserved", 2,
                "notes", "Watched a disk-pressure page on the checkout database.");
        String shiftId = pair.apprentice().header("Idempotency-Key", "shift-1").body(shift).post(pair.path("/shadow-shifts")).then()
                .statusCode(201).body("shiftsLogged", equalTo(1)).extract().path("shiftId");
        // The same key and body again: the same shift, nothing more logged; another body under that key is refused.
        pair.apprentice().header("Idempotency-Key", "shift-1").body(shift).post(pair.path("/shadow-shifts")).then().statusCode(201)
                .body("shiftId", equalTo(shiftId)).body("shiftsLogged", equalTo(1));
        pair.apprentice().header("Idempotency-Key", "shift-1").body(Map.of("start", shift.get("start"), "end", shift.get("end"),
                "incidentsObserved", 3)).post(pair.path("/shadow-shifts")).then().statusCode(422).contentType("application/problem+json");

        progress(pair).body("milestones.find { it.id == '" + SHIFTS_MILESTONE + "' }.status", equalTo("IN_PROGRESS"))
                .body("milestones.find { it.id == '" + SHIFTS_MILESTONE + "' }.shadowShiftsRequired", equalTo(4))
                .body("shadowShifts", hasSize(1)).body("shadowShifts[0].notes", equalTo(null));
        pair.apprentice().get(pair.path("/progress")).then().statusCode(200).body("shadowShifts[0].notes", containsString("disk-pressure"));
        pair.apprentice().body(EVIDENCE).post(pair.path("/milestones/" + SHIFTS_MILESTONE + "/evidence")).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("1 are logged"));

        Journeys.shiftsLogged(pair, 3);
        pair.apprentice().body(EVIDENCE).post(pair.path("/milestones/" + SHIFTS_MILESTONE + "/evidence")).then().statusCode(200);

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var logged = published(since).stream().filter(record -> Contracts.SHADOW_SHIFT_LOGGED.ceType().equals(TestKafka.header(record, "ce_type")))
                    .toList();
            assertThat(logged).hasSize(4);
            for (var record : logged) {
                assertThat(EventSchemas.validate(Contracts.SHADOW_SHIFT_LOGGED, json.readTree(record.value()))).as(record.value()).isEmpty();
                assertThat(record.value()).doesNotContain("disk-pressure");
            }
        });
    }

    @Test
    void a_bad_shift_is_a_4xx_problem_and_logs_nothing() {
        Instant end = Instant.now().minus(Duration.ofHours(1));
        List<Map<String, Object>> bad = List.of(
                Map.of("start", end.toString(), "end", end.minus(Duration.ofHours(1)).toString()),
                Map.of("start", end.toString(), "end", Instant.now().plus(Duration.ofHours(3)).toString()),
                Map.of("start", end.minus(Duration.ofDays(8)).toString(), "end", end.toString()),
                Map.of("start", end.minus(Duration.ofHours(8)).toString(), "end", end.toString(), "incidentsObserved", -1),
                Map.of("start", "yesterday", "end", end.toString()),
                Map.of("end", end.toString()));
        for (Map<String, Object> body : bad) {
            pair.apprentice().body(body).post(pair.path("/shadow-shifts")).then().statusCode(400).contentType("application/problem+json");
        }
        Map<String, Object> good = Map.of("start", end.minus(Duration.ofHours(8)).toString(), "end", end.toString());
        pair.mentor().body(good).post(pair.path("/shadow-shifts")).then().statusCode(403).contentType("application/problem+json");
        Journeys.as("apprentice", "someone-else").body(good).post(pair.path("/shadow-shifts")).then().statusCode(403);
        office().body(good).post(pair.path("/shadow-shifts")).then().statusCode(403);
        progress(pair).body("shadowShifts", hasSize(0))
                .body("milestones.find { it.id == '" + SHIFTS_MILESTONE + "' }.status", equalTo("NOT_STARTED"));
    }

    @Test
    void an_interview_loop_waits_for_readiness_a_fail_adds_remediation_and_a_pass_graduates_and_is_published() throws Exception {
        Instant since = Instant.now();
        // A loop that took place an hour ago: its outcome can be recorded at once.
        Map<String, Object> loop = Map.of("scheduledFor", Instant.now().minus(Duration.ofHours(1)).toString());
        office().body(loop).post(pair.path("/interview-loops")).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("not ready"));

        Journeys.ready(pair);
        progress(pair).body("readyForInterviewLoop", equalTo(true)).body("missingForReadiness", hasSize(0));
        String first = office().body(loop).post(pair.path("/interview-loops")).then().statusCode(201)
                .header("Location", containsString("/interview-loops/")).extract().path("loopId");
        office().body(loop).post(pair.path("/interview-loops")).then().statusCode(409).body("detail", containsString("no outcome"));

        office().body(Map.of("passed", false)).post(pair.path("/interview-loops/" + first + "/outcome")).then().statusCode(400)
                .contentType("application/problem+json");
        office().contentType("application/json").body("{\"passed\":false,\"remediation\":[null]}")
                .post(pair.path("/interview-loops/" + first + "/outcome")).then().statusCode(400).contentType("application/problem+json");
        office().body(Map.of("passed", false, "remediation", List.of(Map.of("id", "nap", "mode", "SLEEPING", "title", "Rest"))))
                .post(pair.path("/interview-loops/" + first + "/outcome")).then().statusCode(400).contentType("application/problem+json");
        office().body(Map.of("passed", true)).post(pair.path("/interview-loops/not-a-loop/outcome")).then().statusCode(404)
                .contentType("application/problem+json");
        office().body(Map.of("passed", false, "remediation", List.of(Map.of("id", "find-the-regression", "mode", "TRAINING", "title", "Again"))))
                .post(pair.path("/interview-loops/" + first + "/outcome")).then().statusCode(400).body("detail", containsString("already"));
        Map<String, Object> failed = Map.of("passed", false, "remediation", List.of(Map.of("id", "incident-command-drill", "mode", "PRACTICE",
                "title", "Lead an incident-command drill")));
        office().body(failed).post(pair.path("/interview-loops/" + first + "/outcome")).then().statusCode(200)
                .body("passed", equalTo(false)).body("remediationMilestoneIds", equalTo(List.of("incident-command-drill")));
        // The same outcome again changes nothing; another one is refused.
        office().body(failed).post(pair.path("/interview-loops/" + first + "/outcome")).then().statusCode(200);
        office().body(Map.of("passed", true)).post(pair.path("/interview-loops/" + first + "/outcome")).then().statusCode(409);
        progress(pair).body("readyForInterviewLoop", equalTo(false)).body("missingForReadiness", equalTo(List.of("incident-command-drill")))
                .body("milestones.find { it.id == 'incident-command-drill' }.remediation", equalTo(true))
                .body("milestones.find { it.id == 'incident-command-drill' }.required", equalTo(true));
        office().body(loop).post(pair.path("/interview-loops")).then().statusCode(409);

        Journeys.signedOff(pair, "incident-command-drill");
        String second = office().body(loop).post(pair.path("/interview-loops")).then().statusCode(201).extract().path("loopId");
        office().body(Map.of("passed", true)).post(pair.path("/interview-loops/" + second + "/outcome")).then().statusCode(200)
                .body("passed", equalTo(true)).body("graduatedAt", notNullValue());
        progress(pair).body("graduatedAt", notNullValue()).body("interviewLoops", hasSize(2));
        pair.apprentice().post(pair.path("/milestones/study-hall/start")).then().statusCode(409).body("detail", containsString("graduated"));

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> types = new ArrayList<>();
            for (var record : published(since)) {
                String type = TestKafka.header(record, "ce_type");
                var contract = Contracts.byCeType(type).orElseThrow();
                assertThat(EventSchemas.validate(contract, json.readTree(record.value()))).as(record.value()).isEmpty();
                if (type.contains("Interview") || type.contains("Graduated")) {
                    types.add(type);
                }
                if (type.equals(Contracts.APPRENTICE_GRADUATED.ceType())) {
                    assertThat(json.readTree(record.value()).path("matchId").asText()).isEqualTo(pair.matchId());
                }
            }
            assertThat(types).containsExactly(Contracts.INTERVIEW_LOOP_SCHEDULED.ceType(), Contracts.INTERVIEW_LOOP_COMPLETED.ceType(),
                    Contracts.INTERVIEW_LOOP_SCHEDULED.ceType(), Contracts.INTERVIEW_LOOP_COMPLETED.ceType(), Contracts.APPRENTICE_GRADUATED.ceType());
        });
    }

    @Test
    void a_move_to_a_newer_curriculum_keeps_what_is_signed_off_where_the_milestone_still_exists() {
        Journeys.signedOff(pair, "trace-the-failing-endpoint");
        pair.apprentice().post(pair.path("/milestones/study-hall/start")).then().statusCode(200);
        int followed = progress(pair).extract().path("curriculumVersion");

        List<Map<String, Object>> milestones = new ArrayList<>(office().get("/curricula/" + followed).then().statusCode(200).extract().path("milestones"));
        milestones.removeIf(milestone -> milestone.get("id").equals("study-hall"));
        milestones.add(Map.of("id", "chaos-game-day", "mode", "PRACTICE", "title", "Run a game day", "description", "d", "required", false,
                "evidence", "The game day's notes"));
        int newer = office().body(Map.of("milestones", milestones)).post("/curricula").then().statusCode(201).extract().path("version");

        pair.apprentice().body(Map.of("version", newer)).post(pair.path("/curriculum")).then().statusCode(403);
        office().body(Map.of("version", 999_999)).post(pair.path("/curriculum")).then().statusCode(404).contentType("application/problem+json");
        office().body(Map.of("version", followed)).post(pair.path("/curriculum")).then().statusCode(409);
        office().body(Map.of("version", newer)).post(pair.path("/curriculum")).then().statusCode(200).body("curriculumVersion", equalTo(newer));
        office().body(Map.of("version", newer)).post(pair.path("/curriculum")).then().statusCode(409);

        progress(pair).body("curriculumVersion", equalTo(newer))
                .body("milestones.find { it.id == 'trace-the-failing-endpoint' }.status", equalTo("SIGNED_OFF"))
                .body("milestones.find { it.id == 'study-hall' }", equalTo(null))
                .body("milestones.find { it.id == 'chaos-game-day' }.status", equalTo("NOT_STARTED"));
        Journeys.shippedCatalogueCurrent();
    }

    private List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> published(Instant since) {
        return TestKafka.readSince(bootstrap, Topics.PROGRESS, since, Duration.ofSeconds(1)).stream()
                .filter(record -> pair.apprenticeId().equals(record.key())).toList();
    }
}
