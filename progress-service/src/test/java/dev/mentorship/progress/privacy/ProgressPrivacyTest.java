package dev.mentorship.progress.privacy;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Topics;
import dev.mentorship.events.Contracts;
import dev.mentorship.eventsourcing.privacy.RetentionJob;
import dev.mentorship.progress.Journeys;
import dev.mentorship.progress.Journeys.Pair;
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
import org.junit.jupiter.api.Test;

/** Subject access, the access audit and check-in note retention in progress-service. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class ProgressPrivacyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RetentionJob retention;

    @Test
    void the_apprentice_and_the_mentor_export_what_the_service_holds_and_see_who_else_read_the_record() {
        Pair pair = Pair.random(TestKafka.newId());
        Journeys.shippedCatalogueCurrent();
        Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(2)));
        String milestone = Journeys.REQUIRED.getFirst();
        pair.apprentice().post(pair.path("/milestones/" + milestone + "/start")).then().statusCode(200);
        pair.apprentice().body(Map.of("links", List.of("https://git.example.com/pr/9"), "notes", "bisected it"))
                .post(pair.path("/milestones/" + milestone + "/evidence")).then().statusCode(200);
        pair.mentor().body(Map.of("date", LocalDate.now(ZoneOffset.UTC).toString(), "minutes", 20, "notes", "paired on the runbook"))
                .post("/matches/" + pair.matchId() + "/check-ins").then().statusCode(201);

        pair.apprentice().get("/people/me/export").then().statusCode(200).body("service", equalTo("progress"))
                .body("asApprentice", hasSize(1)).body("asApprentice[0].progress.apprenticeId", equalTo(pair.apprenticeId()))
                .body("asApprentice[0].progress.checkIns[0].notes", equalTo("paired on the runbook"))
                .body("asApprentice[0].milestoneHistory.find { it.type == 'EvidenceSubmitted' }.data.notes", equalTo("bisected it"))
                .body("asMentor", hasSize(0));
        pair.mentor().get("/people/me/export").then().statusCode(200).body("asApprentice", hasSize(0))
                .body("asMentor", hasSize(1)).body("asMentor[0].checkIns[0].data.notes", equalTo("paired on the runbook"));

        String reader = "office-" + TestKafka.newId();
        Journeys.as("program-office", reader).get(pair.path("/progress")).then().statusCode(200);
        pair.apprentice().get(pair.path("/progress")).then().statusCode(200);
        // Newest first: this read, then the program office's while the match was being set up; never the apprentice's own.
        pair.apprentice().get("/people/me/access-log").then().statusCode(200).body("[0].reader", equalTo(reader))
                .body("[0].readerRoles", equalTo(List.of("program-office")))
                .body("[0].endpoint", equalTo("GET /apprentices/" + pair.apprenticeId() + "/progress"))
                .body("reader", not(hasItem(pair.apprenticeSubject())));

        // The program office reading the match's check-ins reads a record of both its people; the pair reading them is not logged.
        String checkInsReader = "office-" + TestKafka.newId();
        Journeys.as("program-office", checkInsReader).get("/matches/" + pair.matchId() + "/check-ins").then().statusCode(200);
        pair.mentor().get("/matches/" + pair.matchId() + "/check-ins").then().statusCode(200);
        for (String subject : List.of(pair.apprenticeSubject(), pair.mentorSubject())) {
            Journeys.as("admin", "root").queryParam("subject", subject).get("/admin/access-log").then().statusCode(200)
                    .body("[0].reader", equalTo(checkInsReader)).body("[0].endpoint", equalTo("GET /matches/" + pair.matchId() + "/check-ins"))
                    .body("reader", not(hasItem(pair.mentorSubject())));
        }
    }

    @Test
    void check_in_notes_are_shredded_two_years_after_the_match_ended_and_not_before() throws Throwable {
        Pair ended = Pair.random(TestKafka.newId());
        Pair running = Pair.random(TestKafka.newId());
        for (Pair pair : List.of(ended, running)) {
            Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(29)));
            pair.apprentice().body(Map.of("date", LocalDate.now(ZoneOffset.UTC).toString(), "minutes", 15, "notes", "notes of " + pair.matchId()))
                    .post("/matches/" + pair.matchId() + "/check-ins").then().statusCode(201);
        }
        Journeys.ended(bootstrap, ended, "GRADUATED");

        VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(729))));
        ended.apprentice().get(ended.path("/progress")).then().statusCode(200).body("checkIns[0].notes", equalTo("notes of " + ended.matchId()));

        VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(731))));
        ended.apprentice().get(ended.path("/progress")).then().statusCode(200).body("checkIns[0].notes", equalTo("erased"))
                .body("checkIns[0].minutes", equalTo(15));
        running.apprentice().get(running.path("/progress")).then().statusCode(200)
                .body("checkIns[0].notes", equalTo("notes of " + running.matchId()));
    }

    @Test
    void evidence_and_comments_of_an_apprentice_who_left_are_shredded_two_years_later_and_nothing_younger() throws Throwable {
        Pair left = Pair.random(TestKafka.newId());
        Pair staying = Pair.random(TestKafka.newId());
        Journeys.shippedCatalogueCurrent();
        String milestone = Journeys.REQUIRED.getFirst();
        for (Pair pair : List.of(left, staying)) {
            Journeys.matched(bootstrap, pair, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(29)));
            pair.apprentice().post(pair.path("/milestones/" + milestone + "/start")).then().statusCode(200);
            pair.apprentice().body(Map.of("links", List.of("https://git.example.com/pr/" + pair.apprenticeId()), "notes", "evidence of " + pair.apprenticeId()))
                    .post(pair.path("/milestones/" + milestone + "/evidence")).then().statusCode(200);
        }
        TestKafka.publish(bootstrap, Topics.MATCHING, left.apprenticeId(), TestKafka.cloudEvent(TestKafka.newId(),
                Contracts.APPRENTICE_WITHDRAWN.ceType(), "/matching-service", left.apprenticeId()),
                "{\"apprenticeId\":\"" + left.apprenticeId() + "\",\"withdrawnAt\":\"" + Instant.now() + "\"}");

        // Two years less a day after the withdrawal (once it has arrived) nothing goes; a day after two years the evidence reads erased.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(729)))).get("apprentice-records"))
                    .isZero();
            VertxContextSupport.subscribeAndAwait(() -> retention.sweep(Instant.now().plus(Duration.ofDays(731))));
            left.apprentice().get("/people/me/export").then().statusCode(200)
                    .body("asApprentice[0].milestoneHistory.find { it.type == 'EvidenceSubmitted' }.data.notes", equalTo("erased"));
        });
        staying.apprentice().get("/people/me/export").then().statusCode(200)
                .body("asApprentice[0].milestoneHistory.find { it.type == 'EvidenceSubmitted' }.data.notes", equalTo("evidence of " + staying.apprenticeId()));
    }
}
