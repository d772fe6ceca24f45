package dev.mentorship.matching.hr;

import static dev.mentorship.matching.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.mentorship.devstack.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Deliveries as the HR tools send them, signed with the test profile's secrets. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIntakeTest {

    static final String STANDARD_SECRET = "whsec_dGVzdC1zdGFuZGFyZC1zZWNyZXQtb25lLTMyYnl0ZXM=";
    static final String ROTATED_SECRET = "whsec_dGVzdC1zdGFuZGFyZC1zZWNyZXQtdHdvLTMyYnl0ZXM=";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void a_signed_standard_delivery_is_stored_once_a_replay_changes_nothing_and_its_id_with_another_body_is_refused() {
        String id = "msg_" + UUID.randomUUID();
        String body = hired("E-" + UUID.randomUUID());
        String stored = standard(id, body, STANDARD_SECRET, Instant.now()).post("/webhooks/hr/standard").then().statusCode(202)
                .body("deliveryId", equalTo(id)).body("status", equalTo("RECEIVED")).body("replayed", equalTo(false)).extract().path("id");
        standard(id, body, STANDARD_SECRET, Instant.now()).post("/webhooks/hr/standard").then().statusCode(200).body("replayed", equalTo(true))
                .body("id", equalTo(stored));
        standard(id, hired("E-other"), STANDARD_SECRET, Instant.now()).post("/webhooks/hr/standard").then().statusCode(409)
                .contentType("application/problem+json");
        // The rotated secret passes as well as the old one.
        standard("msg_" + UUID.randomUUID(), body, ROTATED_SECRET, Instant.now()).post("/webhooks/hr/standard").then().statusCode(202);

        as("admin", "root").queryParam("source", "standard").get("/admin/webhooks/deliveries").then().statusCode(200)
                .body("deliveryId", hasItem(id));
        // While the processor works the delivery out (it may have claimed it by now) a replay is refused with 409; then it is taken.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as("admin", "root").post("/admin/webhooks/deliveries/" + stored + "/replay")
                .then().statusCode(200).body("status", equalTo("RECEIVED")).body("deliveryId", equalTo(id)));
        as("admin", "root").post("/admin/webhooks/deliveries/no-such-delivery/replay").then().statusCode(404).contentType("application/problem+json");
        as("admin", "root").post("/admin/webhooks/deliveries/" + UUID.randomUUID() + "/replay").then().statusCode(404);
        as("admin", "root").queryParam("status", "DONE").get("/admin/webhooks/deliveries").then().statusCode(400)
                .contentType("application/problem+json");
        as("program-office", "office").get("/admin/webhooks/deliveries").then().statusCode(403);
    }

    @Test
    void unsigned_wrongly_signed_stale_future_malformed_or_mistyped_deliveries_are_refused_and_nothing_is_stored() throws Exception {
        long before = stored();
        String body = hired("E-" + UUID.randomUUID());
        given().contentType("application/json").body(body).post("/webhooks/hr/standard").then().statusCode(401).contentType("application/problem+json");
        standard("msg_" + UUID.randomUUID(), body, "whsec_" + Base64.getEncoder().encodeToString("wrong".getBytes()), Instant.now())
                .post("/webhooks/hr/standard").then().statusCode(401);
        standard("msg_" + UUID.randomUUID(), body, STANDARD_SECRET, Instant.now().minusSeconds(600)).post("/webhooks/hr/standard").then().statusCode(401);
        standard("msg_" + UUID.randomUUID(), body, STANDARD_SECRET, Instant.now().plusSeconds(600)).post("/webhooks/hr/standard").then().statusCode(401);
        standard("msg_" + UUID.randomUUID(), "{\"type\": ", STANDARD_SECRET, Instant.now()).post("/webhooks/hr/standard").then().statusCode(400)
                .contentType("application/problem+json");
        standard("msg_" + UUID.randomUUID(), "{\"type\":\"employee.hired\",\"data\":{\"id\":{\"nested\":1}}}", STANDARD_SECRET, Instant.now())
                .post("/webhooks/hr/standard").then().statusCode(400).contentType("application/problem+json");
        standard("msg_" + UUID.randomUUID(), body, STANDARD_SECRET, Instant.now()).contentType("text/plain").post("/webhooks/hr/standard").then()
                .statusCode(415).contentType("application/problem+json");
        oversized(() -> standard("msg_" + UUID.randomUUID(), "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}", STANDARD_SECRET, Instant.now())
                .post("/webhooks/hr/standard").then().statusCode(413).contentType("application/problem+json"));
        given().contentType("application/json").body(body).post("/webhooks/hr/workday").then().statusCode(404);
        assertThat(stored()).isEqualTo(before);
        assertThat(rejected()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void a_delivery_may_be_up_to_one_mebibyte_while_the_api_keeps_its_256_kibibytes() {
        String id = "msg_" + UUID.randomUUID();
        String large = "{\"type\":\"employee.updated\",\"data\":{\"id\":\"E-large\",\"notes\":\"" + "x".repeat(1024 * 1024 - 200) + "\"}}";
        assertThat(large.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024 * 1024).isGreaterThan(1000 * 1024);
        standard(id, large, STANDARD_SECRET, Instant.now()).post("/webhooks/hr/standard").then().statusCode(202);
        oversized(() -> as("program-office", "office").contentType("application/json").body("{\"name\":\"" + "x".repeat(300 * 1024) + "\"}")
                .post("/cohorts").then().statusCode(413).contentType("application/problem+json"));
    }

    @Test
    void bamboohr_hibob_and_personio_deliveries_as_each_tool_sends_them() {
        String bamboo = "{\"employees\":[{\"id\":\"" + UUID.randomUUID() + "\",\"action\":\"Created\",\"timestamp\":\"2026-12-01T09:00:00+00:00\","
                + "\"fields\":{\"firstName\":\"Rona\",\"lastName\":\"Padawan\",\"workEmail\":\"rona@example.com\",\"jobTitle\":\"SRE Apprentice\","
                + "\"department\":\"Reliability\"},\"changedFields\":[\"firstName\",\"lastName\",\"workEmail\"]}]}";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = HexFormat.of().formatHex(WebhookVerifier.hmac("HmacSHA256", "test-bamboohr-secret".getBytes(StandardCharsets.UTF_8),
                (bamboo + timestamp).getBytes(StandardCharsets.UTF_8)));
        given().contentType("application/json").header("X-BambooHR-Signature", signature).header("X-BambooHR-Timestamp", timestamp).body(bamboo)
                .post("/webhooks/hr/bamboohr").then().statusCode(202);
        given().contentType("application/json").header("X-BambooHR-Signature", signature).header("X-BambooHR-Timestamp", timestamp).body(bamboo)
                .post("/webhooks/hr/bamboohr").then().statusCode(200).body("replayed", equalTo(true));
        given().contentType("application/json").header("X-BambooHR-Signature", "00" + signature.substring(2))
                .header("X-BambooHR-Timestamp", timestamp).body(bamboo).post("/webhooks/hr/bamboohr").then().statusCode(401);

        String bob = "{\"companyId\":123456,\"type\":\"employee.created\",\"triggeredBy\":\"1234\",\"triggeredAt\":\"2026-12-01T09:00:00.000Z\","
                + "\"version\":\"v2\",\"data\":{\"employeeId\":\"" + UUID.randomUUID() + "\"}}";
        String bobSignature = Base64.getEncoder().encodeToString(WebhookVerifier.hmac("HmacSHA512", "test-hibob-secret".getBytes(StandardCharsets.UTF_8),
                bob.getBytes(StandardCharsets.UTF_8)));
        given().contentType("application/json").header("Bob-Signature", bobSignature).body(bob).post("/webhooks/hr/hibob").then().statusCode(202);
        given().contentType("application/json").header("Bob-Signature", "bm9wZQ==").body(bob).post("/webhooks/hr/hibob").then().statusCode(401);

        String personio = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"employee.updated\",\"attributes\":{\"email\":\"rona@example.com\"}}";
        given().contentType("application/json").header("Authorization", "Bearer test-personio-token").body(personio).post("/webhooks/hr/personio")
                .then().statusCode(202);
        given().contentType("application/json").header("Authorization", "Bearer guessed").body(personio).post("/webhooks/hr/personio").then()
                .statusCode(401);
    }

    /** Last: it spends personio's rate for the minute. */
    @Test
    @Order(Integer.MAX_VALUE)
    void a_source_over_its_rate_is_answered_429_with_retry_after() {
        String body = "{\"id\":\"rate\",\"type\":\"employee.updated\"}";
        int status = 0;
        String retryAfter = null;
        // The test profile's rate is 40 a minute; twice that and one more crosses it even when a minute turns meanwhile.
        for (int i = 0; i < 81 && status != 429; i++) {
            var response = given().contentType("application/json").header("Authorization", "Bearer test-personio-token")
                    .body(body.replace("rate", "rate-" + i)).post("/webhooks/hr/personio");
            status = response.statusCode();
            retryAfter = response.header("Retry-After");
        }
        assertThat(status).isEqualTo(429);
        assertThat(retryAfter).isEqualTo("60");
    }

    private static RequestSpecification standard(String id, String body, String secret, Instant at) {
        String timestamp = String.valueOf(at.getEpochSecond());
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String signature = Base64.getEncoder().encodeToString(WebhookVerifier.hmac("HmacSHA256", key,
                (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return given().contentType("application/json").header("webhook-id", id).header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + signature).body(body);
    }

    static String hired(String employeeId) {
        return "{\"type\":\"employee.hired\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"id\":\"" + employeeId + "\",\"name\":\"Rona Padawan\","
                + "\"email\":\"rona@example.com\",\"jobTitle\":\"SRE Apprentice\",\"department\":\"Reliability\",\"managerId\":\"M-1\","
                + "\"timezone\":\"Europe/Berlin\"}}";
    }

    private long stored() throws Exception {
        return count("select count(*) from hr_deliveries");
    }

    private long rejected() throws Exception {
        return count("select count(*) from hr_rejected_deliveries");
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * A request over the body limit: the service answers 413 as soon as the declared length is over it
     * and closes the connection, so a client still writing the body may see a broken pipe instead of
     * the answer; it asks again until it reads the answer.
     */
    private static void oversized(org.awaitility.core.ThrowingRunnable request) {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptionsMatching(failure -> failure instanceof java.net.SocketException)
                .untilAsserted(request);
    }
}
