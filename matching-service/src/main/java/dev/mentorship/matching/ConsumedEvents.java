package dev.mentorship.matching;

import dev.mentorship.eventsourcing.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What progress-service and feedback-service publish lands in this service's inbox; MatchPolicy acts on it. */
@ApplicationScoped
public class ConsumedEvents {

    private final Inbox inbox;

    public ConsumedEvents(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(Channels.PROGRESS_EVENTS)
    public Uni<Void> fromProgress(ConsumerRecords<String, String> records) {
        return inbox.receive(records);
    }

    @Incoming(Channels.FEEDBACK_EVENTS)
    public Uni<Void> fromFeedback(ConsumerRecords<String, String> records) {
        return inbox.receive(records);
    }
}
