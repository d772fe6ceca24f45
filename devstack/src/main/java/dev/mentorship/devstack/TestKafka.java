package dev.mentorship.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: publish CloudEvents as another service would, read topics back. */
public final class TestKafka {

    private TestKafka() {
    }

    /** Sends one binary-mode CloudEvent and waits for the broker's acknowledgement. */
    public static void publish(String bootstrap, String topic, String key, Map<String, String> headers, String body) {
        publishTogether(bootstrap, List.of(record(topic, key, headers, body)));
    }

    /**
     * Sends records from one producer in one go and waits for the broker's acknowledgements; records
     * with the same key then sit next to each other and a consumer usually polls them together.
     */
    public static void publishTogether(String bootstrap, List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("linger.ms", 50);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = records.stream().<Future<?>>map(producer::send).toList();
            for (Future<?> acknowledged : sent) {
                acknowledged.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + records.size() + " records", e);
        }
    }

    /** Creates topics that do not exist yet, with one replica each; the platform's broker creates none on first use. */
    public static void createTopics(String bootstrap, int partitions, String... names) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            for (var created : admin.createTopics(Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList())
                    .values().values()) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics " + Arrays.toString(names), e);
        }
    }

    /** A binary-mode CloudEvent record. */
    public static ProducerRecord<String, String> record(String topic, String key, Map<String, String> headers, String body) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, body);
        headers.forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    /** CloudEvents binary-mode headers for an event. */
    public static Map<String, String> cloudEvent(String id, String type, String source, String subject) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_source", source, "ce_subject", subject,
                "ce_time", Instant.now().toString(), "content-type", "application/json");
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Every record on {@code topic} from the beginning, read until {@code quiet} passes with nothing new. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, Duration quiet) {
        Properties props = readerProperties(bootstrap);
        props.put("group.id", "test-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            return drain(consumer, quiet);
        }
    }

    /**
     * The records on {@code topic} whose broker timestamp is {@code since} or later, read until
     * {@code quiet} passes with nothing new; earlier records are neither read nor kept.
     */
    public static List<ConsumerRecord<String, String>> readSince(String bootstrap, String topic, Instant since, Duration quiet) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readerProperties(bootstrap), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> from = new HashMap<>();
            partitions.forEach(partition -> from.put(partition, since.toEpochMilli()));
            consumer.offsetsForTimes(from).forEach((partition, offset) -> {
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            });
            return drain(consumer, quiet);
        }
    }

    private static Properties readerProperties(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("enable.auto.commit", "false");
        return props;
    }

    /** Polls until {@code quiet} passes with nothing new once partitions are assigned, for at most 30 s. */
    private static List<ConsumerRecord<String, String>> drain(KafkaConsumer<String, String> consumer, Duration quiet) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Instant lastSeen = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            var batch = consumer.poll(Duration.ofMillis(200));
            batch.forEach(records::add);
            if (!batch.isEmpty()) {
                lastSeen = Instant.now();
            } else if (!consumer.assignment().isEmpty() && Instant.now().isAfter(lastSeen.plus(quiet))) {
                break;
            }
        }
        return records;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
