package dev.mentorship.eventsourcing.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** Turns an aggregate's domain events into stored JSON and back; the type name is the record's simple name. */
final class EventCodec<E> {

    private final ObjectMapper json;
    private final Map<String, Class<? extends E>> types = new HashMap<>();

    @SuppressWarnings("unchecked")
    EventCodec(Class<E> sealedType, ObjectMapper json) {
        this.json = json;
        Class<?>[] permitted = sealedType.getPermittedSubclasses();
        if (permitted == null) {
            throw new IllegalArgumentException(sealedType + " must be a sealed interface of event records");
        }
        for (Class<?> type : permitted) {
            types.put(type.getSimpleName(), (Class<? extends E>) type);
        }
    }

    String typeOf(E event) {
        return event.getClass().getSimpleName();
    }

    String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass(), e);
        }
    }

    E decode(String type, String payload) {
        Class<? extends E> target = types.get(type);
        if (target == null) {
            throw new IllegalStateException("Unknown stored event type " + type);
        }
        try {
            return json.readValue(payload, target);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type + " no longer reads as " + target.getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
