package dev.mentorship.eventsourcing.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

class ConcurrencyConflictTest {

    @Test
    void a_deadlock_or_serialization_failure_is_the_servers_resolution_of_a_concurrent_change() {
        assertThat(ConcurrencyConflict.raisedByTheServer(new RuntimeException(new PgException("deadlock detected", "ERROR", "40P01", null))))
                .isTrue();
        assertThat(ConcurrencyConflict.raisedByTheServer(new PgException("could not serialize access", "ERROR", "40001", null))).isTrue();
        assertThat(ConcurrencyConflict.raisedByTheServer(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(ConcurrencyConflict.raisedByTheServer(new IllegalStateException("deadlock"))).isFalse();
    }
}
