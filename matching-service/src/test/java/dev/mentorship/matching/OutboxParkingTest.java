package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An outbox row Kafka refuses for good (here a record over the producer's 1 MB limit) is parked with
 * the reason and reported; other aggregates' events go on, the same aggregate's later events wait
 * behind it, and once it can be sent (here: its payload mended) it goes out first and its aggregate
 * flows again, in order.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class OutboxParkingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource jdbc;

    @Inject
    MeterRegistry metrics;

    @Test
    void a_refused_row_is_parked_and_retried_while_other_aggregates_go_on() throws Exception {
        String blocked = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        UUID tooLarge = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        try (Connection connection = jdbc.getConnection()) {
            connection.setAutoCommit(false);
            outbox(connection, tooLarge, blocked, "x".repeat(2 * 1024 * 1024));
            outbox(connection, behind, blocked, "after the large one");
            outbox(connection, elsewhere, other, "another cohort");
            connection.commit();
        }
        Api.cohort(); // commits after the rows above and wakes the relay

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(published(other)).containsExactly(elsewhere.toString());
            assertThat(parkedReason(tooLarge)).contains("RecordTooLargeException");
            assertThat(metrics.get("outbox.parked").gauge().value()).isGreaterThanOrEqualTo(1.0);
        });
        assertThat(published(blocked)).as("the aggregate's later event waits behind the parked one").isEmpty();
        assertThat(inOutbox(behind)).isTrue();

        try (Connection connection = jdbc.getConnection();
                PreparedStatement mend = connection.prepareStatement("update outbox_parked set payload = ? where event_id = ?")) {
            mend.setString(1, payload(blocked, "mended"));
            mend.setObject(2, tooLarge);
            mend.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(published(blocked)).containsExactly(tooLarge.toString(), behind.toString());
            assertThat(parkedReason(tooLarge)).isNull();
        });
    }

    private static String payload(String cohortId, String name) {
        return "{\"cohortId\":\"" + cohortId + "\",\"name\":\"" + name + "\",\"openedAt\":\"2026-12-05T10:15:00Z\"}";
    }

    private static void outbox(Connection connection, UUID eventId, String cohortId, String name) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into outbox (event_id, topic, message_key, ce_type, "
                + "ce_source, ce_subject, ce_time, payload) values (?, ?, ?, ?, '/matching-service', ?, now(), ?)")) {
            insert.setObject(1, eventId);
            insert.setString(2, Topics.MATCHING);
            insert.setString(3, cohortId);
            insert.setString(4, Contracts.COHORT_OPENED.ceType());
            insert.setString(5, cohortId);
            insert.setString(6, payload(cohortId, name));
            insert.executeUpdate();
        }
    }

    private List<String> published(String key) {
        return TestKafka.readAll(bootstrap, Topics.MATCHING, Duration.ofMillis(500)).stream()
                .filter(record -> key.equals(record.key())).map(record -> TestKafka.header(record, "ce_id")).toList();
    }

    private String parkedReason(UUID eventId) throws Exception {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement query = connection.prepareStatement("select reason from outbox_parked where event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private boolean inOutbox(UUID eventId) throws Exception {
        try (Connection connection = jdbc.getConnection();
                PreparedStatement query = connection.prepareStatement("select 1 from outbox where event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
