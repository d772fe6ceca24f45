package dev.mentorship.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.Ports;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventContract;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three services as a user runs them (packaged jars, the same launcher as bin/platform), against
 * a real broker and database on free ports.
 */
class WalkingSkeletonTest {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path root = Checkout.root();
        platform = new Platform(Platform.Settings.isolated(root, Files.createTempDirectory("mentorship-system-")));
        platform.up();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.downAndDelete();
        }
    }

    @Test
    void a_started_match_reaches_progress_service_and_feedback_service() {
        Started started = startMatch();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                as("apprentice", started.apprenticeSubject).get(url(Service.PROGRESS, "/apprentices/" + started.apprenticeId + "/progress"))
                        .then().statusCode(200).body("mentorId", equalTo(started.mentorId)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                as("mentor", started.mentorSubject).get(url(Service.FEEDBACK, "/mentorships/" + started.matchId))
                        .then().statusCode(200).body("apprenticeId", equalTo(started.apprenticeId)));
    }

    @Test
    void a_command_accepted_while_kafka_is_down_reaches_progress_service_once_kafka_is_back() throws Exception {
        String mentorSubject = "jedi-" + UUID.randomUUID();
        String apprenticeSubject = "padawan-" + UUID.randomUUID();
        String mentorId = create("/mentors", mentorBody(mentorSubject));
        String apprenticeId = create("/apprentices", apprenticeBody(apprenticeSubject, create("/cohorts", Map.of("name", "Autumn"))));
        String matchId = create("/matches", Map.of("mentorId", mentorId, "apprenticeId", apprenticeId));
        as("mentor", mentorSubject).post(url(Service.MATCHING, "/matches/" + matchId + "/accept")).then().statusCode(200);

        Map<Service, Long> logged = new TreeMap<>();
        for (Service service : Service.values()) {
            logged.put(service, kafkaClientWarnings(service));
        }
        long stopped = System.nanoTime();
        platform.stop("kafka");
        try {
            as("apprentice", apprenticeSubject).post(url(Service.MATCHING, "/matches/" + matchId + "/accept"))
                    .then().statusCode(200).body("status", equalTo("STARTED"));
            // Readiness says so, and says it at once: a check that waited for the unreachable cluster
            // would answer after the prober had given up, holding a worker thread each time.
            for (Service service : Service.values()) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                        .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                                .setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 10_000)))
                        .get(management(service, "/q/health/ready")).then().statusCode(503)
                        .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'Kafka connection health check' }.data.reason", containsString("Timeout")));
            }
            // Each Kafka client of a service warns on every attempt to reach the broker, about three
            // lines a second per service; the console shows one of each kind per 30 s instead.
            await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() - stopped >= TimeUnit.SECONDS.toNanos(12));
            for (Service service : Service.values()) {
                assertThat(kafkaClientWarnings(service) - logged.get(service)).as(service.module).isBetween(1L, 12L);
            }
        } finally {
            platform.ensureKafka();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as("program-office", "office").get(url(Service.PROGRESS, "/apprentices/" + apprenticeId + "/progress"))
                        .then().statusCode(200).body("mentorId", equalTo(mentorId)));
        // And every service says it is ready again: its consumers are back in their groups.
        for (Service service : Service.values()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertReady(service));
        }
    }

    @Test
    void while_postgresql_is_down_requests_get_503_consumers_wait_and_once_it_is_back_the_platform_carries_on() throws Exception {
        String mentorSubject = "jedi-" + UUID.randomUUID();
        String mentorId = create("/mentors", mentorBody(mentorSubject));
        // A MatchStarted already on its way when the database went: both consumers hold it meanwhile.
        String eventId = UUID.randomUUID().toString();
        String matchId = UUID.randomUUID().toString();
        String inFlightApprentice = UUID.randomUUID().toString();
        String body = String.format("{\"matchId\":\"%s\",\"mentorId\":\"%s\",\"apprenticeId\":\"%s\",\"mentorSubject\":\"%s\","
                        + "\"apprenticeSubject\":\"padawan-%s\",\"cohortId\":\"%s\",\"startedAt\":\"%s\"}",
                matchId, mentorId, inFlightApprentice, mentorSubject, inFlightApprentice, UUID.randomUUID(), java.time.Instant.now());

        platform.stop("postgres");
        try {
            TestKafka.publish(platform.kafkaBootstrap(), Topics.MATCHING, matchId,
                    TestKafka.cloudEvent(eventId, Contracts.MATCH_STARTED.ceType(), "/matching-service", matchId), body);
            // Far longer than the retries a failing record gets before it is parked.
            TimeUnit.SECONDS.sleep(12);
            for (String path : List.of("/cohorts", "/mentors/" + mentorId)) {
                var request = as("program-office", "office");
                var response = path.equals("/cohorts")
                        ? request.body(Map.of("name", "Outage")).post(url(Service.MATCHING, path))
                        : request.get(url(Service.MATCHING, path));
                response.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                        .body("type", org.hamcrest.Matchers.endsWith("/unavailable")).body("status", equalTo(503));
            }
            given().get(management(Service.MATCHING, "/q/health/ready")).then().statusCode(503);
        } finally {
            platform.ensurePostgres();
        }

        // The pools reconnect, and commands, the relay, the broker and the consumers work again.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("program-office", "office").get(url(Service.MATCHING, "/mentors/" + mentorId)).then().statusCode(200));
        Started started = startMatch();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("apprentice", started.apprenticeSubject).get(url(Service.PROGRESS, "/apprentices/" + started.apprenticeId + "/progress"))
                        .then().statusCode(200).body("mentorId", equalTo(started.mentorId)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertReady(Service.MATCHING));

        // The event that arrived during the outage was stored once the database was back, not parked.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("program-office", "office").get(url(Service.PROGRESS, "/apprentices/" + inFlightApprentice + "/progress"))
                        .then().statusCode(200).body("mentorId", equalTo(mentorId)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("mentor", mentorSubject).get(url(Service.FEEDBACK, "/mentorships/" + matchId)).then().statusCode(200));
        for (String consumer : List.of("progress", "feedback")) {
            assertThat(TestKafka.readAll(platform.kafkaBootstrap(), Topics.deadLetter(consumer), Duration.ofSeconds(2)))
                    .extracting(record -> TestKafka.header(record, "ce_id")).as(consumer + "'s dead letters").doesNotContain(eventId);
        }
    }

    @Test
    void large_bodies_arriving_together_are_refused_within_the_services_own_heap() throws Exception {
        // Quarkus' default limit (10 MB) let two dozen such bodies at once exhaust the 128 MB heap the
        // launcher gives a service: OutOfMemoryError, answered as 500s.
        String matching = platform.serviceUrl(Service.MATCHING);
        // Ready before (an earlier test may have restarted the broker or the database), so that
        // readiness afterwards tells what the flood did.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertReady(Service.MATCHING));
        String token = DevTokens.mint("program-office", "office");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String atTheLimit = "{\"name\":\"" + "x".repeat(256 * 1024 - 12) + "\"}";
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(matching + "/cohorts")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(atTheLimit)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
            statuses.merge(response.statusCode(), 1L, Long::sum);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(statuses).as("answers by status").containsExactly(Map.entry(400, 48L));

        for (int i = 0; i < 24; i++) {
            try (Socket socket = new Socket("127.0.0.1", URI.create(matching).getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST /cohorts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + 10_000_000 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json");
            }
        }

        assertReady(Service.MATCHING);
        create("/cohorts", Map.of("name", "After the flood"));
        assertThat(Files.readString(platform.settings().data().resolve("logs").resolve(Service.MATCHING.module + ".log"))).doesNotContain("OutOfMemoryError");
    }

    @Test
    void a_nul_in_the_address_is_a_400_problem_on_every_service() {
        for (String path : List.of(url(Service.MATCHING, "/mentors/a%00b"), url(Service.PROGRESS, "/apprentices/a%00b/progress"),
                url(Service.FEEDBACK, "/mentorships/a%00b"))) {
            as("program-office", "office").urlEncodingEnabled(false).get(path)
                    .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("NUL"));
        }
    }

    @Test
    void a_request_with_an_invalid_host_is_a_400_problem_on_every_service() throws Exception {
        for (Service service : List.of(Service.MATCHING, Service.PROGRESS, Service.FEEDBACK)) {
            URI base = URI.create(platform.serviceUrl(service));
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("GET /q/openapi HTTP/1.1\r\nHost: ZAP%n%s\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as(service.module)
                        .startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json").contains("/invalid-host");
            }
        }
    }

    @Test
    void a_token_that_names_no_subject_is_a_401_problem_on_every_service() {
        String noSubject = DevTokens.mint(Set.of("program-office"), null, Duration.ofHours(1));
        for (String path : List.of(url(Service.MATCHING, "/mentors"), url(Service.PROGRESS, "/apprentices/" + UUID.randomUUID() + "/progress"),
                url(Service.FEEDBACK, "/mentorships/" + UUID.randomUUID()))) {
            given().auth().oauth2(noSubject).get(path)
                    .then().statusCode(401).contentType("application/problem+json").body("detail", containsString("subject"));
        }
    }

    @Test
    void of_two_matching_service_instances_one_relays_and_the_other_takes_over_when_it_dies() throws Exception {
        int[] replicaPorts = Ports.free(2);
        Process replica = platform.launchReplica(Service.MATCHING, replicaPorts[0], replicaPorts[1]);
        try {
            // Each instance's API, and its management interface, where its metrics are.
            String first = platform.serviceUrl(Service.MATCHING);
            String firstManagement = platform.managementUrl(Service.MATCHING);
            String second = "http://127.0.0.1:" + replicaPorts[0];
            String secondManagement = "http://127.0.0.1:" + replicaPorts[1];
            // Exactly one relay holds the service's advisory lock; the other instance waits for it.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(List.of(relayLeader(firstManagement), relayLeader(secondManagement))).containsExactlyInAnyOrder(1.0, 0.0));
            boolean firstLeads = relayLeader(firstManagement) == 1.0;
            String survivor = firstLeads ? second : first;
            String survivorManagement = firstLeads ? secondManagement : firstManagement;

            ProcessHandle leader = firstLeads ? platform.running(Service.MATCHING.module).orElseThrow() : replica.toHandle();
            leader.destroyForcibly();
            leader.onExit().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(relayLeader(survivorManagement)).isEqualTo(1.0));

            // A match started through the survivor crosses Kafka through its relay.
            Started started = startMatch(survivor);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    as("apprentice", started.apprenticeSubject).get(url(Service.PROGRESS, "/apprentices/" + started.apprenticeId + "/progress"))
                            .then().statusCode(200).body("mentorId", equalTo(started.mentorId)));
        } finally {
            replica.destroy();
            replica.waitFor(60, TimeUnit.SECONDS);
            platform.ensureService(Service.MATCHING);
        }
    }

    @Test
    void the_services_create_every_topic_they_use_on_a_broker_that_creates_none_on_first_use() throws Exception {
        // The broker is set up as production clusters usually are: a topic a client only names is not created.
        Map<String, Object> settings = Map.of("bootstrap.servers", platform.kafkaBootstrap(), "max.block.ms", 3_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            var sent = producer.send(new ProducerRecord<>("mentorship.nobody.events", "key", "{}"));
            assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", platform.kafkaBootstrap()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("mentorship.nobody.events");

            // So every topic the services use was created by them, with the partitions they ask for. The
            // other tests of this class send events across them.
            List<String> used = new ArrayList<>();
            for (String service : List.of("matching", "progress", "feedback")) {
                used.add(Topics.of(service));
                used.add(Topics.deadLetter(service));
            }
            Map<String, TopicDescription> topics = admin.describeTopics(used).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics).hasSize(6);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
    }

    @Test
    void a_topic_deleted_under_the_running_services_is_created_again_and_events_cross_it() throws Exception {
        // An operator's reset, or a broker that lost its data: the relay's next publication fails, and
        // the service creates its topic again instead of failing until it is restarted.
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", platform.kafkaBootstrap()))) {
            admin.deleteTopics(List.of(Topics.of("matching"))).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(Topics.of("matching")));

            Started started = startMatch();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    as("apprentice", started.apprenticeSubject).get(url(Service.PROGRESS, "/apprentices/" + started.apprenticeId + "/progress"))
                            .then().statusCode(200).body("mentorId", equalTo(started.mentorId)));
            assertThat(admin.describeTopics(List.of(Topics.of("matching"))).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.of("matching")).partitions()).hasSize(3);
        }
    }

    @Test
    void a_consumer_killed_without_leaving_its_group_consumes_again_soon_after_its_restart() throws Exception {
        // Killed, it cannot leave its consumer group: the broker keeps its member, and the partitions
        // with it, until the member's session times out. Kafka's default session is 45 s; the kernel's
        // is 10 s, so events wait about that long rather than most of a minute.
        ProcessHandle progress = platform.running(Service.PROGRESS.module).orElseThrow();
        progress.destroyForcibly();
        progress.onExit().get(30, TimeUnit.SECONDS);
        platform.ensureService(Service.PROGRESS);

        Started started = startMatch();
        await().atMost(Duration.ofSeconds(25)).untilAsserted(() ->
                as("apprentice", started.apprenticeSubject).get(url(Service.PROGRESS, "/apprentices/" + started.apprenticeId + "/progress"))
                        .then().statusCode(200).body("mentorId", equalTo(started.mentorId)));
    }

    /** Warnings the Kafka clients' connection handling has written to the service's log so far. */
    private static long kafkaClientWarnings(Service service) throws java.io.IOException {
        try (var lines = Files.lines(platform.settings().data().resolve("logs").resolve(service.module + ".log"))) {
            return lines.filter(line -> line.contains("WARN") && line.contains("[org.apache.kafka.clients.NetworkClient]")).count();
        }
    }

    /** The {@code outbox.relay.leader} gauge of one instance (at its management interface): 1 while its relay holds the lock. */
    private static double relayLeader(String managementUrl) {
        String metrics = given().get(managementUrl + "/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("outbox_relay_leader"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no outbox_relay_leader gauge at " + managementUrl));
    }

    @Test
    void every_event_matching_service_publishes_is_a_cloud_event_that_validates_against_its_schema() throws Exception {
        startMatch();
        ObjectMapper json = new ObjectMapper();

        var records = TestKafka.readAll(platform.kafkaBootstrap(), Topics.MATCHING, Duration.ofSeconds(2));

        assertThat(records).isNotEmpty();
        assertThat(records).extracting(r -> TestKafka.header(r, "ce_type")).contains(Contracts.MATCH_STARTED.ceType());
        for (var record : records) {
            String type = TestKafka.header(record, "ce_type");
            EventContract contract = Contracts.byCeType(type).orElseThrow(() -> new AssertionError("Unknown type " + type));
            JsonNode payload = json.readTree(record.value());
            assertThat(EventSchemas.validate(contract, payload)).as(type + " " + record.value()).isEmpty();
            assertThat(TestKafka.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TestKafka.header(record, "ce_source")).isEqualTo("/matching-service");
            assertThat(TestKafka.header(record, "ce_subject")).isEqualTo(record.key());
            assertThat(UUID.fromString(TestKafka.header(record, "ce_id"))).isNotNull();
        }
    }

    private Started startMatch() {
        return startMatch(platform.serviceUrl(Service.MATCHING));
    }

    private Started startMatch(String matching) {
        String mentorSubject = "jedi-" + UUID.randomUUID();
        String apprenticeSubject = "padawan-" + UUID.randomUUID();
        String mentorId = create(matching, "/mentors", mentorBody(mentorSubject));
        String apprenticeId = create(matching, "/apprentices", apprenticeBody(apprenticeSubject, create(matching, "/cohorts", Map.of("name", "Spring"))));
        String matchId = create(matching, "/matches", Map.of("mentorId", mentorId, "apprenticeId", apprenticeId));
        as("mentor", mentorSubject).post(matching + "/matches/" + matchId + "/accept").then().statusCode(200);
        as("apprentice", apprenticeSubject).post(matching + "/matches/" + matchId + "/accept")
                .then().statusCode(200).body("status", equalTo("STARTED"));
        return new Started(matchId, mentorId, apprenticeId, mentorSubject, apprenticeSubject);
    }

    /** Readiness UP, with the checks' answer in the failure message when it is not. */
    private static void assertReady(Service service) {
        given().get(management(service, "/q/health/ready")).then().log().ifValidationFails().statusCode(200);
    }

    private static String create(String path, Map<String, Object> body) {
        return create(platform.serviceUrl(Service.MATCHING), path, body);
    }

    private static String create(String matching, String path, Map<String, Object> body) {
        return as("program-office", "office").body(body).post(matching + path).then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> mentorBody(String subject) {
        return Map.of("name", "Tammy", "email", subject + "@example.com", "subject", subject, "sreExperienceYears", 6,
                "skills", List.of("observability", "chaos-engineering"), "timezone", "America/Los_Angeles", "capacity", 2,
                "managerId", "manager-a");
    }

    private static Map<String, Object> apprenticeBody(String subject, String cohortId) {
        return Map.of("name", "Rona", "email", subject + "@example.com", "subject", subject,
                "background", "maths teacher, coding bootcamp", "goals", List.of("observability"),
                "timezone", "America/New_York", "cohortId", cohortId, "managerId", "manager-b");
    }

    private static RequestSpecification as(String role, String subject) {
        return given().auth().oauth2(DevTokens.mint(role, subject)).contentType(ContentType.JSON);
    }

    private static String url(Service service, String path) {
        return platform.serviceUrl(service) + path;
    }

    /** On the service's management interface: health and metrics. */
    private static String management(Service service, String path) {
        return platform.managementUrl(service) + path;
    }

    private record Started(String matchId, String mentorId, String apprenticeId, String mentorSubject, String apprenticeSubject) {
    }
}
