package dev.mentorship.matching;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics on the management interface, a port of its own that no API caller reaches; the
 * API description on the API's port, open to anyone in this profile (in {@code prod} only to callers
 * with a token: {@code ProductionSecurityTest}).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class OperationsEndpointsTest {

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void readiness_covers_the_database_kafka_and_projections() {
        given().get(readiness).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("projections", "Kafka connection health check"));
        given().get(liveness).then().statusCode(200);
    }

    @Test
    void the_api_is_described_and_metrics_are_exported() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/matches/{id}/accept"))
                // Request bodies carry examples, which Swagger UI shows as the sample payload.
                .body(containsString("tammy@example.com")).body(containsString("maths teacher, coding bootcamp"))
                .body(containsString("/cohorts/{id}/matching-weights"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get(metrics).then().statusCode(200).body(containsString("outbox_published"));
    }

    @Test
    void health_and_metrics_are_not_served_on_the_api_port() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"}) {
            given().get(path).then().statusCode(404);
        }
    }
}
