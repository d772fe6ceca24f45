package dev.mentorship.eventsourcing.outbox;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The kernel's own Kafka producers (outbox relay, dead letters): idempotent, {@code acks=all}, bounded waits. */
public final class Producers {

    private Producers() {
    }

    /** {@code kafka} is the services' Kafka settings (see {@link KafkaSettings}); the kernel's own choices below win over them. */
    public static KafkaProducer<String, byte[]> reliable(Map<String, Object> kafka, String clientId) {
        return new KafkaProducer<>(settings(kafka, clientId), new StringSerializer(), new ByteArraySerializer());
    }

    static Properties settings(Map<String, Object> kafka, String clientId) {
        Properties props = new Properties();
        props.putAll(KafkaSettings.known(kafka, ProducerConfig.configNames()));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
