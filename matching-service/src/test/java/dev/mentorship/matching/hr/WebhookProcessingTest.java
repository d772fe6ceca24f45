package dev.mentorship.matching.hr;

import static dev.mentorship.matching.Api.apprentice;
import static dev.mentorship.matching.Api.as;
import static dev.mentorship.matching.Api.cohort;
import static dev.mentorship.matching.Api.match;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.eventsourcing.decider.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What deliveries do once stored: a hire matching a rule enrols, an update changes the record, a termination withdraws. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
public class WebhookProcessingTest {

    @Inject
    MentorCandidates candidates;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The cohort the test profile's rule names: opened by hr-office with Idempotency-Key hr-mapped-cohort. */
    public static final String COHORT = "8733e0f7-2e53-8b19-8bbf-4b57af1feec0";

    @BeforeEach
    void theRulesCohort() {
        openRulesCohort();
    }

    /** Opens the cohort the test profile's rule names, or finds it open. */
    public static void openRulesCohort() {
        String id = as("program-office", "hr-office").header("Idempotency-Key", "hr-mapped-cohort")
                .body(Map.of("name", "HR-fed cohort", "startDate", "2027-03-01")).post("/cohorts").then().statusCode(201).extract().path("id");
        assertThat(id).isEqualTo(COHORT);
    }

    @Test
    void a_hire_matching_a_rule_enrols_an_update_changes_the_record_and_a_termination_withdraws() {
        String employee = "E-" + UUID.randomUUID();
        String email = employee.toLowerCase() + "@example.com";
        String hired = deliver("employee.hired", employee, email, "Reliability", "Europe/Berlin");
        Map<String, Object> done = processed(hired);
        assertThat(done.get("status")).isEqualTo("PROCESSED");
        String apprenticeId = done.get("outcome").toString().replaceAll("enrolled apprentice ([0-9a-f-]+) in cohort .*", "$1");
        as("program-office", "office").get("/apprentices/" + apprenticeId).then().statusCode(200).body("cohortId", equalTo(COHORT))
                .body("email", equalTo(email)).body("timezone", equalTo("Europe/Berlin")).body("status", equalTo("ENROLLED"));

        assertThat(processed(deliver("employee.updated", employee, email, "Reliability", "America/New_York")).get("outcome"))
                .isEqualTo("updated apprentice " + apprenticeId);
        as("program-office", "office").get("/apprentices/" + apprenticeId).then().body("timezone", equalTo("America/New_York"));

        assertThat(processed(deliver("employee.terminated", employee, email, "Reliability", null)).get("outcome"))
                .isEqualTo("withdrew apprentice " + apprenticeId);
        as("program-office", "office").get("/apprentices/" + apprenticeId).then().body("status", equalTo("WITHDRAWN"));

        // Replayed by the admin, the termination changes nothing more.
        as("admin", "root").post("/admin/webhooks/deliveries/" + processed(lastId).get("id") + "/replay").then().statusCode(200);
        assertThat(processed(lastId).get("outcome")).isEqualTo("apprentice " + apprenticeId + " already out of the program");
    }

    @Test
    void a_hire_no_rule_matches_is_ignored_and_a_leaver_never_enrolled_changes_nothing() {
        String employee = "E-" + UUID.randomUUID();
        Map<String, Object> ignored = processed(deliver("employee.hired", employee, employee.toLowerCase() + "@example.com", "Finance", null));
        assertThat(ignored.get("status")).isEqualTo("IGNORED");
        assertThat(processed(deliver("employee.terminated", employee, null, null, null)).get("status")).isEqualTo("IGNORED");
    }

    @Test
    void a_termination_worked_out_before_the_hire_keeps_the_leaver_out() {
        String employee = "E-" + UUID.randomUUID();
        assertThat(processed(deliver("employee.terminated", employee, null, null, null)).get("outcome").toString()).contains("recorded as left");
        Map<String, Object> hire = processed(deliver("employee.hired", employee, employee.toLowerCase() + "@example.com", "Reliability", null));
        assertThat(hire.get("status")).isEqualTo("IGNORED");
        assertThat(hire.get("outcome").toString()).contains("has left");
    }

