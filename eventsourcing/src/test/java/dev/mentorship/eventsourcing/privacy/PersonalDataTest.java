package dev.mentorship.eventsourcing.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.eventsourcing.store.NewEvent;
import dev.mentorship.eventsourcing.store.StoredEvent;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    record Withdrawn(String apprenticeId, @Personal(keyedBy = "apprenticeId") String reason,
            @Personal(keyedBy = "apprenticeId") List<String> goals, @Personal(keyedBy = "apprenticeId") Map<String, Integer> answers,
            String cohortName) {
    }

    /** Keys in memory, with the database's rules: an erased id stays erased. */
    static final class MemoryKeys implements DataKeys {
        final Map<String, SecretKey> keys = new HashMap<>();
        final Set<String> erased = new HashSet<>();

        @Override
        public Uni<Map<String, SecretKey>> forWriting(Set<String> keyIds) {
            Map<String, SecretKey> found = new HashMap<>();
            for (String id : keyIds) {
                if (!erased.contains(id)) {
                    found.put(id, keys.computeIfAbsent(id, any -> newKey()));
                }
            }
            return Uni.createFrom().item(found);
        }

        @Override
        public Uni<Map<String, SecretKey>> forReading(Set<String> keyIds) {
            Map<String, SecretKey> found = new HashMap<>();
            keyIds.stream().filter(keys::containsKey).forEach(id -> found.put(id, keys.get(id)));
            return Uni.createFrom().item(found);
        }

        @Override
        public Uni<Integer> erase(Set<String> keyIds) {
            int existed = 0;
            for (String id : keyIds) {
                existed += keys.remove(id) != null ? 1 : 0;
                erased.add(id);
            }
            return Uni.createFrom().item(existed);
        }

        private static SecretKey newKey() {
            try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                return generator.generateKey();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MemoryKeys keys = new MemoryKeys();
    private final PersonalData personal = new PersonalData(keys, json);

    @Test
    void personal_fields_are_stored_encrypted_and_read_in_plain() throws Exception {
        StoredEvent stored = store(new Withdrawn("a-1", "moved to Lisbon with Ana", List.of("learn Kafka"), Map.of("trust-1", 4), "Spring"));

        assertThat(stored.payload()).doesNotContain("Lisbon").doesNotContain("Kafka").doesNotContain("trust-1").contains("Spring");
        JsonNode raw = json.readTree(stored.payload());
        assertThat(raw.path("reason").asText()).startsWith("pii:v1:s:");
        assertThat(raw.path("goals").asText()).startsWith("pii:v1:a:");
        assertThat(json.readTree(stored.metadata()).path("personal")).hasSize(3);

        JsonNode opened = json.readTree(read(stored).payload());
        assertThat(opened.path("reason").asText()).isEqualTo("moved to Lisbon with Ana");
        assertThat(opened.path("goals").get(0).asText()).isEqualTo("learn Kafka");
        assertThat(opened.path("answers").path("trust-1").asInt()).isEqualTo(4);
        assertThat(opened.path("cohortName").asText()).isEqualTo("Spring");
        assertThat(json.readValue(read(stored).payload(), Withdrawn.class).reason()).isEqualTo("moved to Lisbon with Ana");
    }

    @Test
    void once_the_key_is_erased_every_field_reads_as_a_placeholder_of_its_shape_and_the_event_still_decodes() throws Exception {
        StoredEvent stored = store(new Withdrawn("a-2", "burn-out", List.of("on-call"), Map.of("trust-1", 1), "Spring"));
        assertThat(keys.erase(Set.of("a-2")).await().indefinitely()).isEqualTo(1);

        Withdrawn replayed = json.readValue(read(stored).payload(), Withdrawn.class);
        assertThat(replayed.reason()).isEqualTo(PersonalData.PLACEHOLDER);
        assertThat(replayed.goals()).isEmpty();
        assertThat(replayed.answers()).isEmpty();
        assertThat(replayed.cohortName()).isEqualTo("Spring");
        assertThat(replayed.apprenticeId()).isEqualTo("a-2");
    }

    @Test
    void a_write_keyed_by_an_erased_person_stores_the_placeholder_and_no_new_key() throws Exception {
        keys.erase(Set.of("a-3")).await().indefinitely();
        StoredEvent stored = store(new Withdrawn("a-3", "late note", List.of("x"), Map.of(), "Spring"));

        assertThat(stored.payload()).doesNotContain("late note").doesNotContain("pii:v1:");
        assertThat(json.readTree(stored.payload()).path("reason").asText()).isEqualTo(PersonalData.PLACEHOLDER);
        assertThat(keys.keys).doesNotContainKey("a-3");
    }

    @Test
    void only_fields_the_metadata_lists_are_opened_so_plain_text_that_looks_sealed_is_kept() throws Exception {
        StoredEvent sealed = store(new Withdrawn("a-4", "private", List.of(), Map.of(), "x"));
        String lookalike = json.readTree(sealed.payload()).path("reason").asText();
        // The sealed text of another event copied into a plain field: read back as written, not opened.
        StoredEvent plain = store(new Withdrawn("a-5", null, null, null, lookalike));
        assertThat(json.readTree(read(plain).payload()).path("cohortName").asText()).isEqualTo(lookalike);
    }

    @Test
    void a_sealed_value_moved_to_another_person_or_field_does_not_open() throws Exception {
        StoredEvent first = store(new Withdrawn("a-6", "secret of a-6", List.of(), Map.of(), "x"));
        StoredEvent second = store(new Withdrawn("a-7", "other", List.of("g"), Map.of(), "x"));
        ObjectNode swapped = (ObjectNode) json.readTree(second.payload());
        swapped.put("goals", json.readTree(first.payload()).path("reason").asText());
        StoredEvent tampered = second.withPayload(json.writeValueAsString(swapped));
        assertThatThrownBy(() -> read(tampered)).hasMessageContaining("does not open");
    }

    @Test
    void an_event_whose_personal_fields_are_empty_needs_no_key() throws Exception {
        store(new Withdrawn("a-8", null, null, null, "x"));
        assertThat(keys.keys).doesNotContainKey("a-8");
    }

    @Test
    void a_personal_field_needs_its_key() {
        record Broken(String id, @Personal(keyedBy = "missing") String note) {
        }
        assertThatThrownBy(() -> PersonalField.of(new Broken("1", "n"))).hasMessageContaining("missing");
        assertThatThrownBy(() -> PersonalField.of(new Withdrawn(null, "n", List.of(), Map.of(), "x"))).hasMessageContaining("apprenticeId");
    }

    private StoredEvent store(Withdrawn event) throws Exception {
        NewEvent fresh = new NewEvent(UUID.randomUUID(), "Withdrawn", 1, json.writeValueAsString(event), "{\"actor\":\"t\"}", Instant.now(),
                Optional.empty(), PersonalField.of(event));
        NewEvent sealed = personal.seal(List.of(fresh)).await().indefinitely().get(0);
        return new StoredEvent(1, 1, "/s/" + event.apprenticeId(), 1, sealed.eventId(), sealed.type(), 1, sealed.payload(), sealed.metadata(),
                sealed.recordedAt());
    }

    private StoredEvent read(StoredEvent stored) {
        return personal.open(List.of(stored)).await().indefinitely().get(0);
    }
}
