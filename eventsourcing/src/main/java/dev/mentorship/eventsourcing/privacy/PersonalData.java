package dev.mentorship.eventsourcing.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mentorship.eventsourcing.store.NewEvent;
import dev.mentorship.eventsourcing.store.StoredEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Crypto-shredding of the event store: personal fields ({@link Personal}) go in encrypted under
 * their person's data key and come out in plain, or as the placeholder once the key is erased.
 * Deciders and projections only see what {@link #open} gives them, never ciphertext.
 *
 * <p>A sealed field is a JSON string {@code pii:v1:<kind>:<key id, base64url>:<nonce and AES-GCM
 * ciphertext, base64>} of the field's JSON; the key id and the field name are bound in as associated
 * data, so a value moved to another field or key does not open. The kind says what the field held,
 * so an erased one reads as a value of the same shape: a string {@value #PLACEHOLDER}, an empty list
 * or object, or null.
 */
@ApplicationScoped
public class PersonalData {

    /** What an erased personal text reads as. */
    public static final String PLACEHOLDER = "erased";
    static final String PREFIX = "pii:v1:";
    /** The metadata field listing an event's sealed fields. */
    static final String METADATA_FIELD = "personal";

    private final DataKeys keys;
    private final ObjectMapper json;

    public PersonalData(DataKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** The events with their personal fields encrypted; a field whose key is erased is stored as the placeholder. */
    public Uni<List<NewEvent>> seal(List<NewEvent> events) {
        // Each payload parsed once; only the keys of fields that hold something: an event without a note needs no key.
        List<ObjectNode> trees = new ArrayList<>(events.size());
        Set<String> ids = new HashSet<>();
        for (NewEvent event : events) {
            ObjectNode tree = event.personal().isEmpty() ? null : tree(event.payload());
            trees.add(tree);
            if (tree != null) {
                event.personal().stream().filter(field -> !tree.path(field.field()).isMissingNode() && !tree.path(field.field()).isNull())
                        .forEach(field -> ids.add(field.keyId()));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        return keys.forWriting(ids).map(found -> {
            List<NewEvent> sealed = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                sealed.add(trees.get(i) == null ? events.get(i) : seal(events.get(i), trees.get(i), found));
            }
            return sealed;
        });
    }

    /** The events as deciders and projections read them: personal fields in plain, or the placeholder where erased. */
    public Uni<List<StoredEvent>> open(List<StoredEvent> events) {
        // Each event's metadata and payload parsed once, and only where the metadata lists sealed fields.
        List<Opening> openings = new ArrayList<>(events.size());
        Set<String> ids = new HashSet<>();
        for (StoredEvent event : events) {
            Opening opening = opening(event);
            openings.add(opening);
            if (opening != null) {
                opening.sealed().values().forEach(sealed -> ids.add(sealed.keyId()));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        return keys.forReading(ids).map(found -> {
            List<StoredEvent> opened = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                opened.add(openings.get(i) == null ? events.get(i) : open(events.get(i), openings.get(i), found));
            }
            return opened;
        });
    }

    /** An event's payload, parsed, and its sealed fields. */
    private record Opening(ObjectNode payload, Map<String, Sealed> sealed) {
    }

    /** The event with its sealed fields opened with {@code found}; a key not there reads as erased. */
    private StoredEvent open(StoredEvent event, Opening opening, Map<String, SecretKey> found) {
        ObjectNode tree = opening.payload();
        opening.sealed().forEach((field, value) -> {
            SecretKey key = found.get(value.keyId());
            tree.set(field, key == null ? placeholder(value.kind()) : decrypt(value, field, key));
        });
        return event.withPayload(write(tree));
    }

    /**
     * The fields the metadata lists as sealed ({@code "personal"}), parsed, with the payload; null when
     * there are none. Only those are opened, so a plain text that happens to look like a sealed one is
     * left as it is.
     */
    private Opening opening(StoredEvent event) {
        if (event.metadata() == null || !event.metadata().contains('"' + METADATA_FIELD + '"')) {
            return null;
        }
        JsonNode listed = tree(event.metadata()).path(METADATA_FIELD);
        if (!listed.isArray() || listed.isEmpty()) {
            return null;
        }
        ObjectNode payload = tree(event.payload());
        Map<String, Sealed> sealed = new java.util.LinkedHashMap<>();
        for (JsonNode name : listed) {
            Sealed value = Sealed.parse(payload.path(name.asText()));
            if (value != null) {
                sealed.put(name.asText(), value);
            }
        }
        return sealed.isEmpty() ? null : new Opening(payload, sealed);
    }

    private NewEvent seal(NewEvent event, ObjectNode tree, Map<String, SecretKey> found) {
        List<String> sealed = new ArrayList<>();
        for (PersonalField field : event.personal()) {
            JsonNode value = tree.get(field.field());
            if (value == null || value.isNull()) {
                continue;
            }
            SecretKey key = found.get(field.keyId());
            char kind = kind(value);
            if (key == null) {
                tree.set(field.field(), placeholder(kind));
            } else {
                tree.set(field.field(), TextNode.valueOf(encrypt(field, kind, value, key)));
                sealed.add(field.field());
            }
        }
        ObjectNode metadata = event.metadata() == null ? JsonNodeFactory.instance.objectNode() : tree(event.metadata());
        if (!sealed.isEmpty()) {
            sealed.forEach(metadata.putArray(METADATA_FIELD)::add);
        }
        return event.sealed(write(tree), write(metadata));
    }

    private String encrypt(PersonalField field, char kind, JsonNode value, SecretKey key) {
        try {
            byte[] sealed = Aead.seal(key, associated(field.keyId(), field.field()), json.writeValueAsBytes(value));
            return PREFIX + kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(field.keyId().getBytes(StandardCharsets.UTF_8))
                    + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot encrypt " + field.field(), e);
        }
    }

    private JsonNode decrypt(Sealed sealed, String field, SecretKey key) {
        try {
            return json.readTree(Aead.open(key, associated(sealed.keyId(), field), sealed.ciphertext()));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("The personal field " + field + " does not open with its key " + sealed.keyId(), e);
        }
    }

    private static byte[] associated(String keyId, String field) {
        return (keyId + "\n" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static char kind(JsonNode value) {
        return value.isTextual() ? 's' : value.isArray() ? 'a' : value.isObject() ? 'o' : 'v';
    }

    static JsonNode placeholder(char kind) {
        return switch (kind) {
            case 's' -> TextNode.valueOf(PLACEHOLDER);
            case 'a' -> JsonNodeFactory.instance.arrayNode();
            case 'o' -> JsonNodeFactory.instance.objectNode();
            default -> JsonNodeFactory.instance.nullNode();
        };
    }

    private ObjectNode tree(String payload) {
        try {
            return (ObjectNode) json.readTree(payload);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("An event payload is not a JSON object", e);
        }
    }

    private String write(JsonNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sealed field's parts. */
    private record Sealed(char kind, String keyId, byte[] ciphertext) {

        static Sealed parse(JsonNode value) {
            if (!value.isTextual() || !value.textValue().startsWith(PREFIX)) {
                return null;
            }
            String[] parts = value.textValue().substring(PREFIX.length()).split(":", 3);
            if (parts.length != 3 || parts[0].length() != 1) {
                return null;
            }
            try {
                return new Sealed(parts[0].charAt(0), new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8),
                        Base64.getDecoder().decode(parts[2]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
