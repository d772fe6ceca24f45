package dev.mentorship.eventsourcing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

    @Test
    void a_service_creates_its_own_topic_its_dead_letter_topic_and_the_topics_it_consumes() {
        Config settings = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.progress-events.topic", "mentorship.progress.events",
                "mp.messaging.incoming.feedback-events.topic", "mentorship.feedback.events",
                "mp.messaging.incoming.feedback-events.group.id", "matching-service",
                "mp.messaging.outgoing.unrelated.topic", "not.consumed"), "test", 100)).build();
        SortedSet<String> consumed = KafkaTopics.consumedTopics(settings);
        assertThat(consumed).containsExactly("mentorship.feedback.events", "mentorship.progress.events");

        KafkaTopics topics = new KafkaTopics("matching", 3, OptionalInt.empty(), consumed, "127.0.0.1:9");

        assertThat(topics.wanted()).extracting(NewTopic::name).containsExactly(
                "mentorship.feedback.events", "mentorship.matching.dead-letter", "mentorship.matching.events",
                "mentorship.progress.events");
        assertThat(topics.wanted()).extracting(NewTopic::numPartitions).containsOnly(3);
    }

    @Test
    void the_replication_factor_is_the_clusters_default_unless_configured() {
        // -1 asks the broker for its default.replication.factor: 3 on a production cluster, 1 on the local broker.
        assertThat(new KafkaTopics("progress", 3, OptionalInt.empty(), new TreeSet<>(), "127.0.0.1:9").wanted())
                .extracting(NewTopic::replicationFactor).containsOnly((short) -1);

        KafkaTopics configured = new KafkaTopics("progress", 6, OptionalInt.of(3), new TreeSet<>(), "127.0.0.1:9");
        assertThat(configured.wanted()).extracting(NewTopic::replicationFactor).containsOnly((short) 3);
        assertThat(configured.wanted()).extracting(NewTopic::numPartitions).containsOnly(6);
    }
}
