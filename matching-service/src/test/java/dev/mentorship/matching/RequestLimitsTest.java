package dev.mentorship.matching;

import static dev.mentorship.matching.Api.mentorBody;
import static dev.mentorship.matching.Api.office;
import static dev.mentorship.matching.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What HTTP and JSON let through but the store cannot keep as sent: bodies past the service's limit,
 * NUL characters, lone surrogates, fractions for whole numbers. Each is a 4xx problem+json and writes
 * nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class RequestLimitsTest {

    private static final String PROBLEM = "application/problem+json";
    /** quarkus.http.limits.max-body-size in the kernel's defaults. */
    private static final int LIMIT = 256 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AgroalDataSource jdbc;

    @TestHTTPResource("/cohorts")
    URL cohorts;

    @Test
    void a_body_declared_larger_than_the_limit_is_a_413_problem_before_it_is_sent() throws Exception {
        // Only the head goes out: the answer must not wait for a body it is going to refuse.
        RawResponse response = exchange("Content-Length: " + (LIMIT + 1) + "\r\n", new byte[0]);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.head()).containsIgnoringCase("content-type: " + PROBLEM).containsIgnoringCase("connection: close");
        assertThat(json.readTree(response.body()).path("type").asText()).endsWith("/body-too-large");
    }

    @Test
    void a_body_sent_in_chunks_past_the_limit_is_a_413_problem_too() throws Exception {
        String name = unique("huge");
        byte[] body = cohortNamed(name, LIMIT).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 16 * 1024) {
            int length = Math.min(16 * 1024, body.length - at);
            chunks.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, at, length);
            chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        RawResponse response = exchange("Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n", chunks.toByteArray());

        assertThat(response.continued()).as("the go-ahead a client that asks first waits for").isTrue();
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.head()).containsIgnoringCase("content-type: " + PROBLEM);
        assertThat(json.readTree(response.body()).path("detail").asText()).contains(String.valueOf(LIMIT));
        assertThat(cohortsNamed(name)).isZero();
    }

    @Test
    void over_http2_a_body_of_unknown_length_is_read_and_limited() throws Exception {
        HttpClient http2 = HttpClient.newHttpClient();
        // The JDK's client upgrades a plain connection to HTTP/2 on its first request.
        HttpResponse<String> upgraded = http2.send(HttpRequest.newBuilder(URI.create(cohorts.toString().replace("/cohorts", "/q/openapi")))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        String name = unique("huge");

        HttpResponse<String> created = send(http2, "{\"name\":\"" + name + "\"" + " ".repeat(30_000) + "}", true);
        assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(created.statusCode()).isEqualTo(201);

        // Refused by Quarkus' own limit, which answers without a problem document here: reading such a
        // body ahead, as for HTTP/1.1 chunks, leaves the REST layer a request it finds already read.
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            HttpResponse<String> refused = send(http2, cohortNamed(name + "-x", LIMIT), true);
            assertThat(refused.statusCode()).isEqualTo(413);
            // RFC 9113, 8.2.2: an HTTP/2 answer with a Connection header is malformed; curl resets the stream.
            assertThat(refused.headers().map()).doesNotContainKey("connection");
            // The REST layer fails the request after its answer has gone; that failure is logged, if at
            // all, shortly after. Neither an outage ("Database unavailable") nor a server error: the
            // client sent too much.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logged)
                    .extracting(LogRecord::getLoggerName)
                    .noneMatch(logger -> logger.startsWith("dev.mentorship") || logger.startsWith("io.quarkus")));
        } finally {
            root.removeHandler(capture);
        }
        assertThat(cohortsNamed(name + "-x")).isZero();
    }

    @Test
    void a_body_sent_in_chunks_within_the_limit_is_read_whole() throws Exception {
        // Past the REST layer's default in-memory buffer (10 KB), where a body read ahead came through as zeros.
        HttpResponse<String> tooLongName = send(cohortNamed(unique("long"), 50_000), true);
        assertThat(tooLongName.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooLongName.body()).path("detail").asText()).contains("name");

        String name = unique("chunked");
        String padded = "{\"name\":\"" + name + "\"" + " ".repeat(30_000) + "}";
        HttpResponse<String> created = send(padded, true);
        assertThat(created.statusCode()).isEqualTo(201);
        office().get("/cohorts/" + json.readTree(created.body()).path("id").asText()).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void a_nul_character_in_a_field_is_a_400_naming_the_field() throws Exception {
        String name = unique("nul");
        office().body("{\"name\":\"" + name + "\\u0000\"}").post("/cohorts")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://mentorship.dev/problems/invalid-json"))
                .body("detail", containsString("'name'")).body("detail", containsString("NUL"));
        assertThat(cohortsNamed(name)).isZero();

        Map<String, Object> mentor = new HashMap<>(mentorBody(unique("m")));
        mentor.put("skills", java.util.List.of("observability", "on-call\u0000"));
        office().body(mentor).post("/mentors").then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'skills[1]'"));
    }

    @Test
    void a_lone_surrogate_is_refused_rather_than_stored_as_a_question_mark() throws Exception {
        String name = unique("surrogate");
        office().body("{\"name\":\"" + name + "\\ud800\"}").post("/cohorts")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("unpaired surrogate"));
        // Neither as sent nor with a question mark in its place: nothing starting with the name.
        assertThat(cohortsNamed(name)).isZero();
    }

    @Test
    void characters_beyond_the_basic_plane_are_stored_as_sent() {
        String name = unique("Zoë 🚀 你好");
        String id = office().body(Map.of("name", name)).post("/cohorts").then().statusCode(201).extract().path("id");

        office().get("/cohorts/" + id).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void a_field_named_twice_is_a_400() throws Exception {
        String name = unique("twice");
        office().body("{\"name\":\"" + name + "-a\",\"name\":\"" + name + "-b\"}").post("/cohorts")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("Duplicate field 'name'"));
        assertThat(cohortsNamed(name)).isZero();
    }

    @Test
    void a_fraction_for_a_whole_number_is_a_400_not_rounded_down() {
        Map<String, Object> mentor = new HashMap<>(mentorBody(unique("m")));
        mentor.put("sreExperienceYears", 3.7);

        office().body(mentor).post("/mentors").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("sreExperienceYears"));
    }

    @Test
    void a_nul_in_the_address_is_a_400_problem() {
        office().urlEncodingEnabled(false).get("/mentors/a%00b").then().statusCode(400).contentType(PROBLEM).body("detail", containsString("NUL"));
        office().urlEncodingEnabled(false).get("/cohorts/" + UUID.randomUUID() + "%00/time-to-match").then().statusCode(400).contentType(PROBLEM);
        // An encoded percent sign is just a character of an unknown id.
        office().urlEncodingEnabled(false).get("/mentors/a%2500b").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void a_compressed_body_is_a_415_problem_and_an_uncoded_one_is_read() throws Exception {
        String name = unique("gzip");
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        byte[] gzipped = compressed.toByteArray();

        RawResponse refused = exchange("Content-Encoding: gzip\r\nContent-Length: " + gzipped.length + "\r\nConnection: close\r\n", gzipped);

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.head()).containsIgnoringCase("content-type: " + PROBLEM);
        assertThat(json.readTree(refused.body()).path("type").asText()).endsWith("/unsupported-content-encoding");
        assertThat(json.readTree(refused.body()).path("detail").asText()).contains("Content-Encoding gzip");
        assertThat(cohortsNamed(name)).isZero();
        // Refused on a kept-alive connection, the body is drained: the next request on it is read as its own.
        HttpResponse<String> keptAlive = http.send(HttpRequest.newBuilder(cohorts.toURI())
                .header("Authorization", "Bearer " + DevTokens.mint("program-office", "office-1"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keptAlive.statusCode()).isEqualTo(415);
        assertThat(send("{\"name\":\"" + name + "-after\"}", false).statusCode()).isEqualTo(201);
        office().header("Content-Encoding", "identity").body(Map.of("name", name)).post("/cohorts").then().statusCode(201);
        // A request without a body is not refused for the header alone.
        office().header("Content-Encoding", "gzip").get("/cohorts/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void a_request_without_one_valid_host_is_a_400_problem_and_writes_nothing() throws Exception {
        String name = unique("host");
        byte[] body = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        String rest = "Authorization: Bearer " + DevTokens.mint("program-office", "office-1") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        String post = "POST " + cohorts.getPath() + " HTTP/1.1\r\n";

        for (String host : new String[] {"", "Host: ZAP%n%s%n%s\r\n", "Host: localhost:99999\r\n", "Host: a.example\r\nHost: b.example\r\n"}) {
            RawResponse refused = exchangeRaw(post + host + rest, body);

            assertThat(refused.status()).as(host).isEqualTo(400);
            assertThat(refused.head()).as(host).containsIgnoringCase("content-type: " + PROBLEM);
            assertThat(json.readTree(refused.body()).path("type").asText()).as(host).endsWith("/invalid-host");
        }
        assertThat(cohortsNamed(name)).isZero();
        // HTTP/1.0 has no Host requirement, and one valid Host is what every client sends.
        assertThat(exchangeRaw("POST " + cohorts.getPath() + " HTTP/1.0\r\n" + rest, body).status()).isEqualTo(201);
        assertThat(exchangeRaw(post + "Host: " + cohorts.getHost() + ":" + cohorts.getPort() + "\r\n" + rest, body).status()).isEqualTo(201);
        assertThat(cohortsNamed(name)).isEqualTo(2);
    }

    private static String cohortNamed(String name, int bodyBytes) {
        String start = "{\"name\":\"" + name;
        return start + "x".repeat(Math.max(0, bodyBytes + 1 - start.length() - 2)) + "\"}";
    }

    /** Chunked: a body of unknown length, which no Content-Length announces. */
    private HttpResponse<String> send(String body, boolean chunked) throws Exception {
        return send(http, body, chunked);
    }

    private HttpResponse<String> send(HttpClient client, String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest request = HttpRequest.newBuilder(cohorts.toURI())
                .header("Authorization", "Bearer " + DevTokens.mint("program-office", "office-1"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(publisher).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    record RawResponse(boolean continued, int status, String head, String body) {
    }

    /**
     * One request written by hand, answer read to the end of the connection: a client library either
     * waits for a 100 Continue that a refusal never sends (the JDK's, on 17) or reports the closed
     * connection instead of the answer.
     */
    private RawResponse exchange(String framing, byte[] body) throws Exception {
        return exchangeRaw("POST " + cohorts.getPath() + " HTTP/1.1\r\nHost: " + cohorts.getHost() + "\r\n"
                + "Authorization: Bearer " + DevTokens.mint("program-office", "office-1") + "\r\n"
                + "Content-Type: application/json\r\n" + framing + "\r\n", body);
    }

    /** A request line and headers as given, then the body. */
    private RawResponse exchangeRaw(String head, byte[] body) throws Exception {
        try (Socket socket = new Socket(cohorts.getHost(), cohorts.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String interim = "HTTP/1.1 100 Continue\r\n\r\n";
            boolean continued = answer.startsWith(interim);
            String last = continued ? answer.substring(interim.length()) : answer;
            int split = last.indexOf("\r\n\r\n");
            return new RawResponse(continued, Integer.parseInt(last.substring(9, 12)), last.substring(0, split), last.substring(split + 4));
        }
    }

    private long cohortsNamed(String prefix) throws Exception {
        return StoredEvents.cohortsNamed(jdbc, prefix);
    }
}
