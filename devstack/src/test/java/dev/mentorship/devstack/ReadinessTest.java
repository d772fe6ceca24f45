package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code bin/platform status} makes of a service's readiness endpoint. */
class ReadinessTest {

    private static final String DOWN = """
            {"status":"DOWN","checks":[
              {"name":"Database connections health check","status":"UP","data":{"<default>":"UP"}},
              {"name":"Kafka connection health check","status":"DOWN","data":{"bootstrap.servers":"127.0.0.1:9092"}},
              {"name":"projection lag","status":"DOWN","data":{"directory":1500}}]}""";

    @Test
    void the_checks_that_are_down_are_named() {
        assertThat(Platform.downChecks(DOWN)).containsExactly("Kafka connection health check", "projection lag");
    }

    @Test
    void a_body_that_is_not_a_health_answer_is_said_to_be_so() {
        assertThat(Platform.downChecks("<html>Bad gateway</html>")).containsExactly("unreadable health answer");
        assertThat(Platform.downChecks("{\"status\":\"DOWN\"}")).containsExactly("unreadable health answer");
    }

    @Test
    void ready_not_ready_and_not_answering() throws IOException {
        assertThat(Platform.readiness(serve(200, "{\"status\":\"UP\",\"checks\":[]}"))).isEqualTo("ready");
        assertThat(Platform.readiness(serve(503, DOWN))).isEqualTo("not ready: Kafka connection health check, projection lag");
        assertThat(Platform.readiness(serve(503, "{\"status\":\"DOWN\",\"checks\":[]}"))).isEqualTo("not ready (HTTP 503)");
        int closed = Ports.free();
        assertThat(Platform.readiness("http://127.0.0.1:" + closed)).isEqualTo("not answering");
    }

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    private String serve(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
