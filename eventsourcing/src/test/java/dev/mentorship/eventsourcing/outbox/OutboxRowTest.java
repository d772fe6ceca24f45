package dev.mentorship.eventsourcing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutboxRowTest {

    private static OutboxRelay.Row row(String time, String correlationId) {
        return new OutboxRelay.Row(1, "01938f2e-6a7b-7c3d-9e4f-5a6b7c8d9e0f", "mentorship.matching.events", "cohort-1",
                "mentorship.matching.CohortOpened.v1", "/matching-service", "cohort-1", OffsetDateTime.parse(time),
                "{\"cohortId\":\"cohort-1\"}", correlationId, null);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void an_instant_on_a_whole_minute_keeps_its_seconds_in_ce_time() {
        ProducerRecord<String, byte[]> record = row("2026-12-05T10:15:00Z", null).toRecord();

        // OffsetDateTime.toString() would give 2026-12-05T10:15Z, which RFC 3339 does not allow.
        assertThat(header(record, "ce_time")).isEqualTo("2026-12-05T10:15:00Z");
        assertThat(row("2026-12-05T10:15:30.123456Z", null).toRecord().headers().lastHeader("ce_time").value())
                .asString(StandardCharsets.UTF_8).isEqualTo("2026-12-05T10:15:30.123456Z");
    }

    @Test
    void the_record_is_a_binary_mode_cloud_event_the_sdk_reads_back() {
        ProducerRecord<String, byte[]> record = row("2026-12-05T10:15:00Z", "corr-1").toRecord();

        assertThat(record.topic()).isEqualTo("mentorship.matching.events");
        assertThat(record.key()).isEqualTo("cohort-1");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            deserializer.configure(Map.of(), false);
            CloudEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
            assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(event.getId()).isEqualTo("01938f2e-6a7b-7c3d-9e4f-5a6b7c8d9e0f");
            assertThat(event.getType()).isEqualTo("mentorship.matching.CohortOpened.v1");
            assertThat(event.getSource()).hasToString("/matching-service");
            assertThat(event.getSubject()).isEqualTo("cohort-1");
            assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2026-12-05T10:15:00Z"));
            assertThat(event.getExtension("correlationid")).isEqualTo("corr-1");
            assertThat(event.getData().toBytes()).asString(StandardCharsets.UTF_8).isEqualTo("{\"cohortId\":\"cohort-1\"}");
        }
    }
}
