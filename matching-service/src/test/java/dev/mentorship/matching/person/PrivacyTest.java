package dev.mentorship.matching.person;

import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.eventsourcing.background.LeasedJob;
import dev.mentorship.eventsourcing.privacy.RetentionJob;
import dev.mentorship.matching.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

/** Subject access, the access audit and retention in matching-service. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class PrivacyTest {

    @Inject
    AgroalDataSource jdbc;

    @Inject
    RetentionJob retention;

    @Test
    void a_person_exports_what_the_service_holds_about_them_without_what_the_other_side_wrote() {
        String apprenticeSubject = Api.unique("exporter");
        String mentorSubject = Api.unique("mentor");
        String apprentice = Api.apprentice(apprenticeSubject, Api.cohort());
        String mentor = Api.mentor(mentorSubject);
        String declinedByMentor = Api.match(mentor, apprentice);
        as("mentor", mentorSubject).body(Map.of("reason", "too many on-call weeks ahead")).post("/matches/" + declinedByMentor + "/decline")
                .then().statusCode(200);
        String declinedByApprentice = Api.match(mentor, Api.apprentice(apprenticeSubject + "-2", Api.cohort()));
        as("apprentice", apprenticeSubject + "-2").body(Map.of("reason", "I would rather learn Kafka first"))
                .post("/matches/" + declinedByApprentice + "/decline").then().statusCode(200);

        as("apprentice", apprenticeSubject).get("/people/me/export").then().statusCode(200)
                .body("service", equalTo("matching")).body("subject", equalTo(apprenticeSubject))
                .body("records", hasSize(1)).body("records[0].kind", equalTo("apprentice")).body("records[0].id", equalTo(apprentice))
                .body("records[0].contact.email", equalTo(apprenticeSubject + "@example.com"))
                .body("records[0].contact.background", equalTo("maths teacher, coding bootcamp"))
                .body("records[0].current.managerId", equalTo("manager-" + apprenticeSubject))
                .body("records[0].history[0].type", equalTo("ApprenticeEnrolled"))
                .body("matches", hasSize(1)).body("matches[0].side", equalTo("APPRENTICE"))
                .body("matches[0].history.find { it.type == 'MatchDeclined' }.data.reason", nullValue());
        as("mentor", mentorSubject).get("/people/me/export").then().statusCode(200)
                .body("records[0].kind", equalTo("mentor")).body("matches", hasSize(2))
                .body("matches.find { it.id == '" + declinedByMentor + "' }.history.find { it.type == 'MatchDeclined' }.data.reason",
                        equalTo("too many on-call weeks ahead"))
                .body("matches.find { it.id == '" + declinedByApprentice + "' }.history.find { it.type == 'MatchDeclined' }.data.reason",
                        nullValue());
        as("program-office", Api.unique("office")).get("/people/me/export").then().statusCode(200)
                .body("records", empty()).body("matches", empty());
    }

    @Test
    void reads_of_a_record_by_anyone_but_its_person_are_in_the_access_log_for_admins_and_for_the_person() {
        String subject = Api.unique("watched");
        String apprentice = Api.apprentice(subject, Api.cohort());
        String reader = Api.unique("office");
        as("program-office", reader).get("/apprentices/" + apprentice).then().statusCode(200);
        as("apprentice", subject).get("/apprentices/" + apprentice).then().statusCode(200);

        as("apprentice", subject).get("/people/me/access-log").then().statusCode(200).body("", hasSize(1))
                .body("[0].reader", equalTo(reader)).body("[0].readerRoles", equalTo(java.util.List.of("program-office")))
                .body("[0].endpoint", equalTo("GET /apprentices/" + apprentice)).body("[0].subject", equalTo(subject));
        as("admin", "admin-1").get("/admin/access-log?subject=" + subject).then().statusCode(200).body("", hasSize(1))
                .body("reader", hasItem(reader)).body("reader", not(hasItem(subject)));
        as("program-office", reader).get("/admin/access-log?subject=" + subject).then().statusCode(403);
        as("admin", "admin-1").get("/admin/access-log").then().statusCode(400).contentType("application/problem+json");
        as("admin", "admin-1").get("/admin/access-log?subject=" + subject + "&limit=abc").then().statusCode(400)
                .contentType("application/problem+json");
        as("apprentice", subject).get("/people/me/access-log?limit=0").then().statusCode(400).contentType("application/problem+json");
        as("apprentice", subject).get("/people/me/access-log?after=not-a-cursor").then().statusCode(400).contentType("application/problem+json");

        // Paged newest first, a page at a time through Link rel="next", every read once.
        String second = Api.unique("office");
        as("program-office", second).get("/apprentices/" + apprentice).then().statusCode(200);
        as("admin", "admin-1").get("/apprentices/" + apprentice).then().statusCode(200);
        java.util.List<String> readers = new java.util.ArrayList<>();
        String next = "/admin/access-log?subject=" + subject + "&limit=1";
        while (next != null) {
            io.restassured.response.Response page = as("admin", "admin-1").get(next);
            page.then().statusCode(200).body("", hasSize(1));
            readers.add(page.path("[0].reader"));
            String link = page.header("Link");
            next = link == null ? null : link.replaceAll("^<[^/]*//[^/]*(/[^>]*)>; rel=\"next\"$", "$1");
        }
        assertThat(readers).containsExactly("admin-1", second, reader);
        as("apprentice", subject).get("/people/me/access-log?limit=2").then().statusCode(200).body("reader", equalTo(java.util.List.of("admin-1", second)))
                .header("Link", org.hamcrest.Matchers.containsString("after="));
    }

    @Test
    void webhook_bodies_and_match_notes_are_shredded_once_past_their_time_and_nothing_younger() throws Throwable {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        sql("insert into hr_deliveries (source, delivery_id, body_digest, headers, body, status, received_at) values "
                + "('standard', '" + old + "', 'x', '{\"h\":\"1\"}', '{\"email\":\"old@example.com\"}', 'PROCESSED', now() - interval '91 days'), "
                + "('standard', '" + recent + "', 'x', '{\"h\":\"1\"}', '{\"email\":\"new@example.com\"}', 'PROCESSED', now() - interval '89 days')");
        String subject = Api.unique("declining");
        String match = Api.match(Api.mentor(Api.unique("mentor")), Api.apprentice(subject, Api.cohort()));
        as("apprentice", subject).body(Map.of("reason", "my partner Eve moves to Porto")).post("/matches/" + match + "/decline")
                .then().statusCode(200);

        // Whether this sweep or the job's own, a minute after the start, gets there first: the old body is blanked, the recent one kept.
        sweep(Instant.now());
        assertThat(value("select body from hr_deliveries where delivery_id = '" + old + "'")).isEqualTo("{}");
        assertThat(value("select body from hr_deliveries where delivery_id = '" + recent + "'")).contains("new@example.com");
        assertThat(value("select wrapped is not null from data_keys where key_id = '" + match + "'")).isEqualTo("t");

        // Two years and a day on, on the job's clock: the decline reason's key is gone, the match still reads.
        sweep(Instant.now().plus(Duration.ofDays(731)));
        assertThat(value("select wrapped is null from data_keys where key_id = '" + match + "'")).isEqualTo("t");
        office().get("/matches/" + match).then().statusCode(200).body("status", equalTo("DECLINED"));
        as("apprentice", subject).get("/people/me/export").then().statusCode(200)
                .body("matches[0].history.find { it.type == 'MatchDeclined' }.data.reason", equalTo("erased"));
    }

    @Test
    void leavers_and_decided_candidates_are_shredded_after_their_time_by_the_one_instance_holding_the_lease() throws Throwable {
        String subject = Api.unique("leaver");
        String apprentice = Api.apprentice(subject, Api.cohort());
        office().body(Map.of("reason", "moved to the Lisbon office")).post("/apprentices/" + apprentice + "/withdraw").then().statusCode(200);
        String candidate = UUID.randomUUID().toString();
        sql("insert into hr_mentor_candidates (id, source, employee_id, name, email, job_title, status) values ('" + candidate
                + "', 'standard', 'E-" + candidate + "', 'Cara Candidate', 'cara-" + candidate + "@example.com', 'Staff SRE', 'DISMISSED')");

        // While this instance holds the job's lease, another one sweeps nothing, however late its clock.
        sweep(Instant.now());
        assertThat(VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(800)), "another-instance")))
                .isEmpty();
        assertThat(value("select name from hr_mentor_candidates where id = '" + candidate + "'")).isEqualTo("Cara Candidate");

        // A year and a day on: what HR sent about the decided candidate goes, the decision stays; the leaver is still kept.
        sweep(Instant.now().plus(Duration.ofDays(366)));
        assertThat(value("select concat(name, email, job_title, '/', status) from hr_mentor_candidates where id = '" + candidate + "'"))
                .isEqualTo("/DISMISSED");
        office().get("/apprentices/" + apprentice).then().statusCode(200).body("managerId", equalTo("manager-" + subject));

        // Two years and a day after they left: contact details deleted, reason and manager shredded; the record still counts.
        Map<String, Integer> later = sweep(Instant.now().plus(Duration.ofDays(731)));
        assertThat(later.get("leavers")).isGreaterThanOrEqualTo(2);
        office().get("/apprentices/" + apprentice).then().statusCode(404);
        assertThat(value("select count(*) from people where id::text = '" + apprentice + "'")).isEqualTo("0");
        assertThat(value("select wrapped is null from data_keys where key_id = '" + apprentice + "'")).isEqualTo("t");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(value("select count(*) from apprentice_directory where apprentice_id = '"
                + apprentice + "' and manager_id is null and status = 'WITHDRAWN'")).isEqualTo("1"));
    }

    @Test
    void the_access_log_keeps_two_years_of_reads() throws Throwable {
        String subject = Api.unique("read-long-ago");
        sql("insert into access_log (at, reader, roles, subject, endpoint) values (now() - interval '731 days', 'office-old', 'program-office', '"
                + subject + "', 'GET /apprentices/old'), (now() - interval '729 days', 'office-recent', 'program-office', '" + subject
                + "', 'GET /apprentices/recent')");
        sweep(Instant.now());
        as("admin", "admin-1").get("/admin/access-log?subject=" + subject).then().statusCode(200).body("reader", equalTo(java.util.List.of("office-recent")));
    }

    @Test
    void a_leased_job_sweeps_first_after_its_start_delay_and_then_once_an_interval() {
        AtomicInteger sweeps = new AtomicInteger();
        LeasedJob job = new LeasedJob("first-sweep-check", Duration.ofHours(1), Duration.ofMillis(200), () -> {
            sweeps.incrementAndGet();
            return Uni.createFrom().item(0);
        });
        job.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> sweeps.get() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> sweeps.get() == 1);
        } finally {
            job.stop();
        }
    }

    private Map<String, Integer> sweep(Instant at) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> retention.sweep(at));
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = jdbc.getConnection(); Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    private String value(String query) throws Exception {
        try (Connection connection = jdbc.getConnection(); Statement run = connection.createStatement(); ResultSet rows = run.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
