package dev.mentorship.eventsourcing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.KafkaBroker;
import dev.mentorship.devstack.Ports;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTopicsTest {

    @Test
    void a_service_creates_its_own_topic_its_dead_letter_topic_and_the_topics_it_consumes() {
        Config settings = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.inbox.topics", "mentorship.progress.events, mentorship.feedback.events",
                "mp.messaging.incoming.inbox.group.id", "matching-service",
                "mp.messaging.outgoing.unrelated.topic", "not.consumed"), "test", 100)).build();
        SortedSet<String> consumed = KafkaTopics.consumedTopics(settings);
        assertThat(consumed).containsExactly("mentorship.feedback.events", "mentorship.progress.events");

        KafkaTopics topics = new KafkaTopics("matching", 3, OptionalInt.empty(), consumed, brokers("127.0.0.1:9"));

        assertThat(topics.wanted()).extracting(NewTopic::name).containsExactly(
                "mentorship.feedback.events", "mentorship.matching.dead-letter", "mentorship.matching.events",
                "mentorship.progress.events");
        assertThat(topics.wanted()).extracting(NewTopic::numPartitions).containsOnly(3);
    }

    @Test
    void where_topics_are_managed_outside_the_service_it_creates_none_and_is_settled_at_once() {
        // No broker listens on port 9: a service that tried would never be settled.
        KafkaTopics topics = new KafkaTopics("matching", 3, OptionalInt.empty(), new TreeSet<>(), brokers("127.0.0.1:9"), false);
        topics.start();
        try {
            assertThat(topics.settled()).isTrue();
            topics.recheck();
            assertThat(topics.settled()).isTrue();
        } finally {
            topics.stop();
        }
    }

    @Test
    void the_admin_client_reaches_the_cluster_as_the_services_channels_do() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", "broker-1:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "group.id", "a-consumer-setting");

        Map<String, Object> admin = new KafkaTopics("progress", 3, OptionalInt.empty(), new TreeSet<>(), kafka).adminSettings();

        assertThat(admin).containsEntry("bootstrap.servers", "broker-1:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("client.id", "mentorship-progress-topics")
                .doesNotContainKey("group.id");
    }

    @Test
    void the_replication_factor_is_the_clusters_default_unless_configured() {
        // -1 asks the broker for its default.replication.factor: 3 on a production cluster, 1 on the local broker.
        assertThat(new KafkaTopics("progress", 3, OptionalInt.empty(), new TreeSet<>(), brokers("127.0.0.1:9")).wanted())
                .extracting(NewTopic::replicationFactor).containsOnly((short) -1);

        KafkaTopics configured = new KafkaTopics("progress", 6, OptionalInt.of(3), new TreeSet<>(), brokers("127.0.0.1:9"));
        assertThat(configured.wanted()).extracting(NewTopic::replicationFactor).containsOnly((short) 3);
        assertThat(configured.wanted()).extracting(NewTopic::numPartitions).containsOnly(6);
    }

    @Test
    void a_service_creates_its_topics_once_the_broker_is_back_and_again_when_one_was_deleted(@TempDir Path dir) throws Exception {
        int[] ports = Ports.free(2);
        SortedSet<String> consumed = new TreeSet<>(List.of("mentorship.matching.events"));
        KafkaTopics topics = new KafkaTopics("progress", 3, OptionalInt.empty(), consumed, brokers("127.0.0.1:" + ports[0]));
        topics.start();
        // The broker of a locked-down cluster: it creates no topic a client merely names.
        try (KafkaBroker broker = new KafkaBroker(ports[0], ports[1], dir.resolve("kafka"), true, false)) {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !topics.settled());

            broker.start();

            await().atMost(Duration.ofSeconds(30)).until(topics::settled);
            List<String> wanted = List.of("mentorship.matching.events", "mentorship.progress.events", "mentorship.progress.dead-letter");
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
                Map<String, TopicDescription> created = admin.describeTopics(wanted).allTopicNames().get();
                assertThat(created.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));

                // Deleted under the running service: a failed publication asks for another check.
                admin.deleteTopics(List.of("mentorship.progress.dead-letter")).all().get();
                await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains("mentorship.progress.dead-letter"));
                topics.recheck();

                await().atMost(Duration.ofSeconds(30)).until(() -> topics.settled()
                        && admin.listTopics().names().get().containsAll(wanted));
                assertThat(admin.describeTopics(wanted).allTopicNames().get().values())
                        .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
            }
        } finally {
            topics.stop();
        }
    }

    @Test
    void a_creation_the_cluster_refuses_for_good_is_settled_and_one_it_cannot_answer_is_not(@TempDir Path dir) throws Exception {
        int[] ports = Ports.free(2);
        KafkaTopics unanswered = new KafkaTopics("feedback", 3, OptionalInt.empty(), new TreeSet<>(), brokers("127.0.0.1:" + ports[0]));
        assertThat(unanswered.ensure()).isFalse();

        try (KafkaBroker broker = new KafkaBroker(ports[0], ports[1], dir.resolve("kafka"), true, false).start();
                Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
            // Three replicas on a one-broker cluster: asking again would not change the answer.
            KafkaTopics tooManyReplicas = new KafkaTopics("feedback", 3, OptionalInt.of(3), new TreeSet<>(), brokers(broker.bootstrapServers()));
            List<String> warnings = new CopyOnWriteArrayList<>();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                        warnings.add(record.getMessage());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger logger = Logger.getLogger(KafkaTopics.class.getName());
            logger.addHandler(handler);
            try {
                assertThat(tooManyReplicas.ensure()).isTrue();
                // Checked again after each failed publication: the same refusal is said once.
                assertThat(tooManyReplicas.ensure()).isTrue();
            } finally {
                logger.removeHandler(handler);
            }
            assertThat(warnings).hasSize(1);
            assertThat(admin.listTopics().names().get()).doesNotContain("mentorship.feedback.events");

            assertThat(unanswered.ensure()).isTrue();
            assertThat(admin.listTopics().names().get()).contains("mentorship.feedback.events", "mentorship.feedback.dead-letter");
            // Existing topics are left alone, and that is settled too.
            assertThat(unanswered.ensure()).isTrue();
        }
    }

    private static Map<String, Object> brokers(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers);
    }
}
