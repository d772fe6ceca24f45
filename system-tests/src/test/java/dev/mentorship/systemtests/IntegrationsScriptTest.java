package dev.mentorship.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/integrations.md's signing script, run as written against a local matching-service with the platform's own secret. */
class IntegrationsScriptTest {

    private static Path data;
    private static Platform platform;

    @BeforeAll
    static void startMatching() throws Exception {
        data = Files.createTempDirectory("mentorship-integrations-");
        platform = new Platform(Platform.Settings.isolated(Checkout.root(), data));
        platform.ensurePostgres();
        platform.ensureKafka();
        platform.ensureService(Service.MATCHING);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.downAndDelete();
        }
    }

    @Test
    void the_script_signs_a_delivery_the_service_takes_and_a_wrong_secret_is_refused() throws Exception {
        Path body = Files.writeString(data.resolve("hired.json"), "{\"type\":\"employee.hired\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{"
                + "\"id\":\"E-" + UUID.randomUUID() + "\",\"name\":\"Rona Padawan\",\"email\":\"rona@example.com\",\"jobTitle\":\"SRE Apprentice\","
                + "\"department\":\"Reliability\",\"managerId\":\"M-1\",\"timezone\":\"Europe/Berlin\"}}");
        String url = platform.serviceUrl(Service.MATCHING) + "/webhooks/hr/standard";

        String accepted = run(url, WebhookSecrets.in(data).secret("standard"), body);
        assertThat(accepted).contains("HTTP 202").contains("\"deliveryId\":\"msg_");
        String refused = run(url, "whsec_" + java.util.Base64.getEncoder().encodeToString("not the secret".getBytes(StandardCharsets.UTF_8)), body);
        assertThat(refused).contains("HTTP 401").contains("No webhook-signature matches");
    }

    private static String run(String url, String secret, Path body) throws Exception {
        Process process = new ProcessBuilder(List.of(Checkout.root().resolve("bin/sign-webhook").toString(), url, secret, body.toString()))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
