package dev.mentorship.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation each service publishes in its OpenAPI document, sent bad input of every kind the
 * document lets a sweep derive: odd path ids, odd query values, malformed bodies, and each field of
 * a body set to values of the wrong type, size or content. The answer is never a 5xx, every 4xx is
 * {@code application/problem+json}, and a refused command on matching-service writes no event. Each
 * address, asked with a method it does not take, is a 405 whose {@code Allow} lists what the
 * document lists. A new endpoint joins the sweep by being in the document.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.class)
class BadInputSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PATH_PARAMETERS = List.of("x", "%20", "%2F", "..", "%ff", "%c0%af", "%E2%80%AE", "a".repeat(1000),
            "00000000-0000-0000-0000-000000000000");
    private static final List<String> QUERY_VALUES = List.of("-1", "0", "999999999999999999999", "abc", "", "1.5", "true", "2026-13-01",
            "%ff", "x".repeat(2000));
    private static final List<byte[]> RAW_BODIES = Stream.of("", "null", "[]", "\"text\"", "123", "{", "{}}", "{\"a\":1,}", "1e99999999",
                    "{\"name\":1e99999999}", "{\"name\":\"a\\u0000b\"}", "{\"name\":\"a\\ud800b\"}", "\ufeff{}", "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000))
            .map(body -> body.getBytes(StandardCharsets.UTF_8)).toList();
    private static final List<Object> FIELD_VALUES = Arrays.asList(null, "", " ", "a\u0000b", List.of("\u0000"), "x".repeat(5000), -1, 0, 2_147_483_648L, Long.MAX_VALUE, 1e308,
            -1e308, 1.5, true, List.of(), Map.of(), "2026-13-45", "9999-12-31", "-999999999-01-01", "P1000000D", "Z", "not a uuid",
            "../../etc/passwd", "<script>", Map.of("$ne", 1), List.of(List.of()), "1e400", "\u202e");

    private static Platform platform;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, String> TOKENS = Map.of("program-office", DevTokens.mint("program-office", "sweep-office"),
            "admin", DevTokens.mint("admin", "sweep-admin"), "scim-provisioner", DevTokens.mint("scim-provisioner", "sweep-idp"));
    private static final Map<String, String> SEEDED = new LinkedHashMap<>();
    private static Map<String, Object> mentor;
    private static Map<String, Object> apprentice;
    private static Connection matchingDatabase;

    @BeforeAll
    static void startPlatform(Platform shared) throws Exception {
        platform = shared;
        matchingDatabase = DriverManager.getConnection(platform.postgres().jdbcUrl("matching"), platform.postgres().user(),
                platform.postgres().password());
        SEEDED.put("/cohorts", create("/cohorts", Map.of("name", "Sweep")));
        mentor = Map.of("name", "Mira", "email", "mira@example.com", "subject", "mira", "sreExperienceYears", 7,
                "skills", List.of("observability"), "timezone", "Europe/Berlin", "capacity", 2, "managerId", "manager-m");
        apprentice = Map.of("name", "Ari", "email", "ari@example.com", "subject", "ari", "background", "support",
                "goals", List.of("observability"), "timezone", "Europe/Berlin", "cohortId", SEEDED.get("/cohorts"), "managerId", "manager-a");
        SEEDED.put("/mentors", create("/mentors", mentor));
        SEEDED.put("/apprentices", create("/apprentices", apprentice));
        SEEDED.put("/matches", create("/matches", Map.of("mentorId", SEEDED.get("/mentors"), "apprenticeId", SEEDED.get("/apprentices"))));
    }

    @AfterAll
    static void stopPlatform() throws SQLException {
        if (matchingDatabase != null) {
            matchingDatabase.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> every_operation_answers_bad_input_with_a_problem_and_never_a_5xx() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Service service : Service.values()) {
            JsonNode document = JSON.readTree(send("GET", platform.serviceUrl(service) + "/q/openapi?format=json", null, "admin").body());
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                tests.add(DynamicTest.dynamicTest("a method " + path.getKey() + " does not take (" + service.module + ")",
                        () -> refusedMethod(service, path.getKey(), path.getValue())));
                for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                    Map.Entry<String, JsonNode> operation = operations.next();
                    if (List.of("get", "post", "put", "patch", "delete").contains(operation.getKey())) {
                        String method = operation.getKey().toUpperCase();
                        tests.add(DynamicTest.dynamicTest(method + " " + path.getKey() + " (" + service.module + ")",
                                () -> sweep(service, document, method, path.getKey(), operation.getValue())));
                    }
                }
            }
        }
        assertThat(tests).as("operations found in the OpenAPI documents").hasSizeGreaterThan(30);
        return tests.stream();
    }

    @Test
    @Order(2)
    void after_the_sweep_every_service_is_ready_and_the_seeded_records_still_read_back() throws Exception {
        for (Service service : Service.values()) {
            HttpResponse<String> ready = send("GET", platform.managementUrl(service) + "/q/health/ready", null, "admin");
            assertThat(ready.statusCode()).as(service.module + " readiness: " + ready.body()).isEqualTo(200);
        }
        for (Map.Entry<String, String> seeded : SEEDED.entrySet()) {
            HttpResponse<String> read = send("GET", platform.serviceUrl(Service.MATCHING) + seeded.getKey() + "/" + seeded.getValue(), null,
                    "program-office");
            assertThat(read.statusCode()).as(seeded.getKey() + ": " + read.body()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).get("id").asText()).isEqualTo(seeded.getValue());
        }
    }

    private static void sweep(Service service, JsonNode document, String method, String template, JsonNode operation) throws Exception {
        String base = platform.serviceUrl(service);
        String role = role(template);
        String errorType = errorType(template);
        boolean mutating = !method.equals("GET");
        List<String> violations = new ArrayList<>();
        Sender sender = (path, body, what) -> {
            long eventsBefore = service == Service.MATCHING && mutating ? ownEvents() : 0;
            HttpResponse<String> answer = send(method, base + path, body, role);
            int status = answer.statusCode();
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (status >= 500) {
                violations.add(what + ": " + status + " " + abbreviate(answer.body()));
            } else if (status >= 400 && !type.startsWith(errorType)) {
                violations.add(what + ": " + status + " as '" + type + "' " + abbreviate(answer.body()));
            } else if (status >= 400 && service == Service.MATCHING && mutating && ownEvents() != eventsBefore) {
                violations.add(what + ": " + status + " but an event was written");
            } else if (status < 300 && mutating) {
                settle();
            }
        };
        String valid = fill(template, null);
        if (template.contains("{")) {
            for (String id : PATH_PARAMETERS) {
                sender.send(fill(template, id), mutating ? "{}".getBytes(StandardCharsets.UTF_8) : null, "path parameters " + abbreviate(id));
            }
        }
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("query")) {
                for (String value : QUERY_VALUES) {
                    sender.send(valid + "?" + parameter.get("name").asText() + "=" + value, mutating ? "{}".getBytes(StandardCharsets.UTF_8) : null,
                            "query " + parameter.get("name").asText() + "=" + abbreviate(value));
                }
            }
        }
        JsonNode body = operation.path("requestBody").path("content").path("application/json");
        if (!body.isMissingNode()) {
            for (byte[] raw : RAW_BODIES) {
                sender.send(valid, raw, "body " + abbreviate(new String(raw, StandardCharsets.UTF_8)));
            }
            JsonNode schema = resolve(document, body.path("schema"));
            Map<String, Object> example = template.equals("/mentors") ? mentor : template.equals("/apprentices") ? apprentice : Map.of();
            for (Iterator<String> fields = schema.path("properties").fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                for (Object value : FIELD_VALUES) {
                    ObjectNode sent = JSON.createObjectNode();
                    schema.path("properties").fieldNames().forEachRemaining(name -> sent.set(name, JSON.valueToTree(example.getOrDefault(name, "x"))));
                    if (example.containsKey("email")) {
                        // Unique per request, so that a value accepted once is not refused as a duplicate person the next time.
                        String unique = "s" + UUID.randomUUID().toString().substring(0, 8);
                        sent.put("email", unique + "@example.com");
                        sent.put("subject", unique);
                    }
                    sent.set(field, JSON.valueToTree(value));
                    sender.send(valid, JSON.writeValueAsBytes(sent), "field " + field + "=" + abbreviate(JSON.writeValueAsString(value)));
                }
            }
        }
        assertThat(violations).as(method + " " + template).isEmpty();
    }

    /** A 405 problem whose Allow header lists what the document lists for the address, with HEAD for GET and OPTIONS. */
    private static void refusedMethod(Service service, String template, JsonNode operations) throws Exception {
        Set<String> documented = new TreeSet<>();
        operations.fieldNames().forEachRemaining(name -> documented.add(name.toUpperCase()));
        documented.retainAll(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        String refused = Stream.of("DELETE", "PUT", "PATCH", "POST").filter(method -> !documented.contains(method)).findFirst().orElseThrow();
        if (documented.contains("GET")) {
            documented.add("HEAD");
        }
        documented.add("OPTIONS");

        HttpResponse<String> answer = send(refused, platform.serviceUrl(service) + fill(template, null), null, role(template));

        assertThat(answer.statusCode()).as(refused + " " + template + ": " + answer.body()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(errorType(template)));
        assertThat(answer.headers().firstValue("Allow")).as("Allow of " + template + " (" + service.module + ")").hasValue(String.join(", ", documented));
    }

    private static String role(String template) {
        return template.startsWith("/admin") ? "admin" : template.startsWith("/scim/") ? "scim-provisioner" : "program-office";
    }

    /** SCIM answers its refusals as SCIM errors (RFC 7644, 3.12), which its clients read; the rest of the API as problems. */
    private static String errorType(String template) {
        return template.startsWith("/scim/") ? "application/scim+json" : "application/problem+json";
    }

    @FunctionalInterface
    private interface Sender {
        void send(String path, byte[] body, String what) throws Exception;
    }

    /** The template with the seeded record of its collection in {@code {id}}, or {@code id} in every parameter. */
    private static String fill(String template, String id) {
        String filled = template;
        for (String name : List.of("id", "cohortId", "apprenticeId", "matchId", "roundId", "name", "milestoneId", "version", "loopId",
                "questionnaireId", "assessmentId", "concernId", "checkInId", "source", "candidateId", "subject")) {
            String value = id != null ? id : switch (name) {
                case "id" -> SEEDED.entrySet().stream().filter(seeded -> template.startsWith(seeded.getKey() + "/"))
                        .map(Map.Entry::getValue).findFirst().orElse(UUID.randomUUID().toString());
                case "cohortId" -> SEEDED.get("/cohorts");
                case "apprenticeId" -> SEEDED.get("/apprentices");
                case "matchId" -> SEEDED.get("/matches");
                case "name" -> "directory";
                case "milestoneId" -> "trace-the-failing-endpoint";
                case "questionnaireId" -> "safety";
                case "source" -> "standard";
                case "version" -> "1";
                default -> UUID.randomUUID().toString();
            };
            filled = filled.replace("{" + name + "}", value);
        }
        return filled;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String ref = resolved.get("$ref").asText();
            resolved = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return resolved;
    }

    /** Events matching-service wrote itself (the consumed ones have an inbox row). */
    private static long ownEvents() throws SQLException {
        try (Statement statement = matchingDatabase.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from events e where not exists (select 1 from inbox i where i.event_id = e.event_id)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** After an accepted command, until the policies it may set off in other services have run, so that they write no event during the next check. */
    private static void settle() {
        long[] last = {-1};
        await().pollInterval(Duration.ofMillis(150)).atMost(Duration.ofSeconds(10)).until(() -> {
            long now = ownEvents();
            boolean unchanged = now == last[0];
            last[0] = now;
            return unchanged;
        });
    }

    private static String create(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> created = send("POST", platform.serviceUrl(Service.MATCHING) + path, JSON.writeValueAsBytes(body), "program-office");
        assertThat(created.statusCode()).as(path + ": " + created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static HttpResponse<String> send(String method, String url, byte[] body, String role) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.get(role));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…(" + text.length() + ")";
    }
}
