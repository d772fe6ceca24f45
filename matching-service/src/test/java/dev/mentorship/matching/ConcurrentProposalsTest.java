package dev.mentorship.matching;

import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proposals sent at the same moment, one by one or as whole rounds, are decided one after the other
 * on what the event store holds: an apprentice is never proposed twice and a mentor never past their
 * capacity. Each test fires its requests together, then counts the open matches in the event store.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ConcurrentProposalsTest {

    private static final List<String> GOALS = List.of("observability");

    @Inject
    AgroalDataSource jdbc;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient client = HttpClient.newHttpClient();
    private final String token = DevTokens.mint("program-office", "office-1");

    @Test
    void one_apprentice_proposed_to_six_mentors_at_once_gets_one_match() throws Exception {
        String apprentice = Api.apprentice(unique("padawan"), Api.cohort());
        List<String> mentors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mentors.add(Api.mentor(unique("jedi")));
        }
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (String mentor : mentors) {
            sent.add(post("matches", Map.of("mentorId", mentor, "apprenticeId", apprentice)));
        }

        List<HttpResponse<String>> answers = answers(sent);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() != 201).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.body()).contains("already has an open match");
        });
        assertThat(openMatchesOfApprentice(apprentice)).isEqualTo(1);
    }

    @Test
    void six_apprentices_proposed_to_one_mentor_of_capacity_two_at_once_fill_two_places() throws Exception {
        String cohort = Api.cohort();
        String mentor = Api.mentor(unique("jedi")); // capacity 2
        List<String> apprentices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            apprentices.add(Api.apprentice(unique("padawan"), cohort));
        }
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (String apprentice : apprentices) {
            sent.add(post("matches", Map.of("mentorId", mentor, "apprenticeId", apprentice)));
        }

        List<HttpResponse<String>> answers = answers(sent);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(2);
        assertThat(answers).filteredOn(answer -> answer.statusCode() != 201).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.body()).contains("at capacity (2 of 2");
        });
        assertThat(openMatchesOfMentor(mentor)).isEqualTo(2);
    }

    @Test
    void rounds_of_two_cohorts_published_at_once_never_fill_a_shared_mentor_past_capacity() throws Exception {
        String shared = Api.mentor(unique("jedi"), GOALS, "America/New_York", 2);
        String east = Api.cohort();
        String west = Api.cohort();
        String eastRound = draft(east, pin(shared, apprentice(east)), pin(shared, apprentice(east)));
        String westRound = draft(west, pin(shared, apprentice(west)), pin(shared, apprentice(west)));

        List<HttpResponse<String>> answers = answers(List.of(publish(east, eastRound), publish(west, westRound)));

        // Each draft fits the mentor's two free places; together they do not: one publication wins whole.
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 422);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 422).singleElement()
                .satisfies(answer -> assertThat(answer.body()).contains("Mentor " + shared + " is at capacity (2 of 2"));
        assertThat(openMatchesOfMentor(shared)).isEqualTo(2);
        assertThat(roundsPublished(eastRound) + roundsPublished(westRound)).isEqualTo(1);
    }

    @Test
    void two_rounds_of_one_cohort_and_a_single_proposal_at_once_propose_each_apprentice_once() throws Exception {
        String cohort = Api.cohort();
        String first = Api.mentor(unique("jedi"), GOALS, "America/New_York", 2);
        String second = Api.mentor(unique("jedi"), GOALS, "America/New_York", 2);
        String third = Api.mentor(unique("jedi"), GOALS, "America/New_York", 2);
        String a = apprentice(cohort);
        String b = apprentice(cohort);
        String one = draft(cohort, pin(first, a), pin(second, b));
        String other = draft(cohort, pin(second, a), pin(first, b));

        List<HttpResponse<String>> answers = answers(List.of(publish(cohort, one), publish(cohort, other),
                post("matches", Map.of("mentorId", third, "apprenticeId", b))));

        assertThat(answers).filteredOn(answer -> answer.statusCode() >= 300).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.body()).contains("already has an open match");
        });
        assertThat(answers).filteredOn(answer -> answer.statusCode() < 300).isNotEmpty();
        // Both rounds propose a and b, so at most one of them goes through; the single proposal for b may beat both,
        // and then a is left for the next round.
        long roundsPublished = answers.subList(0, 2).stream().filter(answer -> answer.statusCode() < 300).count();
        assertThat(roundsPublished).isLessThanOrEqualTo(1);
        assertThat(openMatchesOfApprentice(a)).isEqualTo(roundsPublished);
        assertThat(openMatchesOfApprentice(b)).isEqualTo(1);
        for (String mentor : List.of(first, second, third)) {
            assertThat(openMatchesOfMentor(mentor)).isLessThanOrEqualTo(2);
        }
    }

    private static String apprentice(String cohort) {
        return Api.apprentice(unique("padawan"), cohort, GOALS, "America/New_York");
    }

    /** A draft of {@code cohort} with these pins, once the directory knows its people. */
    @SafeVarargs
    private static String draft(String cohort, Map<String, String>... pins) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> office().body(Map.of("pins", List.of(pins)))
                .post("/cohorts/" + cohort + "/matching-rounds").then().extract(), answer -> answer.statusCode() == 201).path("id");
    }

    private static Map<String, String> pin(String mentorId, String apprenticeId) {
        return Map.of("mentorId", mentorId, "apprenticeId", apprenticeId);
    }

    private CompletableFuture<HttpResponse<String>> publish(String cohort, String round) {
        return send(HttpRequest.newBuilder(URI.create(base + "cohorts/" + cohort + "/matching-rounds/" + round + "/publish"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private CompletableFuture<HttpResponse<String>> post(String path, Map<String, String> body) throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        return client.sendAsync(request.header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<HttpResponse<String>> answers(List<CompletableFuture<HttpResponse<String>>> sent) throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static final String OPEN = "select count(*) from events p where p.type = 'MatchProposed' and p.payload->>%s = ? "
            + "and not exists (select 1 from events e where e.stream_id = p.stream_id and e.type in ('MatchDeclined', 'MatchEnded'))";

    private long openMatchesOfApprentice(String apprentice) throws Exception {
        return StoredEvents.count(jdbc, String.format(OPEN, "'apprenticeId'"), apprentice);
    }

    private long openMatchesOfMentor(String mentor) throws Exception {
        return StoredEvents.count(jdbc, String.format(OPEN, "'mentorId'"), mentor);
    }

    private long roundsPublished(String round) throws Exception {
        return StoredEvents.count(jdbc, "select count(*) from events where stream_id = ? and type = 'MatchingRoundPublished'", "round-" + round);
    }
}