    @Test
    void a_mentor_candidate_confirmed_by_the_program_office_follows_hr_and_leaving_offboards_them_and_ends_their_matches() {
        String employee = "E-" + UUID.randomUUID();
        String email = employee.toLowerCase() + "@example.com";
        String outcome = processed(deliver("employee.hired", employee, email, "Platform", "Europe/Dublin", "Staff SRE")).get("outcome").toString();
        assertThat(outcome).startsWith("proposed mentor candidate ");
        String candidate = outcome.substring("proposed mentor candidate ".length());
        assertThat(processed(deliver("employee.updated", employee, email, "Platform", "Europe/Lisbon", "Staff SRE")).get("outcome"))
                .isEqualTo("updated mentor candidate " + candidate);
        List<Map<String, Object>> pending = as("program-office", "office").queryParam("status", "PENDING").get("/mentor-candidates").then()
                .statusCode(200).extract().path("findAll { it.id == '" + candidate + "' }");
        assertThat(pending).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("employeeId", employee).containsEntry("email", email).containsEntry("timezone", "Europe/Lisbon");
            assertThat(row).containsEntry("source", "standard").containsEntry("jobTitle", "Staff SRE");
        });
        as("apprentice", "someone").get("/mentor-candidates").then().statusCode(403);

        Map<String, Object> confirmation = Map.of("subject", "mentor-" + employee, "sreExperienceYears", 8, "skills", List.of("observability"),
                "capacity", 2);
        as("program-office", "office").body(Map.of("subject", "x", "sreExperienceYears", 1, "skills", List.of("observability")))
                .post("/mentor-candidates/" + candidate + "/confirm").then().statusCode(422);
        String mentorId = as("program-office", "office").body(confirmation).post("/mentor-candidates/" + candidate + "/confirm").then()
                .statusCode(200).body("status", equalTo("CONFIRMED")).body("decidedBy", equalTo("office")).extract().path("mentorId");
        as("program-office", "office").body(confirmation).post("/mentor-candidates/" + candidate + "/confirm").then().statusCode(409)
                .contentType("application/problem+json");
        as("program-office", "office").get("/mentors/" + mentorId).then().statusCode(200).body("email", equalTo(email))
                .body("timezone", equalTo("Europe/Lisbon")).body("status", equalTo("ACTIVE"));
        // Once a mentor, what HR sent about the candidate is a record of theirs: the program office reading the list is in their access log.
        String reader = "office-" + UUID.randomUUID();
        as("program-office", reader).get("/mentor-candidates").then().statusCode(200);
        as("admin", "root").queryParam("subject", "mentor-" + employee).get("/admin/access-log").then().statusCode(200)
                .body("find { it.reader == '" + reader + "' }.endpoint", equalTo("GET /mentor-candidates"));

        String moved = "moved-" + email;
        assertThat(processed(deliver("employee.updated", employee, moved, "Platform", "Asia/Tokyo", "Staff SRE")).get("outcome"))
                .isEqualTo("updated mentor " + mentorId);
        as("program-office", "office").get("/mentors/" + mentorId).then().body("email", equalTo(moved)).body("timezone", equalTo("Asia/Tokyo"));

        String cohort = cohort();
        String learner = unique("a");
        String running = match(mentorId, apprentice(learner, cohort));
        String proposed = match(mentorId, apprentice(unique("a"), cohort));
        as("mentor", "mentor-" + employee).post("/matches/" + running + "/accept").then().statusCode(200);
        as("apprentice", learner).post("/matches/" + running + "/accept").then().statusCode(200);
        as("program-office", "office").get("/matches/" + running).then().body("status", equalTo("STARTED"));
        // Offboarded through the API first: that ends the pending proposal only.
        as("program-office", "office").post("/mentors/" + mentorId + "/offboard").then().statusCode(200);
        as("program-office", "office").get("/matches/" + proposed).then().body("status", equalTo("ENDED"));
        as("program-office", "office").get("/matches/" + running).then().body("status", equalTo("STARTED"));

        // Leaving the company ends the running mentorship too.
        assertThat(processed(deliver("employee.terminated", employee, null, null, null, null)).get("outcome"))
                .isEqualTo("offboarded mentor " + mentorId + " and ended their matches");
        as("program-office", "office").get("/mentors/" + mentorId).then().body("status", equalTo("OFFBOARDED"));
        as("program-office", "office").get("/matches/" + running).then().body("status", equalTo("ENDED"));
    }

    @Test
    void a_termination_read_before_a_confirmation_committed_is_retried_and_reaches_the_mentor() throws Throwable {
        String employee = "E-" + UUID.randomUUID();
        String candidate = processed(deliver("employee.hired", employee, employee.toLowerCase() + "@example.com", "Platform", "UTC", "Staff SRE"))
                .get("outcome").toString().substring("proposed mentor candidate ".length());
        as("program-office", "office").body(Map.of("subject", "m-" + employee, "sreExperienceYears", 8, "skills", List.of("observability")))
                .post("/mentor-candidates/" + candidate + "/confirm").then().statusCode(200);
        // What the processor does with a link it read as a candidate's just before the confirmation committed.
        Throwable refused = assertThrows(Throwable.class, () -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> candidates.left(candidate, "standard", employee))));
        assertThat(refused).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_READY));
        // The link still names the mentor, so the retry offboards them.
        assertThat(processed(deliver("employee.terminated", employee, null, null, null, null)).get("outcome").toString())
                .startsWith("offboarded mentor ");
    }

    @Test
    void a_dismissed_candidate_stays_out_and_a_pending_one_who_leaves_is_taken_off_the_list() {
        String dismissed = "E-" + UUID.randomUUID();
        String candidate = processed(deliver("employee.hired", dismissed, dismissed.toLowerCase() + "@example.com", "Platform", null, "Staff SRE"))
                .get("outcome").toString().substring("proposed mentor candidate ".length());
        as("program-office", "office").post("/mentor-candidates/" + candidate + "/dismiss").then().statusCode(200)
                .body("status", equalTo("DISMISSED"));
        as("program-office", "office").post("/mentor-candidates/" + candidate + "/dismiss").then().statusCode(409);
        as("program-office", "office").post("/mentor-candidates/" + UUID.randomUUID() + "/dismiss").then().statusCode(404);
        assertThat(processed(deliver("employee.updated", dismissed, null, "Platform", "Asia/Tokyo", "Staff SRE")).get("outcome"))
                .isEqualTo("ignored: mentor candidate " + candidate + " is DISMISSED");

        String leaver = "E-" + UUID.randomUUID();
        String other = processed(deliver("employee.hired", leaver, leaver.toLowerCase() + "@example.com", "Platform", null, "Staff SRE"))
                .get("outcome").toString().substring("proposed mentor candidate ".length());
        processed(deliver("employee.terminated", leaver, null, null, null, null));
        as("program-office", "office").queryParam("status", "LEFT").get("/mentor-candidates").then().statusCode(200)
                .body("findAll { it.id == '" + other + "' }.size()", equalTo(1));
        as("program-office", "office").body(Map.of("subject", "s-" + leaver, "sreExperienceYears", 8, "skills", List.of("observability")))
                .post("/mentor-candidates/" + other + "/confirm").then().statusCode(409);
        as("program-office", "office").queryParam("status", "MAYBE").get("/mentor-candidates").then().statusCode(400);
    }

    @Test
    void an_hr_enrolment_is_pseudonymous_the_first_sign_in_links_to_it_and_an_erased_employee_is_not_enrolled_again() {
        String employee = "E-" + UUID.randomUUID();
        String email = employee.toLowerCase() + "@example.com";
        Instant since = Instant.now();
        String apprenticeId = processed(deliver("employee.hired", employee, email, "Reliability", "Europe/Berlin")).get("outcome").toString()
                .replaceAll("enrolled apprentice ([0-9a-f-]+) in cohort .*", "$1");
        // The e-mail address is not the subject: a subject outlives an erasure in every log.
        String pseudonym = "hr:" + apprenticeId;
        as("program-office", "office").get("/apprentices/" + apprenticeId).then().statusCode(200).body("subject", equalTo(pseudonym));

        String signIn = "kc-" + UUID.randomUUID();
        signedIn(signIn, email, true).get("/apprentices/" + apprenticeId).then().statusCode(403);
        signedIn(signIn, email, false).post("/people/me/link").then().statusCode(422).contentType("application/problem+json");
        signedIn(signIn, "someone-else@example.com", true).post("/people/me/link").then().statusCode(404).contentType("application/problem+json");
        signedIn(signIn, email.toUpperCase(), true).post("/people/me/link").then().statusCode(200).body("apprenticeId", equalTo(apprenticeId))
                .body("subject", equalTo(pseudonym)).body("signInSubject", equalTo(signIn));
        // From now on the sign-in is the apprentice; linking again answers the same.
        signedIn(signIn, email, true).get("/apprentices/" + apprenticeId).then().statusCode(200).body("email", equalTo(email));
        signedIn(signIn, email, true).post("/people/me/link").then().statusCode(200).body("subject", equalTo(pseudonym));
        // The linked sign-in acts as the apprentice everywhere, so no one can be registered under it.
        office().body(dev.mentorship.matching.Api.mentorBody(signIn)).post("/mentors").then().statusCode(409).contentType("application/problem+json");
        // A second sign-in with the same address cannot take the enrolment over.
        signedIn("kc-" + UUID.randomUUID(), email, true).post("/people/me/link").then().statusCode(409);
        // Someone registered under their own subject has nothing to link.
        String ownSubject = unique("padawan");
        String registered = apprentice(ownSubject, cohort());
        String ownEmail = as("program-office", "office").get("/apprentices/" + registered).then().extract().path("email");
        signedIn(ownSubject, ownEmail, true).post("/people/me/link").then().statusCode(409);

        ConsumerRecord<String, String> linked = await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.readSince(bootstrap,
                "mentorship.matching.events", since, Duration.ofMillis(300)).stream().filter(record -> "mentorship.matching.ApprenticeSignInLinked.v1"
                .equals(TestKafka.header(record, "ce_type")) && record.value().contains(apprenticeId)).findFirst().orElse(null), record -> record != null);
        assertThat(linked.value()).contains(pseudonym, signIn).doesNotContain(email);

        // Erased by the subject they sign in with: the erasure is of the apprentice, and the link goes with it.
        as("admin", "root").post("/admin/people/" + signIn + "/erasure").then().statusCode(202).body("subject", equalTo(pseudonym))
                .body("services[0].erased.signInLinks", equalTo(1)).body("services[0].erased.suppressions", equalTo(2));
        as("admin", "root").get("/admin/people/" + pseudonym + "/erasure").then().statusCode(200);
        signedIn(signIn, email, true).post("/people/me/link").then().statusCode(404);

        // The HR tool keeps sending them, under the same employee id or, re-hired, under a new one: neither enrols them again,
        // and what it sent is not kept.
        for (String delivery : List.of(deliver("employee.updated", employee, email, "Reliability", "Europe/Berlin"),
                deliver("employee.hired", "E-" + UUID.randomUUID(), email.toUpperCase(), "Reliability", "Europe/Berlin"))) {
            Map<String, Object> done = processed(delivery);
            assertThat(done.get("status")).isEqualTo("IGNORED");
            assertThat(done.get("outcome").toString()).startsWith(DeliveryProcessor.ERASED).doesNotContain(email).doesNotContain(employee);
            assertThat(done.toString()).doesNotContain(email).doesNotContain("Rona Padawan");
        }
        as("program-office", "office").get("/apprentices/" + apprenticeId).then().statusCode(404);
        // Someone else from the same tool still is enrolled.
        String other = "E-" + UUID.randomUUID();
        assertThat(processed(deliver("employee.hired", other, other.toLowerCase() + "@example.com", "Reliability", null)).get("outcome").toString())
                .startsWith("enrolled apprentice");
    }

    @Test
    void a_token_may_not_name_a_pseudonym_and_a_registration_may_not_take_one() {
        as("apprentice", "hr:" + UUID.randomUUID()).get("/apprentices/" + UUID.randomUUID()).then().statusCode(401);
        Map<String, Object> body = new java.util.HashMap<>(dev.mentorship.matching.Api.apprenticeBody(unique("p"), cohort()));
        body.put("subject", "hr:" + UUID.randomUUID());
        as("program-office", "office").body(body).post("/apprentices").then().statusCode(400).contentType("application/problem+json");
    }

    private static io.restassured.specification.RequestSpecification signedIn(String subject, String email, boolean verified) {
        return given().auth().oauth2(DevTokens.mintWithEmail("apprentice", subject, email, verified)).contentType("application/json");
    }


    private String lastId;

    private String deliver(String type, String employee, String email, String department, String timezone) {
        return deliver(type, employee, email, department, timezone, "SRE Apprentice");
    }

    /** Sends a signed Standard Webhooks delivery; returns its id. */
    private String deliver(String type, String employee, String email, String department, String timezone, String jobTitle) {
        String id = "msg_" + UUID.randomUUID();
        lastId = id;
        String body = "{\"type\":\"" + type + "\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"id\":\"" + employee + "\",\"name\":\"Rona Padawan\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + (department == null ? "" : ",\"department\":\"" + department + "\"")
                + (timezone == null ? "" : ",\"timezone\":\"" + timezone + "\"") + (jobTitle == null ? "" : ",\"jobTitle\":\"" + jobTitle + "\"") + "}}";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        byte[] key = Base64.getDecoder().decode(WebhookIntakeTest.STANDARD_SECRET.substring("whsec_".length()));
        String signature = Base64.getEncoder().encodeToString(WebhookVerifier.hmac("HmacSHA256", key,
                (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        given().contentType("application/json").header("webhook-id", id).header("webhook-timestamp", timestamp).header("webhook-signature", "v1," + signature)
                .body(body).post("/webhooks/hr/standard").then().statusCode(202);
        return id;
    }

    /** The delivery once worked out: status and outcome. */
    private static Map<String, Object> processed(String deliveryId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Map<String, Object>> all = as("admin", "root").queryParam("source", "standard").get("/admin/webhooks/deliveries").then()
                    .statusCode(200).extract().path("findAll { it.deliveryId == '" + deliveryId + "' }");
            return all.isEmpty() ? null : all.getFirst();
        }, delivery -> delivery != null && List.of("PROCESSED", "IGNORED", "FAILED").contains(delivery.get("status")));
    }
}
