package dev.mentorship.eventsourcing.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.eventsourcing.store.EventStore;
import dev.mentorship.eventsourcing.store.StoredEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A stream as a subject access export shows it: each event's type, time and data, personal fields
 * opened, with what the export must not give this person (another person's private text) taken out
 * by the caller's filter.
 */
@ApplicationScoped
public class History {

    /** One event of a stream as exported. */
    public record Entry(String type, Instant at, JsonNode data) {
    }

    private final EventStore store;
    private final ObjectMapper json;

    public History(EventStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Runs on the caller's session. {@code redact} gets each event and its data, and returns the data to show or null to leave it out. */
    public Uni<List<Entry>> of(String streamId, BiFunction<StoredEvent, ObjectNode, ObjectNode> redact) {
        return store.readStream(streamId).map(events -> events.stream().map(event -> {
            ObjectNode data = redact.apply(event, tree(event.payload()));
            return data == null ? null : new Entry(event.type(), event.recordedAt(), data);
        }).filter(java.util.Objects::nonNull).toList());
    }

    /** The actor who caused an event, from its metadata: whose words a free text is. */
    public String actor(StoredEvent event) {
        return event.metadata() == null ? null : tree(event.metadata()).path("actor").asText(null);
    }

    private ObjectNode tree(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("A stored event is not a JSON object", e);
        }
    }
}
