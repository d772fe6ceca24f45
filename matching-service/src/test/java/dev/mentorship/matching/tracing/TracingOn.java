package dev.mentorship.matching.tracing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** OpenTelemetry on, as a deployment turns it on, with spans exported to memory without delay. */
public class TracingOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "PT0.05S");
    }
}
