package dev.mentorship.eventsourcing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProducersTest {

    @Test
    void the_kernels_producers_reach_the_cluster_as_the_services_channels_do_and_keep_their_own_guarantees() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", "broker-1:9093", "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "acks", "1", "group.id", "a-consumer-setting");

        Properties settings = Producers.settings(kafka, "matching-outbox-relay");

        assertThat(settings).containsEntry("bootstrap.servers", "broker-1:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("client.id", "matching-outbox-relay").doesNotContainKey("group.id");
        // What the outbox's guarantee rests on is not the services' to weaken.
        assertThat(settings).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
    }
}
