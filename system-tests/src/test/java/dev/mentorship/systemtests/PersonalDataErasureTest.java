package dev.mentorship.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Topics;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The right to erasure across the running platform: a person who left a trail in all three services
 * (contact details, notes, evidence, answers, a rating note) is erased; afterwards every read path of
 * every service, every table of every database, every record on every topic and every log line is
 * searched for their name and address, before and after every projection is rebuilt, and every
 * service has confirmed.
 */
@ExtendWith(SharedPlatform.class)
class PersonalDataErasureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform platform;

    @BeforeAll
    static void platform(Platform shared) {
        platform = shared;
    }

    @Test
    void an_erased_person_is_found_nowhere_on_the_platform_and_every_service_confirms() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Zelda Quintessa" + tag;
        String email = "zelda.quintessa." + tag + "@example.org";
        String subject = "zelda-" + tag;
        String mentorSubject = "marcus-" + tag;
        String cohortId = create("/cohorts", Map.of("name", "Erasure " + tag));
        String apprenticeId = create("/apprentices", Map.of("name", name, "email", email, "subject", subject,
                "background", "support engineer, worked with " + name, "goals", List.of("observability"), "timezone", "Europe/Lisbon",
                "cohortId", cohortId, "managerId", "manager-of-" + tag));
        String mentorId = create("/mentors", Map.of("name", "Marcus Mentor", "email", mentorSubject + "@example.org", "subject", mentorSubject,
                "sreExperienceYears", 8, "skills", List.of("observability"), "timezone", "Europe/Lisbon", "capacity", 2));
        String matchId = create("/matches", Map.of("mentorId", mentorId, "apprenticeId", apprenticeId));
        as("mentor", mentorSubject).post(url(Service.MATCHING, "/matches/" + matchId + "/accept")).then().statusCode(200);
        as("apprentice", subject).post(url(Service.MATCHING, "/matches/" + matchId + "/accept")).then().statusCode(200)
                .body("status", equalTo("STARTED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("apprentice", subject)
                .get(url(Service.PROGRESS, "/apprentices/" + apprenticeId + "/progress")).then().statusCode(200).body("mentorId", equalTo(mentorId)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("apprentice", subject)
                .get(url(Service.FEEDBACK, "/mentorships/" + matchId)).then().statusCode(200));

        // A trail in progress-service and feedback-service: notes by both sides, evidence, answers, a rating note.
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String checkInId = as("apprentice", subject).body(Map.of("date", today, "minutes", 40, "topics", List.of("on-call with " + name),
                "notes", name + " asked to be mailed at " + email)).post(url(Service.PROGRESS, "/matches/" + matchId + "/check-ins"))
                .then().statusCode(201).extract().path("checkInId");
        as("mentor", mentorSubject).body(Map.of("date", today, "minutes", 30,
                "notes", "good progress, " + name)).post(url(Service.PROGRESS, "/matches/" + matchId + "/check-ins")).then().statusCode(201);
        String milestone = "trace-the-failing-endpoint";
        as("apprentice", subject).post(url(Service.PROGRESS, "/apprentices/" + apprenticeId + "/milestones/" + milestone + "/start"))
                .then().statusCode(200);
        as("apprentice", subject).body(Map.of("links", List.of("https://git.example.org/" + subject + "/pr/1"), "notes", "done by " + name))
                .post(url(Service.PROGRESS, "/apprentices/" + apprenticeId + "/milestones/" + milestone + "/evidence")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("apprentice", subject)
                .get(url(Service.FEEDBACK, "/check-ins/" + checkInId + "/feedback/mine")).then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("have not rated")));
        as("apprentice", subject).body(Map.of("usefulness", 4, "mood", "CONFIDENT", "note", "thanks from " + name))
                .post(url(Service.FEEDBACK, "/check-ins/" + checkInId + "/feedback")).then().statusCode(201);
        as("apprentice", subject).body(safety()).post(url(Service.FEEDBACK, "/assessments")).then().statusCode(201);

        Map<String, String> ids = new LinkedHashMap<>(Map.of("apprenticeId", apprenticeId, "matchId", matchId, "cohortId", cohortId,
                "checkInId", checkInId, "milestoneId", milestone, "name", "directory", "questionnaireId", "safety", "version", "1",
                "subject", subject, "mentorId", mentorId));
        // The search finds them while they are there.
        assertThat(readPaths(ids, subject, mentorSubject)).contains(name.toLowerCase(Locale.ROOT)).contains(email.toLowerCase(Locale.ROOT));

        Response erased = as("admin", "dpo").post(url(Service.MATCHING, "/admin/people/" + subject + "/erasure"));
        erased.then().statusCode(202);
        String erasureId = erased.path("erasureId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin", "dpo").get(url(Service.MATCHING, "/admin/people/" + subject + "/erasure"))
                .then().statusCode(200).body("complete", equalTo(true)).body("services.status", equalTo(List.of("CONFIRMED", "CONFIRMED", "CONFIRMED"))));
        as("admin", "dpo").post(url(Service.MATCHING, "/admin/people/" + subject + "/erasure")).then().statusCode(200)
                .body("erasureId", equalTo(erasureId));
        as("admin", "dpo").post(url(Service.MATCHING, "/admin/people/nobody-" + tag + "/erasure")).then().statusCode(404)
                .contentType("application/problem+json");

        assertNowhere(name, email, ids, subject, mentorSubject);
        // The progress the erased apprentice made still counts: the match stands, the check-ins are there.
        as("program-office", "office").get(url(Service.PROGRESS, "/apprentices/" + apprenticeId + "/progress")).then().statusCode(200)
                .body("checkIns.minutes", org.hamcrest.Matchers.containsInAnyOrder(40, 30));

        // Every read model rebuilt from the log: still nothing.
        for (Service service : Service.values()) {
            JsonNode projections = JSON.readTree(as("admin", "dpo").get(url(service, "/admin/projections")).then().statusCode(200).extract().asString());
            for (Iterator<String> names = projections.fieldNames(); names.hasNext(); ) {
                int status = as("admin", "dpo").post(url(service, "/admin/projections/" + names.next() + "/rebuild")).statusCode();
                // A projection that issues commands (a policy) refuses a rebuild; the others replay.
                assertThat(status).isIn(202, 409, 422);
            }
        }
        for (Service service : Service.values()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode lag = JSON.readTree(as("admin", "dpo").get(url(service, "/admin/projections")).then().statusCode(200).extract().asString());
                lag.fields().forEachRemaining(entry -> assertThat(entry.getValue().asLong()).as(service.module + " " + entry.getKey()).isZero());
            });
        }
        assertNowhere(name, email, ids, subject, mentorSubject);
    }

    private static void assertNowhere(String name, String email, Map<String, String> ids, String subject, String mentorSubject) throws Exception {
        String surname = name.substring(name.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
        String address = email.toLowerCase(Locale.ROOT);
        assertThat(readPaths(ids, subject, mentorSubject)).as("API answers").doesNotContain(surname).doesNotContain(address);
        for (Service service : Service.values()) {
            assertThat(tables(service)).as(service.module + "'s tables").doesNotContain(surname).doesNotContain(address);
        }
        for (String topic : List.of(Topics.MATCHING, Topics.PROGRESS, Topics.FEEDBACK, Topics.deadLetter("matching"), Topics.deadLetter("progress"),
                Topics.deadLetter("feedback"))) {
            for (ConsumerRecord<String, String> record : TestKafka.readAll(platform.kafkaBootstrap(), topic, Duration.ofMillis(500))) {
                assertThat(String.valueOf(record.value()).toLowerCase(Locale.ROOT)).as(topic).doesNotContain(surname).doesNotContain(address);
            }
        }
        try (Stream<Path> logs = Files.list(platform.logs())) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log).toLowerCase(Locale.ROOT)).as(log.toString()).doesNotContain(surname).doesNotContain(address);
            }
        }
    }

    /**
     * Every GET of every service's API, its path parameters filled with the person's records, asked by
     * the person, their mentor, the program office and an administrator: the answers, lower-cased.
     */
    private static String readPaths(Map<String, String> ids, String subject, String mentorSubject) throws Exception {
        StringBuilder answers = new StringBuilder();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("apprentice", subject);
        callers.put("mentor", mentorSubject);
        callers.put("program-office", "office");
        callers.put("admin", "dpo");
        for (Service service : Service.values()) {
            JsonNode document = JSON.readTree(as("admin", "dpo").get(url(service, "/q/openapi?format=json")).then().statusCode(200).extract().asString());
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (!path.getValue().has("get")) {
                    continue;
                }
                String filled = path.getKey();
                // {id} is the record of the collection the path starts with.
                for (String collection : List.of("apprentice", "mentor", "match", "cohort")) {
                    if (filled.startsWith("/" + collection + (collection.equals("match") ? "es" : "s") + "/{id}")) {
                        filled = filled.replace("{id}", ids.get(collection + "Id"));
                    }
                }
                for (Map.Entry<String, String> id : ids.entrySet()) {
                    filled = filled.replace("{" + id.getKey() + "}", id.getValue());
                }
                if (filled.contains("{")) {
                    filled = filled.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                }
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    Response answer = as(caller.getKey(), caller.getValue()).get(url(service, filled + (filled.contains("?") ? "&" : "?")
                            + "cohortId=" + ids.get("cohortId") + "&subject=" + subject));
                    assertThat(answer.statusCode()).as(service.module + " GET " + filled + " as " + caller.getKey()).isLessThan(500);
                    answers.append(answer.asString()).append('\n');
                }
            }
        }
        return answers.toString().toLowerCase(Locale.ROOT);
    }

    /** Every row of every table of the service's database, as text, lower-cased. */
    private static String tables(Service service) throws Exception {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(platform.postgres().jdbcUrl(service.database), platform.postgres().user(),
                platform.postgres().password()); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("select table_name from information_schema.tables where table_schema = 'public' "
                    + "and table_type = 'BASE TABLE'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertThat(tables).contains("events", "data_keys", "access_log");
            for (String table : tables) {
                try (ResultSet all = statement.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (all.next()) {
                        rows.append(all.getString(1)).append('\n');
                    }
                }
            }
        }
        return rows.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> safety() {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String domain : List.of("security", "autonomy", "fairness", "esteem", "trust", "you")) {
            answers.put(domain + "-1", 4);
            answers.put(domain + "-2", 4);
            answers.put(domain + "-3", 2);
        }
        return Map.of("questionnaire", "safety", "version", 1, "answers", answers);
    }

    private static String create(String path, Map<String, Object> body) {
        return as("program-office", "office").body(body).post(url(Service.MATCHING, path)).then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject)).contentType(ContentType.JSON);
    }

    private static String url(Service service, String path) {
        return platform.serviceUrl(service) + path;
    }
}
