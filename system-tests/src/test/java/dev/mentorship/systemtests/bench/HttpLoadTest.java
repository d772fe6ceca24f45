package dev.mentorship.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's load generator against a local HTTP server that answers in each framing HTTP/1.1 allows. */
class HttpLoadTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private URI base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fixed", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(201, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("\"2\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/refused", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"title\":\"Bad Request\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_paced_run_sends_one_request_per_due_instant_with_the_token_and_body() throws Exception {
        Latencies latencies = new Latencies();

        HttpLoad.Result result = new HttpLoad(base, "t0k3n").post("/fixed", () -> "{\"name\":\"x\"}", 201, 4, 50, latencies,
                Duration.ofSeconds(1));

        assertThat(result.ok()).isEqualTo(50);
        assertThat(result.failed()).isZero();
        assertThat(latencies.count()).isEqualTo(50);
        assertThat(received).hasSize(50).allMatch(line -> line.equals("Bearer t0k3n {\"name\":\"x\"}"));
        assertThat(result.seconds()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void chunked_answers_keep_the_connection_usable() throws Exception {
        Latencies latencies = new Latencies();

        HttpLoad.Result result = new HttpLoad(base, "t").post("/chunked", () -> "{}", 201, 2, 40, latencies, Duration.ofMillis(500));

        assertThat(result.ok()).isEqualTo(20);
        assertThat(result.failed()).isZero();
    }

    @Test
    void a_closed_loop_keeps_every_client_busy_and_counts_unexpected_statuses_as_failures() throws Exception {
        HttpLoad.Result fixed = new HttpLoad(base, "t").post("/fixed", () -> "{}", 201, 3, 0, new Latencies(), Duration.ofMillis(300));
        HttpLoad.Result refused = new HttpLoad(base, "t").post("/refused", () -> "{}", 201, 3, 0, new Latencies(), Duration.ofMillis(300));

        assertThat(fixed.ok()).isGreaterThan(10);
        assertThat(fixed.failed()).isZero();
        assertThat(refused.ok()).isZero();
        assertThat(refused.failed()).isGreaterThan(10);
    }
}
