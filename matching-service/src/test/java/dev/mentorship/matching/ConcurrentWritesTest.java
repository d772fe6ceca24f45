package dev.mentorship.matching;

import static dev.mentorship.matching.Api.mentor;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many clients changing one stream at once, without If-Match: each change either commits on top of
 * the version it read or is refused as a 409 problem (never a 500), and the stream's version counts
 * exactly the committed ones, so nothing acknowledged is lost and nothing refused is written.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class ConcurrentWritesTest {

    @TestHTTPResource("/mentors")
    URL mentors;

    @Test
    void concurrent_changes_to_one_stream_each_commit_or_get_a_409_and_the_version_counts_the_commits() throws Exception {
        String mentorId = mentor(unique("jedi"));
        String token = DevTokens.mint("program-office", "office-1");
        HttpClient client = HttpClient.newHttpClient();
        // Distinct capacities, none equal to the registered 2, so every accepted change appends one event.
        List<Integer> capacities = IntStream.rangeClosed(3, 18).boxed().toList();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int capacity : capacities) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(URI.create(mentors + "/" + mentorId + "/capacity"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"capacity\":" + capacity + "}")).build(), HttpResponse.BodyHandlers.ofString()));
        }

        List<Integer> committed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            HttpResponse<String> response = sent.get(i).get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
            if (response.statusCode() == 200) {
                committed.add(capacities.get(i));
            } else {
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.body()).contains("concurrent-change");
            }
        }

        assertThat(committed).isNotEmpty();
        int capacity = office().get("/mentors/" + mentorId).then().statusCode(200)
                .header("ETag", "\"" + (1 + committed.size()) + "\"").extract().path("capacity");
        assertThat(committed).contains(capacity);
    }
}
