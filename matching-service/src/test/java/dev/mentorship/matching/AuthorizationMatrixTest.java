package dev.mentorship.matching;

import static dev.mentorship.matching.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint, called with every role by someone who owns nothing: the roles the endpoint does
 * not admit get 403, the ones it admits get past the role check (404 or 400 for the made-up object
 * or empty body here, never 401 or 403 from the role check), and no token is 401.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class AuthorizationMatrixTest {

    private static final List<String> ROLES = List.of("apprentice", "mentor", "program-office", "admin");
    private static final Set<String> STAFF = Set.of("program-office", "admin");
    private static final Set<String> EVERYONE = Set.of("apprentice", "mentor", "program-office", "admin");
    private static final String ID = UUID.randomUUID().toString();

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", "/cohorts", STAFF),
                Arguments.of("GET", "/cohorts/" + ID, EVERYONE),
                Arguments.of("GET", "/apprentices/" + ID + "/match", Set.of("apprentice", "program-office", "admin")),
                Arguments.of("PUT", "/cohorts/" + ID + "/matching-weights", STAFF),
                Arguments.of("PUT", "/cohorts/" + ID + "/owners", STAFF),
                Arguments.of("GET", "/cohorts/" + ID + "/unmatched", STAFF),
                Arguments.of("GET", "/cohorts/" + ID + "/time-to-match", STAFF),
                Arguments.of("POST", "/cohorts/" + ID + "/matching-rounds", STAFF),
                Arguments.of("POST", "/cohorts/" + ID + "/matching-rounds/" + ID + "/publish", STAFF),
                Arguments.of("GET", "/mentors", STAFF),
                Arguments.of("POST", "/mentors", STAFF),
                Arguments.of("GET", "/mentors/" + ID, EVERYONE),
                Arguments.of("PATCH", "/mentors/" + ID, STAFF),
                Arguments.of("PUT", "/mentors/" + ID + "/capacity", STAFF),
                Arguments.of("POST", "/mentors/" + ID + "/offboard", STAFF),
                Arguments.of("GET", "/mentors/" + ID + "/apprentices", Set.of("mentor", "program-office", "admin")),
                Arguments.of("GET", "/mentors/" + ID + "/proposals", Set.of("mentor", "program-office", "admin")),
                Arguments.of("POST", "/apprentices", STAFF),
                Arguments.of("GET", "/apprentices/" + ID, EVERYONE),
                Arguments.of("PATCH", "/apprentices/" + ID, STAFF),
                Arguments.of("POST", "/apprentices/" + ID + "/withdraw", STAFF),
                Arguments.of("GET", "/matches", STAFF),
                Arguments.of("POST", "/matches", STAFF),
                Arguments.of("GET", "/matches/" + ID, EVERYONE),
                Arguments.of("POST", "/matches/" + ID + "/accept", EVERYONE),
                Arguments.of("POST", "/matches/" + ID + "/decline", EVERYONE),
                Arguments.of("POST", "/matches/" + ID + "/end", STAFF),
                Arguments.of("POST", "/matches/" + ID + "/review", STAFF),
                Arguments.of("GET", "/skills", EVERYONE),
                Arguments.of("POST", "/people/me/link", Set.of("apprentice")),
                Arguments.of("GET", "/people/me/export", EVERYONE),
                Arguments.of("GET", "/people/me/access-log", EVERYONE),
                Arguments.of("POST", "/admin/people/nobody-known/erasure", Set.of("admin")),
                Arguments.of("GET", "/admin/people/nobody-known/erasure", Set.of("admin")),
                Arguments.of("GET", "/admin/access-log?subject=nobody-known", Set.of("admin")),
                Arguments.of("GET", "/mentor-candidates", STAFF),
                Arguments.of("POST", "/mentor-candidates/" + ID + "/dismiss", STAFF),
                Arguments.of("GET", "/admin/webhooks/deliveries", Set.of("admin")),
                Arguments.of("GET", "/admin/projections", Set.of("admin")),
                Arguments.of("POST", "/admin/projections/no-such-projection/rebuild", Set.of("admin")));
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
}
