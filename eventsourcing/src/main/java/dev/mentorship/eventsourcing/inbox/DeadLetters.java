package dev.mentorship.eventsourcing.inbox;

import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.outbox.KafkaTopics;
import dev.mentorship.eventsourcing.outbox.Producers;
import dev.mentorship.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Parks consumed records that can never be processed on {@code mentorship.<service>.dead-letter}: the
 * original key, value and headers, plus the headers SmallRye's dead-letter strategy writes
 * ({@code dead-letter-reason}, {@code dead-letter-cause}, {@code dead-letter-topic},
 * {@code dead-letter-partition}, {@code dead-letter-offset}), so tools that read those keep working.
 * Records are consumed in batches and a batch is acknowledged as a whole, so the inbox parks its
 * poison records one by one here instead of letting the connector park the whole batch.
 */
@ApplicationScoped
public class DeadLetters {

    private final String topic;
    private final Map<String, Object> kafka;
    private final String clientId;
    private final KafkaTopics topics;
    private volatile KafkaProducer<String, byte[]> producer;

    public DeadLetters(KernelConfig config, KafkaTopics topics, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.topics = topics;
        this.topic = Topics.deadLetter(config.service());
        this.kafka = kafka;
        this.clientId = config.service() + "-dead-letters";
    }

    public String topic() {
        return topic;
    }

    /** Completes once the broker has every record; runs off the event loop, since sending may wait for metadata. */
    public Uni<Void> park(List<Parked> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> {
            KafkaProducer<String, byte[]> sender = producer();
            CompletableFuture<?>[] sent = records.stream().map(parked -> {
                CompletableFuture<Void> done = new CompletableFuture<>();
                sender.send(parked.toRecord(topic), (metadata, failure) -> {
                    if (failure == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(failure);
                    }
                });
                return done;
            }).toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(sent);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // The dead-letter topic may have been deleted since it was created.
                .onFailure().invoke(topics::recheck)
                .replaceWithVoid();
    }

    void close(@Observes ShutdownEvent event) {
        KafkaProducer<String, byte[]> open = producer;
        if (open != null) {
            open.close(Duration.ofSeconds(2));
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> open = producer;
        if (open == null) {
            synchronized (this) {
                open = producer;
                if (open == null) {
                    open = Producers.reliable(kafka, clientId);
                    producer = open;
                }
            }
        }
        return open;
    }

    /** A record that will not be processed, and why. */
    public record Parked(ConsumerRecord<String, byte[]> record, Throwable reason) {

        ProducerRecord<String, byte[]> toRecord(String topic) {
            ProducerRecord<String, byte[]> parked = new ProducerRecord<>(topic, null, record.key(), record.value(),
                    new RecordHeaders(record.headers().toArray()));
            header(parked, "dead-letter-reason", String.valueOf(reason.getMessage()));
            if (reason.getCause() != null) {
                header(parked, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
            }
            header(parked, "dead-letter-topic", record.topic());
            header(parked, "dead-letter-partition", Integer.toString(record.partition()));
            header(parked, "dead-letter-offset", Long.toString(record.offset()));
            return parked;
        }

        private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
            record.headers().remove(name);
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
