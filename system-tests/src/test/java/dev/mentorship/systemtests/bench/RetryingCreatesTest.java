package dev.mentorship.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outage phase's retrying client against a server that is unavailable for each create's first two attempts. */
class RetryingCreatesTest {

    private HttpServer server;
    private final Map<String, AtomicInteger> attemptsByName = new ConcurrentHashMap<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private URI cohorts;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/cohorts", exchange -> {
            String name = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            keys.add(name + " " + key);
            int attempt = attemptsByName.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            byte[] body = attempt < 3 ? "{}".getBytes(StandardCharsets.UTF_8)
                    : "{\"id\":\"0190d7a2-6b1e-7c3d-9e4f-5a6b7c8d9e0f\"}".getBytes(StandardCharsets.UTF_8);
            if (attempt >= 3 && key != null) {
                exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
            }
            exchange.sendResponseHeaders(attempt < 3 ? 503 : 201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        cohorts = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cohorts");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void each_create_is_sent_again_after_a_503_with_the_key_of_its_first_attempt() throws Exception {
        RetryingCreates creates = new RetryingCreates(cohorts, "token", 20, true);
        TimeUnit.MILLISECONDS.sleep(200);

        List<RetryingCreates.Outcome> outcomes = creates.stop();

        assertThat(outcomes).isNotEmpty().allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(201);
            assertThat(outcome.attempts()).isEqualTo(3);
            assertThat(outcome.replayed()).isTrue();
            assertThat(outcome.id()).isEqualTo("0190d7a2-6b1e-7c3d-9e4f-5a6b7c8d9e0f");
        });
        // One key per create, the same on each of its three attempts.
        assertThat(keys).hasSize(3 * outcomes.size());
        assertThat(keys.stream().distinct()).hasSize(outcomes.size());
        assertThat(keys).noneMatch(line -> line.endsWith(" null"));
    }

    @Test
    void without_keys_the_retries_are_plain_repeats() throws Exception {
        RetryingCreates creates = new RetryingCreates(cohorts, "token", 20, false);
        TimeUnit.MILLISECONDS.sleep(200);

        List<RetryingCreates.Outcome> outcomes = creates.stop();

        assertThat(outcomes).isNotEmpty().allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(201);
            assertThat(outcome.replayed()).isFalse();
        });
        assertThat(keys).allMatch(line -> line.endsWith(" null"));
        assertThat(RetryingCreates.describe(outcomes, new RetryingCreates.Count(0, outcomes.size(), 0)))
                .startsWith(outcomes.size() + " creates, " + 3 * outcomes.size() + " attempts: " + outcomes.size() + " x 201 (0 of them replays)");
    }
}
