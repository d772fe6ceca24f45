package dev.mentorship.progress;

import static dev.mentorship.progress.Journeys.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.progress.Journeys.Pair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Every endpoint with every role, and then with every relation to a real apprentice and match: the
 * apprentice themself, another apprentice, their current mentor, their former mentor, another mentor,
 * the program office. Who is admitted gets past the checks (any answer but 401, 403 or a 5xx); who is
 * not gets 403; no token is 401.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class AuthorizationMatrixTest {

    private static final List<String> ROLES = List.of("apprentice", "mentor", "program-office", "admin");
    private static final Set<String> STAFF = Set.of("program-office", "admin");
    private static final Set<String> EVERYONE = Set.of("apprentice", "mentor", "program-office", "admin");
    private static final String ID = UUID.randomUUID().toString();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static Stream<Arguments> endpoints() {
        String apprentice = "/apprentices/" + ID;
        return Stream.of(
                Arguments.of("GET", "/curricula/current", EVERYONE),
                Arguments.of("GET", "/curricula/1", EVERYONE),
                Arguments.of("POST", "/curricula", STAFF),
                Arguments.of("GET", apprentice + "/progress", EVERYONE),
                Arguments.of("GET", apprentice + "/timeline", EVERYONE),
                Arguments.of("POST", apprentice + "/milestones/study-hall/start", Set.of("apprentice")),
                Arguments.of("POST", apprentice + "/milestones/study-hall/evidence", Set.of("apprentice")),
                Arguments.of("POST", apprentice + "/milestones/study-hall/sign-off", Set.of("mentor")),
                Arguments.of("POST", apprentice + "/milestones/study-hall/return", Set.of("mentor")),
                Arguments.of("POST", apprentice + "/shadow-shifts", Set.of("apprentice")),
                Arguments.of("POST", apprentice + "/curriculum", STAFF),
                Arguments.of("POST", apprentice + "/interview-loops", STAFF),
                Arguments.of("POST", apprentice + "/interview-loops/" + ID + "/outcome", STAFF),
                Arguments.of("PUT", "/matches/" + ID + "/check-in-cadence", EVERYONE),
                Arguments.of("POST", "/matches/" + ID + "/check-ins", Set.of("apprentice", "mentor")),
                Arguments.of("GET", "/matches/" + ID + "/check-ins", EVERYONE),
                Arguments.of("GET", "/mentors/me/apprentices", Set.of("mentor")),
                Arguments.of("GET", "/cohorts/" + ID + "/progress", STAFF),
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

    /** One request, and the callers it admits among those named in {@link #owners_and_relations_are_enforced()}. */
    private record Call(String method, String path, Map<String, Object> body, Set<String> admitted) {
    }

    @Test
    void owners_and_relations_are_enforced() {
        Journeys.shippedCatalogueCurrent();
        Pair former = Pair.random(TestKafka.newId());
        Journeys.matched(bootstrap, former, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(20)));
        Journeys.ended(bootstrap, former, "REMATCHED");
        Pair current = former.rematched();
        Journeys.started(bootstrap, current, Instant.now().minus(Duration.ofDays(10)));
        Pair other = Pair.random(former.cohortId());
        Journeys.matched(bootstrap, other, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(20)));
        current.apprentice().post(current.path("/milestones/study-hall/start")).then().statusCode(200);
        current.apprentice().body(Journeys.EVIDENCE).post(current.path("/milestones/study-hall/evidence")).then().statusCode(200);

        Map<String, Supplier<RequestSpecification>> callers = new LinkedHashMap<>();
        callers.put("apprentice", current::apprentice);
        callers.put("other apprentice", other::apprentice);
        callers.put("current mentor", current::mentor);
        callers.put("former mentor", former::mentor);
        callers.put("other mentor", other::mentor);
        callers.put("program office", Journeys::office);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Instant shiftEnd = Instant.now().minus(Duration.ofHours(1));
        List<Call> calls = List.of(
                new Call("GET", current.path("/progress"), null, Set.of("apprentice", "current mentor", "program office")),
                new Call("GET", current.path("/timeline"), null, Set.of("apprentice", "current mentor", "program office")),
                new Call("GET", current.path("/progress?asOf=" + Instant.now().minus(Duration.ofMinutes(1))), null,
                        Set.of("apprentice", "current mentor", "program office")),
                new Call("POST", current.path("/milestones/find-the-regression/start"), null, Set.of("apprentice")),
                new Call("POST", current.path("/milestones/find-the-regression/evidence"), Journeys.EVIDENCE, Set.of("apprentice")),
                new Call("POST", current.path("/milestones/study-hall/return"), Map.of("comment", "More"), Set.of("current mentor")),
                new Call("POST", current.path("/milestones/find-the-regression/sign-off"), null, Set.of("current mentor")),
                new Call("POST", current.path("/shadow-shifts"), Map.of("start", shiftEnd.minus(Duration.ofHours(8)).toString(),
                        "end", shiftEnd.toString()), Set.of("apprentice")),
                new Call("POST", current.path("/curriculum"), Map.of("version", 1), Set.of("program office")),
                new Call("POST", current.path("/interview-loops"), Map.of("scheduledFor", Instant.now().plus(Duration.ofDays(3)).toString()),
                        Set.of("program office")),
                new Call("POST", current.path("/interview-loops/" + ID + "/outcome"), Map.of("passed", true), Set.of("program office")),
                new Call("PUT", "/matches/" + current.matchId() + "/check-in-cadence", Map.of("days", 14),
                        Set.of("apprentice", "current mentor", "program office")),
                new Call("POST", "/matches/" + current.matchId() + "/check-ins", Map.of("date", today, "minutes", 30),
                        Set.of("apprentice", "current mentor")),
                new Call("GET", "/matches/" + current.matchId() + "/check-ins", null, Set.of("apprentice", "current mentor", "program office")),
                // The ended match: its apprentice still reads it; its mentor, now former, nothing.
                new Call("GET", "/matches/" + former.matchId() + "/check-ins", null, Set.of("apprentice", "program office")),
                new Call("GET", "/cohorts/" + former.cohortId() + "/progress", null, Set.of("program office")));

        // A mentor's list holds their current apprentices only.
        current.mentor().get("/mentors/me/apprentices").then().statusCode(200)
                .body("apprenticeId", org.hamcrest.Matchers.hasItem(current.apprenticeId()));
        former.mentor().get("/mentors/me/apprentices").then().statusCode(200)
                .body("apprenticeId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(current.apprenticeId())));

        for (Call call : calls) {
            for (var caller : callers.entrySet()) {
                RequestSpecification request = caller.getValue().get();
                if (call.body() != null) {
                    request.body(call.body());
                }
                int status = request.request(call.method(), call.path()).statusCode();
                String what = caller.getKey() + " " + call.method() + " " + call.path();
                if (call.admitted().contains(caller.getKey())) {
                    assertThat(status).as(what).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(status).as(what).isEqualTo(403);
                }
            }
        }
    }
}
