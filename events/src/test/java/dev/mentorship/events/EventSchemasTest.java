package dev.mentorship.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mentorship.events.matching.MatchStarted;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void every_contract_has_a_schema_named_after_its_type() {
        for (EventContract contract : Contracts.ALL) {
            assertThat(getClass().getClassLoader().getResource(contract.schemaResource()))
                    .as(contract.ceType()).isNotNull();
        }
    }

    @Test
    void a_well_formed_match_started_validates() {
        var event = new MatchStarted(id(), id(), id(), "mentor-sub", "apprentice-sub", id(), Instant.now());

        assertThat(EventSchemas.validate(Contracts.MATCH_STARTED, json.valueToTree(event))).isEmpty();
    }

    @Test
    void a_payload_missing_a_field_or_with_a_wrong_type_is_rejected() {
        var event = new MatchStarted(id(), id(), id(), "mentor-sub", "apprentice-sub", id(), Instant.now());
        ObjectNode missing = json.valueToTree(event);
        missing.remove("mentorId");
        ObjectNode wrongType = json.valueToTree(event);
        wrongType.put("startedAt", 42);

        assertThat(EventSchemas.validate(Contracts.MATCH_STARTED, missing)).anyMatch(m -> m.contains("mentorId"));
        assertThat(EventSchemas.validate(Contracts.MATCH_STARTED, wrongType)).isNotEmpty();
    }

    @Test
    void cloud_event_type_follows_the_naming_rule() {
        assertThat(Contracts.MATCH_STARTED.ceType()).isEqualTo("mentorship.matching.MatchStarted.v1");
        assertThat(Contracts.MATCH_STARTED.ceSource()).isEqualTo("/matching-service");
        assertThat(Contracts.MATCH_STARTED.topic()).isEqualTo(Topics.MATCHING);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
