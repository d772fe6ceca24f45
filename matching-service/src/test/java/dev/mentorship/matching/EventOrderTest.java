package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.eventsourcing.store.EventStore;
import dev.mentorship.eventsourcing.store.StoredEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Projections read the log in (transaction, position) order and resume after the last event they
 * applied. The order must be numeric: sorted as text, transaction 10 would come before 9, and a
 * projection would save a checkpoint past events it never saw.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class EventOrderTest {

    @Inject
    AgroalDataSource jdbc;

    @Inject
    EventStore store;

    @Test
    void events_after_a_checkpoint_come_in_numeric_transaction_order() throws Throwable {
        // Events of long-finished transactions 9, 10 and 99 (every real transaction here is younger),
        // written with positions in the opposite order.
        String run = UUID.randomUUID().toString();
        try (Connection connection = jdbc.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into events (transaction_id, stream_id, version, event_id, type, payload) "
                                + "values (cast(? as xid8), ?, 1, gen_random_uuid(), 'CohortOpened', '{}'::jsonb)")) {
            for (String transaction : List.of("99", "10", "9")) {
                insert.setString(1, transaction);
                insert.setString(2, "Cohort-order-" + transaction + "-" + run);
                insert.executeUpdate();
            }
        }

        List<StoredEvent> next = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> store.readAfter(8, 0, 3)));

        assertThat(next).extracting(StoredEvent::transactionId).containsExactly(9L, 10L, 99L);
        StoredEvent afterNine = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> store.readAfter(9, next.get(0).position(), 1))).get(0);
        assertThat(afterNine.transactionId()).isEqualTo(10L);
    }
}
