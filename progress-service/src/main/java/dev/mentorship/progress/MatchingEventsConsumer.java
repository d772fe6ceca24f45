package dev.mentorship.progress;

import dev.mentorship.eventsourcing.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Everything matching-service publishes lands in this service's inbox; projections take it from there. */
@ApplicationScoped
public class MatchingEventsConsumer {

    private final Inbox inbox;

    public MatchingEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(Channels.MATCHING_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return inbox.receive(records);
    }
}
