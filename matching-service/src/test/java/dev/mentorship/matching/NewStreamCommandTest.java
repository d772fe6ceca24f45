package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.matching.cohort.Cohort;
import dev.mentorship.matching.cohort.CohortCommand;
import dev.mentorship.matching.cohort.CohortCommand.OpenCohort;
import dev.mentorship.events.Topics;
import dev.mentorship.matching.cohort.CohortEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A command that starts a stream under a fresh id skips the read, and each event goes in with its
 * outbox row in one statement. The stream's version constraint still guards both: a stream that
 * exists after all is a conflict, and neither an event nor an outbox row is written.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class NewStreamCommandTest {

    @Inject
    CommandHandler commands;

    @Inject
    Aggregate<CohortCommand, CohortEvent, Cohort> cohorts;

    @Inject
    AgroalDataSource jdbc;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void a_new_stream_gets_its_event_at_version_one_and_the_event_reaches_kafka_through_the_outbox() throws Throwable {
        String id = UUID.randomUUID().toString();

        Versioned<Cohort> opened = open(id, "Fresh");

        assertThat(opened.version()).isEqualTo(1);
        List<String> events = rows("select event_id::text || ' v' || version from events where stream_id = ?", cohorts.streamId(id));
        assertThat(events).hasSize(1).allMatch(row -> row.endsWith(" v1"));
        String eventId = events.get(0).substring(0, 36);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published(id)).containsExactly(eventId));
    }

    @Test
    void starting_a_stream_that_exists_is_a_conflict_and_writes_nothing() throws Throwable {
        String id = UUID.randomUUID().toString();
        open(id, "First");
        List<String> eventsBefore = rows("select event_id::text from events where stream_id = ?", cohorts.streamId(id));

        assertThatThrownBy(() -> open(id, "Second")).isInstanceOf(ConcurrencyConflict.class);

        assertThat(rows("select event_id::text from events where stream_id = ?", cohorts.streamId(id))).isEqualTo(eventsBefore);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> commands.load(cohorts, id)).state().name()).isEqualTo("First");
        // An outbox row of the refused event would have been relayed by now (the relay wakes on commit).
        assertThat(published(id)).as("events published for this cohort").isEqualTo(eventsBefore);
    }

    @Test
    void the_append_wakes_the_relay_and_the_projectors_after_its_commit_and_a_refused_one_wakes_no_one() throws Throwable {
        try (Connection listener = jdbc.getConnection(); Statement statement = listener.createStatement()) {
            statement.execute("listen events");
            statement.execute("listen outbox");
            try {
                PGConnection notifications = listener.unwrap(PGConnection.class);
                drain(notifications, 200);
                String id = UUID.randomUUID().toString();

                open(id, "Notifying");

                // One notification for each channel, sent once the event is committed: whoever wakes
                // sees it (the relay and the projectors would otherwise wait for their next poll).
                Set<String> channels = new HashSet<>();
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    PGNotification[] received = notifications.getNotifications(100);
                    if (received != null) {
                        assertThat(rows("select event_id::text from events where stream_id = ?", cohorts.streamId(id)))
                                .as("events visible when the notification arrives").hasSize(1);
                        Arrays.stream(received).map(PGNotification::getName).forEach(channels::add);
                    }
                    return channels.containsAll(Set.of("events", "outbox"));
                });
                drain(notifications, 200);

                assertThatThrownBy(() -> open(id, "Again")).isInstanceOf(ConcurrencyConflict.class);

                assertThat(notifications.getNotifications(500)).as("notifications after a rolled-back append").isNullOrEmpty();
            } finally {
                statement.execute("unlisten *");
            }
        }
    }

    @Test
    void a_row_committed_without_a_notification_is_published_by_the_relays_poll() throws Exception {
        // Written past the kernel, so no NOTIFY follows the commit: only the relay's fallback poll
        // (mentorship.outbox.poll-interval, 1 s) can find it.
        String subject = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (Connection connection = jdbc.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload) "
                        + "values (cast(? as uuid), ?, ?, 'mentorship.matching.RelayProbe.v1', '/matching-service', ?, now(), '{}')")) {
            insert.setString(1, eventId);
            insert.setString(2, Topics.MATCHING);
            insert.setString(3, subject);
            insert.setString(4, subject);
            insert.executeUpdate();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published(subject)).containsExactly(eventId));
        assertThat(rows("select event_id::text from outbox where event_id = cast(? as uuid)", eventId)).as("the relayed row").isEmpty();
    }

    @Test
    void appends_take_no_server_wide_lock_inside_their_transaction() throws Exception {
        // A NOTIFY inside the append's transaction (a trigger) serialises every notifying commit of
        // the server, WAL flush included; the kernel notifies after the commit instead.
        List<String> triggers = new ArrayList<>();
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select t.tgname from pg_trigger t join pg_proc f on f.oid = t.tgfoid "
                        + "where not t.tgisinternal and t.tgrelid in ('events'::regclass, 'outbox'::regclass) "
                        + "and f.prosrc ilike '%notify%'")) {
            while (rs.next()) {
                triggers.add(rs.getString(1));
            }
        }
        assertThat(triggers).as("notifying triggers on events and outbox").isEmpty();
    }

    @Test
    void several_events_of_one_command_commit_together_or_not_at_all() throws Throwable {
        // One event goes in with a single statement, outside a transaction; several need one. Here
        // the second of two events collides with a row already at version 2, so the first must go too.
        String id = UUID.randomUUID().toString();
        String stream = NOTES.streamId(id);
        eventAt(stream, 2);

        assertThatThrownBy(() -> note(id, "first", "second")).isInstanceOf(ConcurrencyConflict.class);

        assertThat(rows("select version::text from events where stream_id = ? order by version", stream))
                .as("versions of the stream after the refused pair").containsExactly("2");

        // The same on a stream that exists: read, then two events appended after version 1.
        String existing = UUID.randomUUID().toString();
        note(existing, "opening");
        eventAt(NOTES.streamId(existing), 3);
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> commands.handle(NOTES, existing, List.of("second", "third"),
                CommandContext.of("po-1", UUID.randomUUID().toString()), Instant::now))).isInstanceOf(ConcurrencyConflict.class);
        assertThat(rows("select version::text from events where stream_id = ? order by version", NOTES.streamId(existing)))
                .as("versions of the existing stream after the refused pair").containsExactly("1", "3");

        String other = UUID.randomUUID().toString();
        assertThat(note(other, "one").version()).isEqualTo(1);
        assertThat(note(UUID.randomUUID().toString(), "one", "two", "three").version()).isEqualTo(3);
        assertThat(rows("select payload->>'text' from events where stream_id = ? order by version", NOTES.streamId(other)))
                .containsExactly("one");
    }

    /** A stream of text lines: the smallest aggregate whose command can decide several events. */
    sealed interface Noted permits Line {
    }

    record Line(String text) implements Noted {
    }

    static final Aggregate<List<String>, Noted, Integer> NOTES = new Aggregate<>("notes", Noted.class, new Decider<>() {
        @Override
        public Integer initialState() {
            return 0;
        }

        @Override
        public Integer evolve(Integer lines, Noted event) {
            return lines + 1;
        }

        @Override
        public List<Noted> decide(List<String> command, Integer lines) {
            return command.stream().<Noted>map(Line::new).toList();
        }
    }, (lines, event) -> Optional.empty());

    /** An event written straight into {@code stream} at {@code version}, past the kernel. */
    private void eventAt(String stream, int version) throws Exception {
        try (Connection connection = jdbc.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into events (stream_id, version, event_id, type, schema_version, payload, metadata, recorded_at) "
                        + "values (?, ?, gen_random_uuid(), 'Line', 1, '{}', '{}', now())")) {
            insert.setString(1, stream);
            insert.setInt(2, version);
            insert.executeUpdate();
        }
    }

    private Versioned<Integer> note(String id, String... lines) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> commands.handleNew(NOTES, id, List.of(lines),
                CommandContext.of("po-1", UUID.randomUUID().toString()), Instant::now));
    }

    private static void drain(PGConnection notifications, int millis) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            notifications.getNotifications(50);
        }
    }

    /** Ids of the events published on the matching topic about cohort {@code id}. */
    private List<String> published(String id) {
        return TestKafka.readAll(bootstrap, Topics.MATCHING, Duration.ofSeconds(1)).stream()
                .filter(record -> id.equals(TestKafka.header(record, "ce_subject")))
                .map(record -> TestKafka.header(record, "ce_id")).toList();
    }

    private Versioned<Cohort> open(String id, String name) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> commands.handleNew(cohorts, id,
                new OpenCohort(id, name, null, null, List.of("po-1"), Instant.now()), CommandContext.of("po-1", UUID.randomUUID().toString()),
                Instant::now));
    }

    private List<String> rows(String sql, String parameter) throws Exception {
        try (Connection connection = jdbc.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

}
