package dev.mentorship.matching;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A bearer token sent again is not verified again, and what is remembered never widens access: each
 * request still acts as its own token's subject and roles, a remembered token stops working when it
 * expires, and any other text (a tampered token) is verified afresh.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class VerifiedTokensTest {

    @Inject
    MeterRegistry metrics;

    @Test
    void a_token_sent_again_is_remembered_and_each_request_keeps_its_own_caller() {
        String alice = Api.unique("mentor-alice");
        String bob = Api.unique("mentor-bob");
        String alicesProfile = Api.mentor(alice);
        String alicesToken = DevTokens.mint("mentor", alice);
        String bobsToken = DevTokens.mint("mentor", bob);
        String officeOnly = "/cohorts/" + Api.cohort() + "/unmatched";
        double checked = count("tokens.verified.checked");
        double remembered = count("tokens.verified.remembered");

        for (int round = 0; round < 3; round++) {
            assertThat(status(alicesToken, "/mentors/" + alicesProfile)).as("Alice reads her own profile").isEqualTo(200);
            assertThat(status(bobsToken, "/mentors/" + alicesProfile)).as("Bob reads Alice's profile").isEqualTo(403);
            assertThat(status(bobsToken, officeOnly)).as("Bob reads what only the program office may").isEqualTo(403);
        }

        assertThat(count("tokens.verified.checked") - checked).as("verifications").isEqualTo(2);
        assertThat(count("tokens.verified.remembered") - remembered).as("requests served by a remembered verification").isEqualTo(7);
    }

    @Test
    void a_remembered_token_stops_working_when_it_expires() {
        String officeOnly = "/cohorts/" + Api.cohort() + "/unmatched";
        String token = DevTokens.mint(Set.of("program-office"), Api.unique("office"), Duration.ofSeconds(3));
        assertThat(status(token, officeOnly)).isEqualTo(200);
        assertThat(status(token, officeOnly)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(status(token, officeOnly)).isEqualTo(401));
    }

    @Test
    void a_tampered_copy_of_a_remembered_token_is_refused() {
        String officeOnly = "/cohorts/" + Api.cohort() + "/unmatched";
        String token = DevTokens.mint("mentor", Api.unique("mentor"));
        assertThat(status(token, "/skills")).isEqualTo(200);
        String[] parts = token.split("\\.");
        // Same header and signature, claims swapped for a program office's: the signature no longer matches.
        String forged = parts[0] + "." + DevTokens.mint("program-office", "office-1").split("\\.")[1] + "." + parts[2];

        assertThat(status(forged, officeOnly)).isEqualTo(401);
        assertThat(status(token, officeOnly)).as("the genuine token keeps its own role").isEqualTo(403);
    }

    private static int status(String token, String path) {
        return given().auth().oauth2(token).get(path).statusCode();
    }

    private double count(String name) {
        return metrics.counter(name).count();
    }
}
