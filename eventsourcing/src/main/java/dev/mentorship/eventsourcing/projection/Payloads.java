package dev.mentorship.eventsourcing.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.store.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a stored event's JSON payload as the record a projection expects. */
@ApplicationScoped
public class Payloads {

    private final ObjectMapper json;

    public Payloads(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(StoredEvent event, Class<T> type) {
        try {
            return json.readValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + event.type() + " " + event.eventId() + " does not read as " + type.getSimpleName(), e);
        }
    }
}
