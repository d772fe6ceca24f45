package dev.mentorship.eventsourcing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void no_header_or_a_star_means_whatever_version_is_current() {
        assertThat(Versions.fromIfMatch(null)).isEmpty();
        assertThat(Versions.fromIfMatch(" ")).isEmpty();
        assertThat(Versions.fromIfMatch("*")).isEmpty();
    }

    @Test
    void the_etag_as_returned_names_its_version() {
        assertThat(Versions.fromIfMatch(Versions.etag(3).toString())).isEqualTo(OptionalInt.of(3));
        assertThat(Versions.fromIfMatch("\"12\"")).isEqualTo(OptionalInt.of(12));
    }

    @Test
    void a_weak_etag_fails_the_precondition_since_if_match_compares_strongly() {
        assertThatThrownBy(() -> Versions.fromIfMatch("W/\"3\""))
                .isInstanceOfSatisfying(ConcurrencyConflict.class, e -> assertThat(e.preconditionFailed()).isTrue());
    }

    @Test
    void anything_else_is_invalid_input() {
        for (String garbage : new String[] {"\"abc\"", "\"\"", "\"1\", \"2\"", "\"99999999999\""}) {
            assertThatThrownBy(() -> Versions.fromIfMatch(garbage)).as(garbage).isInstanceOf(DomainException.class);
        }
    }
}
