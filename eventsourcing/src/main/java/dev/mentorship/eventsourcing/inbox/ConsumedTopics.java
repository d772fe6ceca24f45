package dev.mentorship.eventsourcing.inbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the topics a service consumes ({@code mentorship.inbox.topics}) into its {@link Inbox}. The
 * channel's settings (batches, deserializers, consumer group, dead-letter topic) are the kernel's
 * defaults in {@code META-INF/microprofile-config.properties}, so a consuming service names its
 * topics and the event types it keeps, and nothing more.
 */
@ApplicationScoped
public class ConsumedTopics {

    /** The kernel's one incoming channel; its Kafka client shows up under this name. */
    public static final String CHANNEL = "inbox";

    private final Inbox inbox;

    public ConsumedTopics(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return inbox.receive(records);
    }
}
