package dev.mentorship.eventsourcing.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.eventsourcing.store.NewIds;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotentCreatesTest {

    @Test
    void the_same_aggregate_caller_and_key_always_name_the_same_stream() {
        assertThat(IdempotentCreates.streamId("cohort", "office-1", "k-1")).isEqualTo(IdempotentCreates.streamId("cohort", "office-1", "k-1"));
    }

    @Test
    void another_aggregate_caller_or_key_names_another_stream_even_when_the_parts_run_together() {
        UUID id = IdempotentCreates.streamId("cohort", "office-1", "k-1");

        assertThat(IdempotentCreates.streamId("mentor", "office-1", "k-1")).isNotEqualTo(id);
        assertThat(IdempotentCreates.streamId("cohort", "office-2", "k-1")).isNotEqualTo(id);
        assertThat(IdempotentCreates.streamId("cohort", "office-1", "k-2")).isNotEqualTo(id);
        assertThat(IdempotentCreates.streamId("cohort", "office-1k", "-1")).isNotEqualTo(id);
    }

    @Test
    void a_derived_id_is_a_version_8_uuid_and_never_a_time_ordered_one() {
        UUID derived = IdempotentCreates.streamId("cohort", "office-1", "k-1");

        assertThat(derived.version()).isEqualTo(8);
        assertThat(derived.variant()).isEqualTo(2);
        assertThat(UUID.fromString(derived.toString())).isEqualTo(derived);
        assertThat(NewIds.next().version()).isEqualTo(7);
    }

    @Test
    void the_digest_tells_requests_apart_and_depends_on_the_key_and_the_caller() {
        String digest = IdempotentCreates.digest("k-1", "office-1", "{\"name\":\"A\"}");

        assertThat(digest).hasSize(64).isEqualTo(IdempotentCreates.digest("k-1", "office-1", "{\"name\":\"A\"}"));
        assertThat(IdempotentCreates.digest("k-1", "office-1", "{\"name\":\"B\"}")).isNotEqualTo(digest);
        assertThat(IdempotentCreates.digest("k-2", "office-1", "{\"name\":\"A\"}")).isNotEqualTo(digest);
        assertThat(IdempotentCreates.digest("k-1", "office-2", "{\"name\":\"A\"}")).isNotEqualTo(digest);
    }
}
