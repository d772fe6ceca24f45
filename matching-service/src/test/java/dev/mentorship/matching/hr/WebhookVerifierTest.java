package dev.mentorship.matching.hr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.ofEpochSecond(1614265330);

    @Test
    void the_standard_webhooks_test_vector_passes_and_anything_else_does_not() {
        Map<String, String> headers = Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        List<String> secret = List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(WebhookVerifier.verify("standard", headers, BODY, secret, AT)).isEqualTo(new WebhookVerifier.Verdict(true,
                "msg_p5jXN8AQM9LWM0D4loKWxJek", null));
        // Any one of several signatures, and any one of several secrets (rotation).
        assertThat(WebhookVerifier.verify("standard", Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), BODY, secret, AT).accepted()).isTrue();
        assertThat(WebhookVerifier.verify("standard", headers, BODY, List.of("whsec_bmV3IHNlY3JldA==", secret.getFirst()), AT).accepted()).isTrue();
        assertThat(WebhookVerifier.verify("standard", headers, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), secret, AT).accepted()).isFalse();
        assertThat(WebhookVerifier.verify("standard", headers, BODY, secret, AT.plusSeconds(301)).reason()).contains("5 minutes");
        assertThat(WebhookVerifier.verify("standard", headers, BODY, secret, AT.minusSeconds(301)).accepted()).isFalse();
        assertThat(WebhookVerifier.verify("standard", headers, BODY, secret, AT.plusSeconds(299)).accepted()).isTrue();
        assertThat(WebhookVerifier.verify("standard", Map.of("webhook-id", "x"), BODY, secret, AT).accepted()).isFalse();
        assertThat(WebhookVerifier.verify("standard", headers, BODY, List.of(), AT).reason()).contains("No secret");
    }

    @Test
    void bamboohr_hibob_and_personio_as_each_signs() {
        String timestamp = String.valueOf(AT.getEpochSecond());
        byte[] bambooSigned = (new String(BODY, StandardCharsets.UTF_8) + timestamp).getBytes(StandardCharsets.UTF_8);
        String bamboo = HexFormat.of().formatHex(WebhookVerifier.hmac("HmacSHA256", "s3cret".getBytes(StandardCharsets.UTF_8), bambooSigned));
        assertThat(WebhookVerifier.verify("bamboohr", Map.of("x-bamboohr-signature", bamboo, "x-bamboohr-timestamp", timestamp), BODY,
                List.of("s3cret"), AT).accepted()).isTrue();
        assertThat(WebhookVerifier.verify("bamboohr", Map.of("x-bamboohr-signature", bamboo, "x-bamboohr-timestamp", timestamp), BODY,
                List.of("other"), AT).accepted()).isFalse();

        String bob = Base64.getEncoder().encodeToString(WebhookVerifier.hmac("HmacSHA512", "s3cret".getBytes(StandardCharsets.UTF_8), BODY));
        assertThat(WebhookVerifier.verify("hibob", Map.of("bob-signature", bob), BODY, List.of("s3cret"), AT).accepted()).isTrue();
        assertThat(WebhookVerifier.verify("hibob", Map.of("bob-signature", bob), "{}".getBytes(StandardCharsets.UTF_8), List.of("s3cret"), AT)
                .accepted()).isFalse();

        assertThat(WebhookVerifier.verify("personio", Map.of("authorization", "Bearer tok"), BODY, List.of("tok"), AT).accepted()).isTrue();
        assertThat(WebhookVerifier.verify("personio", Map.of("authorization", "tok"), BODY, List.of("tok"), AT).accepted()).isTrue();
        assertThat(WebhookVerifier.verify("personio", Map.of("authorization", "Bearer nope"), BODY, List.of("tok"), AT).accepted()).isFalse();
        assertThat(WebhookVerifier.verify("personio", Map.of(), BODY, List.of("tok"), AT).accepted()).isFalse();
    }
}
