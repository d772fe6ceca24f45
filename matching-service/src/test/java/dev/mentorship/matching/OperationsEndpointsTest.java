package dev.mentorship.matching;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class OperationsEndpointsTest {

    @Test
    void readiness_covers_the_database_kafka_and_projections() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("projections", "Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void the_api_is_described_and_metrics_are_exported() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/matches/{id}/accept"))
                // Request bodies carry examples, which Swagger UI shows as the sample payload.
                .body(containsString("tammy@example.com")).body(containsString("maths teacher, coding bootcamp"))
                .body(containsString("/cohorts/{id}/matching-weights"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("outbox_published"));
    }
}
