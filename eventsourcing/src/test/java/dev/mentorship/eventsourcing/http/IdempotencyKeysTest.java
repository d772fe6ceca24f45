package dev.mentorship.eventsourcing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    @Test
    void no_header_is_no_key() {
        assertThat(IdempotencyKeys.parse(null)).isEmpty();
    }

    @Test
    void a_bare_key_and_a_structured_field_string_are_the_same_key() {
        assertThat(IdempotencyKeys.parse("8e03978e-40d5-43e8-bc93-6894a57f9324")).hasValue("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKeys.parse(" \"8e03978e-40d5-43e8-bc93-6894a57f9324\" ")).hasValue("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKeys.parse("x".repeat(255))).isEqualTo(Optional.of("x".repeat(255)));
    }

    @Test
    void an_empty_long_spaced_or_non_ascii_key_is_invalid_input() {
        for (String key : new String[] {"", "  ", "\"\"", "x".repeat(256), "two words", "clé", "tab\tkey"}) {
            assertThatThrownBy(() -> IdempotencyKeys.parse(key)).as(key).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
        }
    }
}
