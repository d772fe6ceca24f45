package dev.mentorship.eventsourcing.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.store.DatabaseUnavailable;
import dev.mentorship.eventsourcing.store.EventStore;
import dev.mentorship.eventsourcing.store.NewEvent;
import dev.mentorship.eventsourcing.tracing.Traces;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.EventContract;
import dev.mentorship.events.EventSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.mentorship.eventsourcing.outbox.OutboxRelay;
import dev.mentorship.events.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Receives CloudEvents from Kafka, a polled batch at a time. In one transaction it records each event
 * id in the inbox and appends the event to this service's own log (stream {@code <source>/<subject>});
 * projections then pick it up from there. A redelivered event finds its id already recorded and
 * changes nothing. Transient failures are retried; a record that can never be processed is parked on
 * the dead-letter topic on its own and the partition keeps flowing. With
 * {@code mentorship.inbox.types} set, only those CloudEvent types are kept; the rest are acknowledged
 * without a database write.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EventStore store;
    private final Traces traces;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Optional<Set<String>> keptTypes;
    private final AtomicLong lastOutageLog = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));

    public Inbox(EventStore store, DeadLetters deadLetters, ObjectMapper json, MeterRegistry metrics, KernelConfig config, Traces traces) {
        this.traces = traces;
        this.store = store;
        this.deadLetters = deadLetters;
        this.json = json;
        this.metrics = metrics;
        this.keptTypes = config.inbox().types();
    }

    /**
     * Stores a polled batch: the kept events in one transaction (one commit per poll, not per event),
     * records that are not CloudEvents or break their schema parked one by one. If the batch's
     * transaction still fails after retries, each event is tried alone, and only the ones that keep
     * failing are parked; the rest of the batch is stored and the partition keeps flowing.
     */
    public Uni<Void> receive(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<Received> kept = new ArrayList<>();
        List<DeadLetters.Parked> parked = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String misplaced = misplaced(record);
            if (misplaced != null) {
                metrics.counter("inbox.rejected", "topic", record.topic()).increment();
                LOG.warnf("Rejected record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), misplaced);
                parked.add(new DeadLetters.Parked(record, new PoisonMessage(misplaced)));
                continue;
            }
            if (!wanted(record)) {
                // Not an event this service uses: no read model needs it, so it costs no write.
                metrics.counter("inbox.skipped", "topic", record.topic()).increment();
                continue;
            }
            try {
                Envelope envelope = Envelope.of(record, json);
                // The checks above read the ce_type header, which is cheap and skips unused types
                // unparsed; the type that counts is the parsed event's (in structured mode there is
                // no such header at all), so where the two differ both checks hold for it too.
                if (!envelope.type().equals(headerType(record))) {
                    String claimed = misplaced(envelope.type(), record.topic());
                    if (claimed != null) {
                        throw new PoisonMessage(claimed);
                    }
                    if (!wanted(envelope.type())) {
                        metrics.counter("inbox.skipped", "topic", record.topic()).increment();
                        continue;
                    }
                }
                kept.add(new Received(envelope, record));
            } catch (PoisonMessage poison) {
                metrics.counter("inbox.rejected", "topic", record.topic()).increment();
                LOG.warnf("Rejected record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), poison.getMessage());
                parked.add(new DeadLetters.Parked(record, poison));
            }
        }
        // Each kept event is stored under a span that continues the trace it was published in, open for the
        // transaction that stores it; one that ends up parked ends as an error.
        Map<UUID, Span> spans = new LinkedHashMap<>();
        kept.forEach(received -> spans.putIfAbsent(received.envelope().id(), traces.consuming(received.record().topic(),
                received.envelope().type(), received.envelope().id().toString(), received.envelope().traceparent())));
        Map<UUID, Throwable> failed = new HashMap<>();
        Uni<Void> stored = kept.isEmpty()
                ? Uni.createFrom().voidItem()
                : retried(Panache.withTransaction(() -> store(kept)))
                        .invoke(fresh -> count(kept, fresh))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> {
                            LOG.warnf("A batch of %d consumed events failed (%s); storing them one by one", kept.size(), failure.toString());
                            return oneByOne(kept, parked, failed);
                        });
        return stored.onTermination().invoke((done, failure, cancelled) -> spans.forEach((id, span) -> Traces.end(span,
                failure != null ? failure : failed.get(id)))).chain(() -> deadLetters.park(parked));
    }

    /** Each event in a transaction of its own; those that keep failing are parked, and noted in {@code failed} with why. */
    private Uni<Void> oneByOne(List<Received> kept, List<DeadLetters.Parked> parked, Map<UUID, Throwable> failed) {
        return InOrder.each(kept, received -> retried(Panache.withTransaction(() -> store(List.of(received))))
                .invoke(fresh -> count(List.of(received), fresh))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    metrics.counter("inbox.failed", "type", received.envelope().type()).increment();
                    LOG.errorf("Consumed event %s (%s) could not be stored: %s", received.envelope().id(), received.envelope().type(),
                            failure.toString());
                    parked.add(new DeadLetters.Parked(received.record(), failure));
                    failed.put(received.envelope().id(), failure);
                    return null;
                }));
    }

    /**
     * A failed transaction is tried four more times; an outage of the database is waited out however
     * long it lasts, since parking the records would take them from the read models for good (the
     * partition waits instead, and readiness is down meanwhile).
     */
    private <T> Uni<T> retried(Uni<T> transaction) {
        return transaction
                .onFailure(DatabaseUnavailable::causes).invoke(this::waiting)
                .onFailure(DatabaseUnavailable::causes).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(4);
    }

    /** One line every ten seconds while the database is away, not one per attempt. */
    private void waiting(Throwable outage) {
        metrics.counter("inbox.outage.retries").increment();
        long now = System.nanoTime();
        long last = lastOutageLog.get();
        if (now - last > TimeUnit.SECONDS.toNanos(10) && lastOutageLog.compareAndSet(last, now)) {
            LOG.warnf("Database unavailable; consumed events wait until it is back: %s", DatabaseUnavailable.describe(outage));
        }
    }

    private void count(List<Received> kept, Set<UUID> fresh) {
        Set<UUID> counted = new HashSet<>();
        for (Received received : kept) {
            // A repeat within the poll is a duplicate of its first occurrence.
            boolean stored = fresh.contains(received.envelope().id()) && counted.add(received.envelope().id());
            metrics.counter(stored ? "inbox.stored" : "inbox.duplicates", "type", received.envelope().type()).increment();
        }
    }

    /**
     * Why a record cannot be taken from the topic it came on, or null when it can. An event type
     * {@code mentorship.<service>.*} is published by that service on {@code mentorship.<service>.events}
     * only: the same type on another topic is someone else claiming to speak for it.
     */
    static String misplaced(ConsumerRecord<String, byte[]> record) {
        String type = headerType(record);
        // Without the header it is no binary-mode CloudEvent: the envelope check parks it or reads its type.
        return type == null ? null : misplaced(type, record.topic());
    }

    private static String headerType(ConsumerRecord<String, byte[]> record) {
        return header(record, "ce_type");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String misplaced(String type, String topic) {
        Matcher owned = OWNED_TYPE.matcher(type);
        if (!owned.matches()) {
            return "Type " + type + " is not a mentorship event type (mentorship.<service>.<EventName>.v<N>)";
        }
        String home = Topics.of(owned.group(1));
        return home.equals(topic) ? null : "Type " + type + " is published on " + home + " only, not on " + topic;
    }

    private static final Pattern OWNED_TYPE = Pattern.compile("mentorship\\.([a-z][a-z0-9-]*)\\.[A-Za-z0-9]+\\.v[0-9]+");

    private boolean wanted(ConsumerRecord<String, byte[]> record) {
        String type = headerType(record);
        return type == null || wanted(type);
    }

    private boolean wanted(String type) {
        return keptTypes.isEmpty() || keptTypes.get().contains(type);
    }

    /** The kept events of a poll (or one of them): inbox rows and local log in one statement. */
    private Uni<Set<UUID>> store(List<Received> kept) {
        return store.appendConsumed(kept.stream().map(received -> new EventStore.Consumed(
                received.envelope().source() + "/" + received.envelope().subject(), received.envelope().toNewEvent(),
                new EventStore.Origin(received.envelope().source(), received.record().topic(), received.record().partition(),
                        received.record().offset()))).toList());
    }

    private record Received(Envelope envelope, ConsumerRecord<String, byte[]> record) {
    }

    /** The CloudEvents attributes of one record, checked. */
    record Envelope(UUID id, String type, int schemaVersion, String source, String subject, Instant time, String data,
            String metadata, String traceparent) {

        static Envelope of(ConsumerRecord<String, byte[]> record, ObjectMapper json) {
            CloudEvent event;
            try {
                event = KafkaMessageFactory.createReader(record).toEvent();
            } catch (RuntimeException e) {
                throw new PoisonMessage("Not a CloudEvent in the Kafka binding: " + e.getMessage());
            }
            String type = event.getType();
            String source = event.getSource().toString();
            String subject = Optional.ofNullable(event.getSubject()).orElse(record.key());
            if (subject == null) {
                throw new PoisonMessage("A CloudEvent of this platform names its aggregate: ce_subject (or the record key) is required");
            }
            UUID eventId;
            try {
                eventId = UUID.fromString(event.getId());
            } catch (IllegalArgumentException e) {
                throw new PoisonMessage("ce_id is not a UUID: " + event.getId());
            }
            String text = event.getData() == null ? null : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
            JsonNode data;
            try {
                data = text == null ? null : json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new PoisonMessage("Data is not JSON: " + e.getOriginalMessage());
            }
            if (data == null || !data.isObject()) {
                throw new PoisonMessage("Data must be a JSON object");
            }
            Optional<EventContract> contract = Contracts.byCeType(type);
            if (contract.isPresent()) {
                List<String> errors = EventSchemas.validate(contract.get(), data);
                if (!errors.isEmpty()) {
                    throw new PoisonMessage(type + " does not match its schema: " + String.join("; ", errors));
                }
            }
            Instant at = event.getTime() == null ? Instant.now() : event.getTime().toInstant();
            Object correlationId = event.getExtension(OutboxRelay.CORRELATION_ID);
            String metadata;
            try {
                metadata = json.writeValueAsString(Map.of(
                        "correlationId", String.valueOf(correlationId),
                        "topic", record.topic(),
                        "partition", record.partition(),
                        "offset", record.offset()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            // The distributed-tracing extension, in binary mode the ce_traceparent header, in structured mode an attribute.
            Object traceparent = event.getExtension(Traces.TRACEPARENT);
            return new Envelope(eventId, type, contract.map(EventContract::version).orElse(1), source, subject, at, text, metadata,
                    traceparent == null ? null : traceparent.toString());
        }

        NewEvent toNewEvent() {
            return new NewEvent(id, type, schemaVersion, data, metadata, time.atOffset(ZoneOffset.UTC).toInstant(), Optional.empty());
        }
    }
}
