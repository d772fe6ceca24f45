package dev.mentorship.matching.tracing;

import static dev.mentorship.matching.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Topics;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * One trace from a request to the consumer that stores its event: the request's server span, the
 * relay's producer span under it (its context on the record as ce_traceparent), and a consumer's inbox
 * span under that. The consumer here is matching-service's own inbox, fed the progress event a
 * consumer of this record would publish under the same trace.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class TraceAcrossKafkaTest {

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void a_commands_trace_goes_with_its_event_through_the_outbox_and_kafka_into_the_consumers_inbox() {
        Instant before = Instant.now();
        String cohort = office().body(Map.of("name", "Traced cohort")).post("/cohorts").then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> published = await().atMost(Duration.ofSeconds(20)).until(() -> TestKafka.readSince(bootstrap,
                Topics.MATCHING, before, Duration.ofMillis(300)).stream().filter(record -> cohort.equals(record.key())).findFirst(),
                Optional::isPresent).orElseThrow();
        String traceparent = TestKafka.header(published, "ce_traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.split("-")[1];
        String producerSpanId = traceparent.split("-")[2];

        SpanData producer = await().atMost(Duration.ofSeconds(10)).until(() -> span(producerSpanId), Optional::isPresent).orElseThrow();
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.getName()).isEqualTo(Topics.MATCHING + " publish");
        assertThat(producer.getTraceId()).isEqualTo(traceId);
        // Up from the producer span, within the trace, to the request that appended the event.
        SpanData server = ancestors(producer).stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getName()).contains("/cohorts");

        // A consumer of that record publishes under the same trace; the inbox stores its event as the next link.
        String eventId = TestKafka.newId();
        Map<String, String> headers = new HashMap<>(TestKafka.cloudEvent(eventId, "mentorship.progress.ApprenticeGraduated.v1",
                "/progress-service", TestKafka.newId()));
        headers.put("ce_traceparent", traceparent);
        TestKafka.publish(bootstrap, Topics.PROGRESS, headers.get("ce_subject"), headers, "{\"apprenticeId\":\"" + TestKafka.newId()
                + "\",\"matchId\":\"" + TestKafka.newId() + "\",\"graduatedAt\":\"" + Instant.now() + "\"}");
        SpanData consumer = await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER && eventId.equals(span.getAttributes().asMap().entrySet().stream()
                        .filter(attribute -> attribute.getKey().getKey().equals("messaging.message.id")).map(Map.Entry::getValue)
                        .map(String::valueOf).findFirst().orElse(null))).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(consumer.getName()).isEqualTo(Topics.PROGRESS + " process");
        assertThat(consumer.getTraceId()).isEqualTo(traceId);
        assertThat(consumer.getParentSpanId()).isEqualTo(producerSpanId);
        assertThat(consumer.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    private Optional<SpanData> span(String spanId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getSpanId().equals(spanId)).findFirst();
    }

    private List<SpanData> ancestors(SpanData span) {
        List<SpanData> chain = new ArrayList<>();
        Optional<SpanData> parent = span(span.getParentSpanId());
        while (parent.isPresent()) {
            chain.add(parent.get());
            parent = span(parent.get().getParentSpanId());
        }
        return chain;
    }
}
