package dev.mentorship.feedback;

import static dev.mentorship.feedback.Pairs.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.feedback.Pairs.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint with every role, then with every relation to a real match: its apprentice, another
 * apprentice, its mentor, another mentor, the program office, an admin. Who is admitted gets past the
 * checks (no 401, 403 or 5xx); who is not gets 403; no token is 401. Reading another person's
 * assessment is a 404 for everyone, an admin included.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "feedback"))
class AuthorizationMatrixTest {

    private static final List<String> ROLES = List.of("apprentice", "mentor", "program-office", "admin");
    private static final Set<String> STAFF = Set.of("program-office", "admin");
    private static final Set<String> EVERYONE = Set.of("apprentice", "mentor", "program-office", "admin");
    private static final Set<String> PAIR = Set.of("apprentice", "mentor");
    private static final String ID = UUID.randomUUID().toString();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/questionnaires/safety/current", EVERYONE),
                Arguments.of("GET", "/questionnaires/team-safety/1", EVERYONE),
                Arguments.of("POST", "/assessments", PAIR),
                Arguments.of("GET", "/assessments/mine", EVERYONE),
                Arguments.of("GET", "/assessments/" + ID, EVERYONE),
                Arguments.of("POST", "/assessments/" + ID + "/share", Set.of("apprentice")),
                Arguments.of("GET", "/people/me/safety-trend", EVERYONE),
                Arguments.of("GET", "/mentors/me/shared-assessments", Set.of("mentor")),
                Arguments.of("POST", "/concerns", PAIR),
                Arguments.of("GET", "/concerns", STAFF),
                Arguments.of("GET", "/concerns/" + ID, STAFF),
                Arguments.of("POST", "/concerns/" + ID + "/acknowledge", STAFF),
                Arguments.of("POST", "/concerns/" + ID + "/resolve", STAFF),
                Arguments.of("POST", "/check-ins/" + ID + "/feedback", PAIR),
                Arguments.of("GET", "/check-ins/" + ID + "/feedback/mine", PAIR),
                Arguments.of("POST", "/matches/" + ID + "/mentor-feedback", Set.of("apprentice")),
                Arguments.of("GET", "/mentors/me/feedback", Set.of("mentor")),
                Arguments.of("GET", "/cohorts/" + ID + "/safety", STAFF),
                Arguments.of("GET", "/cohorts/" + ID + "/check-in-feedback", STAFF),
                Arguments.of("GET", "/cohorts/" + ID + "/mentor-feedback", STAFF),
                Arguments.of("GET", "/mentorships/" + ID, EVERYONE),
                Arguments.of("GET", "/admin/projections", Set.of("admin")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void roles_are_enforced(String method, String path, Set<String> admitted) {
        assertThat(given().contentType(ContentType.JSON).body("{}").request(method, path).statusCode()).as("no token").isEqualTo(401);
        for (String role : ROLES) {
            int status = as(role, "nobody-" + role).body("{}").request(method, path).statusCode();
            if (admitted.contains(role)) {
                assertThat(status).as(role + " " + method + " " + path).isNotIn(401, 403).isLessThan(500);
            } else {
                assertThat(status).as(role + " " + method + " " + path).isEqualTo(403);
            }
        }
    }

    private record Call(String method, String path, Object body, Set<String> admitted) {
    }

    @Test
    void owners_and_relations_are_enforced() {
        Pair pair = Pair.random(TestKafka.newId());
        Pairs.started(bootstrap, pair);
        Pair other = Pair.random(pair.cohortId());
        Pairs.started(bootstrap, other);
        String assessmentId = pair.apprentice().body(Pairs.safety(4)).post("/assessments").then().statusCode(201).extract().path("assessmentId");

        Map<String, Supplier<RequestSpecification>> callers = new LinkedHashMap<>();
        callers.put("apprentice", pair::apprentice);
        callers.put("other apprentice", other::apprentice);
        callers.put("mentor", pair::mentor);
        callers.put("other mentor", other::mentor);
        callers.put("program office", Pairs::office);
        callers.put("admin", () -> as("admin", "root"));

        Map<String, Integer> ratings = new java.util.HashMap<>();
        for (var quality : dev.mentorship.feedback.rating.Quality.values()) {
            ratings.put(quality.name(), 4);
        }
        List<Call> calls = List.of(
                new Call("GET", "/assessments/" + assessmentId, null, Set.of("apprentice")),
                new Call("POST", "/assessments/" + assessmentId + "/share", null, Set.of("apprentice")),
                new Call("POST", "/concerns", Map.of("matchId", pair.matchId()), Set.of("apprentice", "mentor")),
                new Call("POST", "/matches/" + pair.matchId() + "/mentor-feedback", Map.of("ratings", ratings), Set.of("apprentice")),
                new Call("GET", "/mentorships/" + pair.matchId(), null, Set.of("apprentice", "mentor", "program office", "admin")));
        for (Call call : calls) {
            for (var caller : callers.entrySet()) {
                RequestSpecification request = caller.getValue().get();
                if (call.body() != null) {
                    request.body(call.body());
                }
                int status = request.request(call.method(), call.path()).statusCode();
                String what = caller.getKey() + " " + call.method() + " " + call.path();
                if (call.admitted().contains(caller.getKey())) {
                    assertThat(status).as(what).isNotIn(401, 403, 404).isLessThan(500);
                } else {
                    // Someone else's assessment does not exist for them; everything else is refused.
                    assertThat(status).as(what).isIn(403, 404);
                    if (!call.path().startsWith("/assessments/")) {
                        assertThat(status).as(what).isEqualTo(403);
                    }
                }
            }
        }
    }
}
