package dev.mentorship.matching;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.everyRow;
import static dev.mentorship.matching.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.eventsourcing.http.Cursor;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every list pages the same way: {@code limit} (50 by default, 1 to 500), {@code after} from the
 * {@code Link: rel="next"} of the page before, a stable order; and answers every row as CSV. The rows
 * are seeded into the read models directly, with runs of equal timestamps, so pages are cut inside them.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ListPagingTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource jdbc;

    private DirectoryRows rows;

    @BeforeEach
    void seed() {
        rows = new DirectoryRows(jdbc);
    }

    @AfterEach
    void clean() {
        rows.close();
    }

    @Test
    void a_page_holds_50_rows_unless_the_client_asks_for_up_to_500_and_links_the_next() {
        String cohort = rows.waitingCohort(120, 2);
        String unmatched = "/cohorts/" + cohort + "/unmatched";

        Response first = office().get(unmatched).then().statusCode(200).contentType(startsWith("application/json"))
                .body("$", hasSize(50)).extract().response();
        assertThat(Api.next(first)).hasValueSatisfying(next -> assertThat(next).contains(unmatched + "?after="));

        office().queryParam("limit", 500).get(unmatched).then().statusCode(200).body("$", hasSize(120)).header("Link", nullValue());
        office().queryParam("limit", 120).get(unmatched).then().statusCode(200).body("$", hasSize(120))
                .header("Link", nullValue());
        Response one = office().queryParam("limit", 1).get(unmatched).then().statusCode(200).body("$", hasSize(1)).extract().response();
        assertThat(Api.next(one)).hasValueSatisfying(next -> assertThat(next).contains("limit=1"));
    }

    @Test
    void a_limit_outside_1_to_500_or_not_a_number_and_an_after_that_is_no_cursor_are_400_problems_on_every_list() {
        String subject = Api.unique("seeded-mentor");
        String mentor = rows.mentor(subject, 2);
        String cohort = rows.waitingCohort(3, 1);
        String otherListsCursor = Cursor.of("mentors", List.of(mentor)).encode();
        for (String list : List.of("/mentors", "/matches", "/matches?cohortId=" + cohort, "/cohorts/" + cohort + "/unmatched",
                "/mentors/" + mentor + "/apprentices", "/mentors/" + mentor + "/proposals")) {
            String join = list.contains("?") ? "&" : "?";
            for (String limit : List.of("0", "501", "100000", "-1", "abc", "1.5", "%2B5")) {
                office().get(list + join + "limit=" + limit).then().statusCode(400).contentType(PROBLEM)
                        .body("detail", containsString("limit")).body("type", containsString("invalid-input"));
            }
            office().get(list + join + "limit=500").then().statusCode(200);
            for (String after : List.of("not-a-cursor", "%21%21", "AAAA", list.startsWith("/mentors?") || list.equals("/mentors")
                    ? Cursor.of("matches", List.of(mentor)).encode() : otherListsCursor)) {
                office().get(list + join + "after=" + after).then().statusCode(400).contentType(PROBLEM)
                        .body("detail", containsString("after"));
            }
        }
    }

    @Test
    void walking_the_links_of_the_waiting_list_gives_every_row_once_in_a_stable_order() {
        String cohort = rows.waitingCohort(23, 5);
        List<String> expected = rows.column("select apprentice_id from apprentice_directory where cohort_id = '" + cohort
                + "' order by enrolled_at, apprentice_id");

        List<Map<String, Object>> walked = everyRow(Api::office, "/cohorts/" + cohort + "/unmatched?limit=4");

        assertThat(walked).extracting(row -> row.get("apprenticeId")).containsExactlyElementsOf(expected);
        assertThat(walked).extracting(row -> row.get("daysWaiting")).doesNotContainNull();
    }

    @Test
    void walking_the_match_history_of_a_cohort_keeps_the_cohort_and_goes_newest_first() {
        String mentor = rows.mentor(Api.unique("seeded-mentor"), 2);
        String cohort = rows.matches(mentor, "DECLINED", 17, 4);
        List<String> expected = rows.column("select match_id from match_records where cohort_id = '" + cohort
                + "' order by proposed_at desc, match_id desc");

        Response first = office().get("/matches?cohortId=" + cohort + "&limit=3").then().statusCode(200).extract().response();
        assertThat(Api.next(first)).hasValueSatisfying(next -> assertThat(next).contains("cohortId=" + cohort).contains("limit=3"));
        List<Map<String, Object>> walked = everyRow(Api::office, "/matches?cohortId=" + cohort + "&limit=3");

        assertThat(walked).extracting(row -> row.get("matchId")).containsExactlyElementsOf(expected);
    }

    @Test
    void walking_the_whole_match_history_passes_every_match_once() {
        String mentor = rows.mentor(Api.unique("seeded-mentor"), 2);
        String cohort = rows.matches(mentor, "DECLINED", 30, 7);

        List<Object> walked = everyRow(Api::office, "/matches?limit=11").stream().map(row -> row.get("matchId")).toList();

        assertThat(walked).doesNotHaveDuplicates()
                .containsAll(rows.column("select match_id from match_records where cohort_id = '" + cohort + "'"));
    }

    @Test
    void a_mentor_walks_their_own_roster_and_proposals_page_by_page() {
        String subject = Api.unique("seeded-mentor");
        String mentor = rows.mentor(subject, 20);
        String startedCohort = rows.matches(mentor, "STARTED", 9, 3);
        String proposedCohort = rows.matches(mentor, "PROPOSED", 4, 4);

        List<Map<String, Object>> roster = everyRow(() -> as("mentor", subject), "/mentors/" + mentor + "/apprentices?limit=2");
        List<Map<String, Object>> proposals = everyRow(() -> as("mentor", subject), "/mentors/" + mentor + "/proposals?limit=3");

        assertThat(roster).extracting(row -> row.get("matchId")).containsExactlyElementsOf(rows.column(
                "select match_id from match_records where cohort_id = '" + startedCohort + "' order by proposed_at, match_id"));
        assertThat(proposals).extracting(row -> row.get("matchId")).containsExactlyElementsOf(rows.column(
                "select match_id from match_records where cohort_id = '" + proposedCohort + "' order by proposed_at, match_id"));
        as("mentor", Api.unique("someone-else")).get("/mentors/" + mentor + "/apprentices?limit=2").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void walking_the_mentors_passes_each_once_in_id_order_with_their_load() {
        List<String> seeded = rows.mentors(12);
        String loaded = rows.mentor(Api.unique("seeded-mentor"), 20);
        rows.matches(loaded, "STARTED", 9, 3);
        rows.matches(loaded, "UNDER_REVIEW", 1, 1);
        rows.matches(loaded, "PROPOSED", 4, 4);
        rows.matches(loaded, "DECLINED", 5, 5);

        List<Map<String, Object>> walked = everyRow(Api::office, "/mentors?limit=5");
        List<String> ids = walked.stream().map(row -> (String) row.get("mentorId")).toList();

        assertThat(ids).doesNotHaveDuplicates().containsAll(seeded).isSortedAccordingTo(String::compareTo);
        Map<String, Object> load = walked.stream().filter(row -> loaded.equals(row.get("mentorId"))).findFirst().orElseThrow();
        assertThat(load).containsEntry("activeMatches", 10).containsEntry("pendingProposals", 4).containsEntry("capacity", 20)
                .containsEntry("utilisation", 0.7);
    }

    @Test
    void csv_is_every_row_with_its_header_line_whatever_the_limit() {
        String cohort = rows.waitingCohort(120, 2);
        List<String> expected = rows.column("select apprentice_id from apprentice_directory where cohort_id = '" + cohort
                + "' order by enrolled_at, apprentice_id");

        String csv = office().accept("text/csv").get("/cohorts/" + cohort + "/unmatched?limit=5").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();

        List<String> lines = Arrays.asList(csv.split("\n"));
        assertThat(lines.get(0)).isEqualTo("apprenticeId,cohortId,daysWaiting,enrolledAt,goals,status,timezone");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.split(",")[0].replace("\"", ""))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void every_list_answers_csv_with_a_header_and_refuses_a_stranger_before_the_first_row() {
        String subject = Api.unique("seeded-mentor");
        String mentor = rows.mentor(subject, 20);
        String cohort = rows.matches(mentor, "STARTED", 7, 2);
        String empty = UUID.randomUUID().toString();

        assertThat(office().accept("text/csv").get("/mentors").then().statusCode(200).extract().asString())
                .startsWith("activeMatches,capacity,mentorId,pendingProposals,status,utilisation\n")
                .contains("7,20,\"" + mentor + "\",0,PAUSED,0.35");
        String history = office().accept("text/csv").get("/matches?cohortId=" + cohort).then().statusCode(200).extract().asString();
        assertThat(history).startsWith("apprenticeId,cohortId,declinedBy,endReason,endedAt,matchId,mentorId,proposedAt,startedAt,status\n");
        assertThat(history.split("\n")).hasSize(8);
        assertThat(as("mentor", subject).accept("text/csv").get("/mentors/" + mentor + "/apprentices").then().statusCode(200)
                .extract().asString().split("\n")).hasSize(8);
        assertThat(as("mentor", subject).accept("text/csv").get("/mentors/" + mentor + "/proposals").then().statusCode(200)
                .extract().asString()).isEqualTo("apprenticeId,cohortId,matchId,proposedAt,startedAt,status\n");
        office().accept("text/csv").get("/cohorts/" + empty + "/unmatched").then().statusCode(200)
                .body(org.hamcrest.Matchers.equalTo("apprenticeId,cohortId,daysWaiting,enrolledAt,goals,status,timezone\n"));

        as("mentor", Api.unique("someone-else")).accept("text/csv").get("/mentors/" + mentor + "/apprentices")
                .then().statusCode(403).contentType(PROBLEM);
        office().accept("text/csv").get("/mentors/" + UUID.randomUUID() + "/proposals").then().statusCode(404).contentType(PROBLEM);
        office().accept("text/csv").get("/matches?cohortId=not-an-id").then().statusCode(404).contentType(PROBLEM);
        as("mentor", subject).accept("text/csv").get("/mentors").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void without_an_accept_header_or_with_any_type_a_list_answers_json() {
        String cohort = rows.waitingCohort(2, 1);
        String unmatched = "/cohorts/" + cohort + "/unmatched";
        io.restassured.RestAssured.given().auth().oauth2(dev.mentorship.devstack.DevTokens.mint("program-office", "office-1"))
                .get(unmatched).then().statusCode(200).contentType(startsWith("application/json")).body("$", hasSize(2));
        office().accept("*/*").get(unmatched).then().statusCode(200).contentType(startsWith("application/json"));
        office().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get(unmatched)
                .then().statusCode(200).contentType(startsWith("application/json"));
        office().accept("application/json").get(unmatched).then().statusCode(200).contentType(startsWith("application/json"));
        office().accept("text/csv").get(unmatched).then().statusCode(200).contentType(startsWith("text/csv"));
        office().accept("text/csv, application/json;q=0.5").get(unmatched).then().statusCode(200).contentType(startsWith("text/csv"));
    }

    @Test
    void the_api_description_gives_every_list_its_limit_after_link_header_and_both_media_types() {
        io.restassured.path.json.JsonPath document = office().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/mentors", "/matches", "/cohorts/{id}/unmatched", "/mentors/{id}/apprentices", "/mentors/{id}/proposals")) {
            String operation = "paths.'" + path + "'.get";
            assertThat(document.getList(operation + ".parameters.name", String.class)).as(path).contains("limit", "after");
            assertThat(document.getString(operation + ".parameters.find { it.name == 'limit' }.description")).as(path).contains("500");
            assertThat(document.getMap(operation + ".responses.'200'.headers")).as(path).containsKey("Link");
            assertThat(document.getMap(operation + ".responses.'200'.content")).as(path).containsKeys("application/json", "text/csv");
            assertThat(document.getString(operation + ".responses.'200'.content.'application/json'.schema.type")).as(path).isEqualTo("array");
        }
    }
}
