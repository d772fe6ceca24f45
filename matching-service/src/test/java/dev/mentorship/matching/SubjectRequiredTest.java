package dev.mentorship.matching;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A token signed by the trusted key but naming no person (no {@code sub}, a blank one, one past the
 * 255 characters OpenID Connect allows) is a 401 on every endpoint; a program-office command with
 * one failed as a 500 before.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class SubjectRequiredTest {

    private static final Set<String> OFFICE = Set.of("program-office");

    @Inject
    AgroalDataSource jdbc;

    @Test
    void a_token_without_a_usable_subject_is_a_401_problem_and_writes_nothing() throws Exception {
        String name = Api.unique("no-subject");
        Map<String, String> tokens = Map.of(
                "no sub claim", DevTokens.mint(OFFICE, null, Duration.ofHours(1)),
                "a blank sub", DevTokens.mint(OFFICE, "  ", Duration.ofHours(1)),
                "a sub of 256 characters", DevTokens.mint(OFFICE, "s".repeat(256), Duration.ofHours(1)));

        tokens.forEach((what, token) -> {
            // Twice: a refused token must not be remembered as verified either.
            for (int attempt = 0; attempt < 2; attempt++) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name)).post("/cohorts")
                        .then().statusCode(401).contentType("application/problem+json")
                        .body("detail", containsString("subject"));
            }
            // An endpoint that never asks who the caller is refuses it the same way.
            given().auth().oauth2(token).get("/mentors").then().statusCode(401);
        });

        assertThat(StoredEvents.cohortsNamed(jdbc, name)).isZero();
    }

    @Test
    void a_subject_of_255_characters_is_accepted() throws Exception {
        String name = Api.unique("long-subject");
        String subject = Api.unique("s").concat("s".repeat(255)).substring(0, 255);

        String id = given().auth().oauth2(DevTokens.mint(OFFICE, subject, Duration.ofHours(1))).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/cohorts").then().statusCode(201).extract().path("id");

        Api.office().get("/cohorts/" + id).then().statusCode(200).body("name", equalTo(name));
        assertThat(StoredEvents.cohortsNamed(jdbc, name)).isEqualTo(1);
    }
}
