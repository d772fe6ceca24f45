package dev.mentorship.eventsourcing.outbox;

import dev.mentorship.eventsourcing.background.BackgroundLoop;
import dev.mentorship.eventsourcing.background.Backoff;
import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.eventsourcing.store.PgNotifications;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka after their transaction committed, as CloudEvents in binary mode.
 *
 * <p>One instance per service publishes at a time: the one holding a PostgreSQL advisory lock on a
 * dedicated connection. It sleeps on LISTEN until an append commits (polling as a fallback), sends
 * a batch with the idempotent producer, waits for every acknowledgement, and only then deletes the
 * rows. A crash between send and delete re-sends; consumers drop the duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_NAMESPACE = 0x6f7574626f78L; // "outbox"

    private final AgroalDataSource dataSource;
    private final KernelConfig config;
    private final Map<String, Object> kafka;
    private final KafkaTopics topics;
    private final Counter published;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong leader = new AtomicLong();
    private final BackgroundLoop loop = new BackgroundLoop("outbox-relay", this::run);

    public OutboxRelay(AgroalDataSource dataSource, KernelConfig config, MeterRegistry metrics, KafkaTopics topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafka = kafka;
        this.topics = topics;
        this.published = metrics.counter("outbox.published");
        metrics.gauge("outbox.backlog", backlog);
        metrics.gauge("outbox.relay.leader", leader);
    }

    void start(@Observes StartupEvent event) {
        if (!config.outbox().enabled()) {
            return;
        }
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (loop.running()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (!tryLock(connection)) {
                    Backoff.sleep(config.outbox().pollInterval().multipliedBy(5));
                    continue;
                }
                try {
                    leader.set(1);
                    configureSession(connection);
                    PgNotifications.listen(connection, "outbox");
                    try (KafkaProducer<String, byte[]> producer = producer()) {
                        relay(connection, producer);
                    }
                    backoff.reset();
                } finally {
                    leader.set(0);
                    unlock(connection);
                }
            } catch (Exception e) {
                if (!loop.running()) {
                    return;
                }
                LOG.warnf("Outbox relay paused after %s; retrying with back-off", e.toString());
                if (fromKafka(e)) {
                    // A topic deleted, or a broker that lost its data, since the topics were created.
                    topics.recheck();
                }
                backoff.pause();
            }
        }
    }

    private void relay(Connection connection, KafkaProducer<String, byte[]> producer) throws Exception {
        while (loop.running()) {
            List<Row> batch = fetch(connection);
            // Rows waiting for Kafka as last seen; a full batch means at least this many.
            backlog.set(batch.size());
            if (batch.isEmpty()) {
                PgNotifications.await(connection, config.outbox().pollInterval());
                continue;
            }
            List<Future<?>> acks = new ArrayList<>(batch.size());
            for (Row row : batch) {
                acks.add(producer.send(row.toRecord()));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
            delete(connection, batch);
            published.increment(batch.size());
            if (batch.size() < config.outbox().batchSize()) {
                // Everything committed before the fetch is out. A commit since then has notified this
                // connection, so the wait returns at once; without one, no empty fetch is spent.
                PgNotifications.await(connection, config.outbox().pollInterval());
            }
        }
    }

    private List<Row> fetch(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FETCH)) {
            select.setInt(1, config.outbox().batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getString(10)));
                }
            }
            return rows;
        }
    }

    /** The oldest rows first, a batch at a time; the caller passes the batch size. */
    public static final String FETCH = "select id, event_id::text, topic, message_key, ce_type, ce_source, ce_subject, ce_time, "
            + "payload, correlation_id from outbox order by id limit ?";

    /**
     * Sets up the relay's session. Both settings are this pooled connection's and are reset with the
     * lock, before the connection returns to the pool.
     * <ul>
     * <li>The relay's only writes delete rows Kafka has acknowledged. Losing such a delete in a
     * database crash re-sends the rows, which consumers drop by event id, so these commits need not
     * wait for the WAL flush; appends and consumers' inbox writes still do.</li>
     * <li>Every fetch is planned for the table as it is at that moment. The outbox is empty most of
     * the time, and the driver prepares a statement on the server once it has run five times, so
     * PostgreSQL soon settled on a generic plan made for an empty table: a sequential scan and a
     * sort. A backlog (the broker back after an outage, a burst) was then read whole for every batch
     * of 500: 18 ms a fetch at 50,000 rows against 2 ms by the primary key, and the benchmark's
     * relay drained 3.6–4.7k rows/s instead of ~50k in two of four runs (see
     * {@code docs/benchmarks.md}).</li>
     * </ul>
     */
    public static void configureSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set synchronous_commit to off");
            statement.execute("set plan_cache_mode to force_custom_plan");
        }
    }

    private void delete(Connection connection, List<Row> batch) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", batch.stream().map(Row::id).toArray()));
            delete.executeUpdate();
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, (int) LOCK_NAMESPACE);
            lock.setString(2, config.service());
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void unlock(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock_all()");
            statement.execute("unlisten *");
            statement.execute("reset synchronous_commit");
            statement.execute("reset plan_cache_mode");
        } catch (SQLException e) {
            LOG.debug("Could not release the relay lock; closing the connection releases it", e);
        }
    }

    /** Whether a publication failed, rather than PostgreSQL: only then may a topic be missing. */
    private static boolean fromKafka(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaException || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private KafkaProducer<String, byte[]> producer() {
        return Producers.reliable(kafka, config.service() + "-outbox-relay");
    }

    /** One outbox row, as the CloudEvent it is published as. */
    record Row(long id, String eventId, String topic, String key, String type, String source, String subject,
            OffsetDateTime time, String payload, String correlationId) {

        /**
         * The CloudEvents Kafka binding in binary mode, written by the specification's SDK: the
         * attributes as {@code ce_} headers (time in RFC 3339, seconds always present), the JSON data
         * as the value, the aggregate id as the key.
         */
        ProducerRecord<String, byte[]> toRecord() {
            CloudEventBuilder event = CloudEventBuilder.v1()
                    .withId(eventId)
                    .withType(type)
                    .withSource(URI.create(source))
                    .withSubject(subject)
                    .withTime(time)
                    .withDataContentType("application/json")
                    .withData(payload.getBytes(StandardCharsets.UTF_8));
            if (correlationId != null) {
                event.withExtension(CORRELATION_ID, correlationId);
            }
            return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event.build());
        }
    }

    /** The extension attribute that ties an event to the request that caused it ({@code ce_correlationid}). */
    public static final String CORRELATION_ID = "correlationid";
}
