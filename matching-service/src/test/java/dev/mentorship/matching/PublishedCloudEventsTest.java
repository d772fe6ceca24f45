package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventContract;
import dev.mentorship.events.EventSchemas;
import dev.mentorship.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * What other teams' consumers read: every record on matching-service's topic is a CloudEvent that the
 * specification's own SDK deserializes, with the contract's type, source and subject, an RFC 3339
 * time and data that meets its published schema.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class PublishedCloudEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource jdbc;

    @Inject
    ObjectMapper json;

    @Test
    void every_record_on_the_topic_reads_with_the_cloudevents_sdk_and_meets_its_contract() throws Exception {
        String mentorId = Api.mentor(Api.unique("jedi"));
        // An event stamped on a whole minute: its time must keep ":00" seconds (RFC 3339 requires them).
        String cohortId = UUID.randomUUID().toString();
        UUID wholeMinute = UUID.randomUUID();
        try (Connection connection = jdbc.getConnection();
                PreparedStatement outbox = connection.prepareStatement("insert into outbox (event_id, topic, message_key, ce_type, ce_source, "
                        + "ce_subject, ce_time, payload) values (?, ?, ?, ?, '/matching-service', ?, '2026-12-05T10:15:00Z', ?)")) {
            outbox.setObject(1, wholeMinute);
            outbox.setString(2, Topics.MATCHING);
            outbox.setString(3, cohortId);
            outbox.setString(4, Contracts.COHORT_OPENED.ceType());
            outbox.setString(5, cohortId);
            outbox.setString(6, "{\"cohortId\":\"" + cohortId + "\",\"name\":\"Autumn\",\"openedAt\":\"2026-12-05T10:15:00Z\"}");
            outbox.executeUpdate();
        }
        Api.cohort(); // commits after the row above and wakes the relay

        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            records.clear();
            records.addAll(readAll());
            assertThat(records).extracting(record -> record.value().getId()).contains(wholeMinute.toString());
            assertThat(records).extracting(record -> record.value().getSubject()).contains(mentorId);
        });

        assertThat(records).filteredOn(record -> Contracts.byCeType(record.value().getType()).isPresent()).isNotEmpty();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent event = record.value();
            assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(event.getSource()).hasToString("/matching-service");
            assertThat(event.getSubject()).isEqualTo(record.key());
            assertThat(UUID.fromString(event.getId())).isNotNull();
            assertThat(event.getTime()).isNotNull();
            assertThat(new String(record.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8))
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            // Other tests of this service put probes of their own on the topic (past the kernel); every
            // event of a published type meets its contract.
            Optional<EventContract> contract = Contracts.byCeType(event.getType());
            if (contract.isPresent()) {
                assertThat(contract.get().topic()).isEqualTo(Topics.MATCHING);
                assertThat(event.getSource()).hasToString(contract.get().ceSource());
                assertThat(EventSchemas.validate(contract.get(), json.readTree(event.getData().toBytes()))).as(event.getType()).isEmpty();
            }
        }
        assertThat(records).filteredOn(record -> record.value().getId().equals(wholeMinute.toString())).singleElement()
                .satisfies(record -> assertThat(new String(record.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8))
                        .isEqualTo("2026-12-05T10:15:00Z"));
    }

    private List<ConsumerRecord<String, CloudEvent>> readAll() {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrap);
        settings.put("group.id", "sdk-reader-" + UUID.randomUUID());
        settings.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of(Topics.MATCHING));
            long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quietUntil) {
                var polled = consumer.poll(Duration.ofMillis(200));
                if (!polled.isEmpty()) {
                    polled.forEach(records::add);
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return records;
    }
}
