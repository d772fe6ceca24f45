package dev.mentorship.matching;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A token signed by the trusted key, current and naming a person, is still refused unless it was
 * issued for this API ({@code quarkus.oidc.token.audience}): a token a provider issued to another
 * client would otherwise be good for every service that trusts the same provider.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class AudienceTest {

    private static final Set<String> OFFICE = Set.of("program-office");

    @Inject
    AgroalDataSource jdbc;

    @Inject
    MeterRegistry metrics;

    @Test
    void a_token_for_another_audience_or_none_is_a_401_problem_every_time_and_writes_nothing() throws Exception {
        String name = Api.unique("other-audience");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("another audience", DevTokens.mint(OFFICE, "office-1", Duration.ofHours(1), Set.of("some-other-client")));
        tokens.put("no aud claim", DevTokens.mint(OFFICE, "office-1", Duration.ofHours(1), Set.of()));
        double checked = metrics.counter("tokens.verified.checked").count();
        double remembered = metrics.counter("tokens.verified.remembered").count();

        tokens.forEach((what, token) -> {
            // Twice: a refused token must not be remembered as verified (VerifiedTokens) and let in the second time.
            for (int attempt = 0; attempt < 2; attempt++) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name)).post("/cohorts")
                        .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json");
            }
            given().auth().oauth2(token).get("/mentors").then().statusCode(401).contentType("application/problem+json");
        });

        assertThat(StoredEvents.cohortsNamed(jdbc, name)).isZero();
        assertThat(metrics.counter("tokens.verified.checked").count() - checked).as("verifications").isEqualTo(6);
        assertThat(metrics.counter("tokens.verified.remembered").count() - remembered).as("remembered").isZero();
    }

    @Test
    void a_token_for_this_api_among_other_audiences_is_accepted() {
        String token = DevTokens.mint(OFFICE, "office-1", Duration.ofHours(1), Set.of("some-other-client", DevTokens.AUDIENCE));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", Api.unique("own-audience"))).post("/cohorts")
                .then().statusCode(201);
    }
}
