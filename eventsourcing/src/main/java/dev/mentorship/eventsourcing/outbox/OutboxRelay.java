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
import dev.mentorship.eventsourcing.tracing.Traces;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.trace.Span;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
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

    private final Traces traces;
    private static final long LOCK_NAMESPACE = 0x6f7574626f78L; // "outbox"

    private final AgroalDataSource dataSource;
    private final KernelConfig config;
    private final Map<String, Object> kafka;
    private final KafkaTopics topics;
    private final Counter published;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong leader = new AtomicLong();
    private final AtomicLong parkedCount = new AtomicLong();
    private final BackgroundLoop loop = new BackgroundLoop("outbox-relay", this::run);

    public OutboxRelay(AgroalDataSource dataSource, KernelConfig config, MeterRegistry metrics, KafkaTopics topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, Traces traces) {
        this.traces = traces;
        this.dataSource = dataSource;
        this.config = config;
        this.kafka = kafka;
        this.topics = topics;
        this.published = metrics.counter("outbox.published");
        metrics.gauge("outbox.backlog", backlog);
        metrics.gauge("outbox.relay.leader", leader);
        metrics.gauge("outbox.parked", parkedCount);
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
                connection.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
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
        long nextParkedRetry = System.nanoTime();
        while (loop.running()) {
            if (System.nanoTime() - nextParkedRetry >= 0) {
                retryParked(connection, producer);
                nextParkedRetry = System.nanoTime() + config.outbox().parkedRetryInterval().toNanos();
            }
            List<Row> batch = fetch(connection);
            // Rows waiting for Kafka as last seen; a full batch means at least this many.
            backlog.set(batch.size());
            if (batch.isEmpty()) {
                PgNotifications.await(connection, config.outbox().pollInterval());
                continue;
            }
            List<Future<?>> acks = new ArrayList<>(batch.size());
            // Aggregates whose row the producer refused at once (a record over the size limit): their
            // later rows in this batch are not sent, so they cannot overtake it; they stay in the
            // outbox, behind the row about to be parked.
            Set<String> refusedAtOnce = new HashSet<>();
            for (Row row : batch) {
                String aggregate = row.topic() + " " + row.key();
                if (refusedAtOnce.contains(aggregate)) {
                    acks.add(null);
                    continue;
                }
                Future<?> ack = send(producer, row);
                if (ack.isDone() && refusedForGood(ack)) {
                    refusedAtOnce.add(aggregate);
                }
                acks.add(ack);
            }
            producer.flush();
            List<Row> sent = new ArrayList<>(batch.size());
            List<Row> refused = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            Exception passing = null;
            for (int i = 0; i < batch.size(); i++) {
                if (acks.get(i) == null) {
                    continue;
                }
                try {
                    acks.get(i).get(30, TimeUnit.SECONDS);
                    sent.add(batch.get(i));
                } catch (ExecutionException e) {
                    if (refusedForGood(e.getCause())) {
                        refused.add(batch.get(i));
                        reasons.add(e.getCause().toString());
                    } else if (passing == null) {
                        passing = e;
                    }
                }
            }
            delete(connection, sent);
            published.increment(sent.size());
            park(connection, refused, reasons);
            if (passing != null) {
                // The cluster is away or busy: every row behind waits, in order, and is sent again.
                throw passing;
            }
            if (batch.size() < config.outbox().batchSize()) {
                // Everything committed before the fetch is out. A commit since then has notified this
                // connection, so the wait returns at once; without one, no empty fetch is spent.
                PgNotifications.await(connection, config.outbox().pollInterval());
            }
        }
    }

    /**
     * Kafka refused the record itself and sending it again as it is cannot succeed: the topic is not
     * the service's to write (an ACL), its name or the record is invalid, the record is over the
     * size limit. Anything retriable (an unreachable broker, a missing leader, a timeout) is not.
     */
    static boolean refusedForGood(Throwable failure) {
        // A list, not every non-retriable error: a cluster-wide failure (authentication, the cluster's
        // own authorization, a producer fenced or in a fatal state) fails every row alike and must
        // stop the relay, not park the first row of every aggregate.
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException || failure instanceof InvalidTopicException
                || failure instanceof TopicAuthorizationException;
    }

    private static boolean refusedForGood(Future<?> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return refusedForGood(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Moves refused rows out of the outbox with the reason, so the relay goes on with the other
     * streams; later rows of the same aggregate stay behind them (see {@link #FETCH}).
     */
    private void park(Connection connection, List<Row> refused, List<String> reasons) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        try (PreparedStatement park = connection.prepareStatement(PARK)) {
            for (int i = 0; i < refused.size(); i++) {
                Row row = refused.get(i);
                park.setLong(1, row.id());
                park.setString(2, reasons.get(i));
                park.addBatch();
                LOG.errorf("Kafka refused event %s (%s, key %s) on %s: %s. Parked; the aggregate's later events wait behind it, "
                        + "other aggregates go on; retried every %s", row.eventId(), row.type(), row.key(), row.topic(), reasons.get(i),
                        config.outbox().parkedRetryInterval());
            }
            park.executeBatch();
        }
        parkedCount.addAndGet(refused.size());
    }

    /**
     * The oldest parked row of each aggregate that has no older row still in the outbox (a row that
     * failed for a passing reason in the batch that parked it goes out first), least recently tried
     * first, so every aggregate gets its turn however many are parked.
     */
    private static final String RETRY_PARKED = "select id, event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, "
            + "payload, correlation_id, traceparent from (select distinct on (p.topic, p.message_key) p.id, p.event_id::text, p.topic, "
            + "p.message_key, p.ce_type, p.ce_source, p.ce_subject, p.ce_time, p.payload, p.correlation_id, p.traceparent, p.last_attempt_at "
            + "from outbox_parked p where not exists (select 1 from outbox o where o.topic = p.topic "
            + "and o.message_key = p.message_key and o.id < p.id) order by p.topic, p.message_key, p.id) oldest "
            + "order by last_attempt_at limit 100";

    private static final String PARK = "with moved as (delete from outbox where id = ? returning *) "
            + "insert into outbox_parked (id, event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload, "
            + "correlation_id, traceparent, created_at, reason) select id, event_id, topic, message_key, ce_type, ce_source, ce_subject, "
            + "ce_time, payload, correlation_id, traceparent, created_at, ? from moved";

    /**
     * Sends each aggregate's oldest parked row again. One that goes out leaves the parked table, and
     * the rows held behind it flow with the next fetch; one still refused counts another attempt.
     */
    private void retryParked(Connection connection, KafkaProducer<String, byte[]> producer) throws Exception {
        List<Row> parked = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(RETRY_PARKED); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                parked.add(row(rs));
            }
        }
        for (Row row : parked) {
            try {
                send(producer, row).get(30, TimeUnit.SECONDS);
                try (PreparedStatement delete = connection.prepareStatement("delete from outbox_parked where id = ?")) {
                    delete.setLong(1, row.id());
                    delete.executeUpdate();
                }
                published.increment();
                LOG.infof("Parked event %s (%s, key %s) went out on %s", row.eventId(), row.type(), row.key(), row.topic());
            } catch (ExecutionException e) {
                if (!refusedForGood(e.getCause())) {
                    // Not a refusal of this row (the cluster is away or busy): the next round tries again,
                    // and the relay's own batches meet the same trouble and back off.
                    LOG.debugf("Parked event %s not sent this round: %s", row.eventId(), e.getCause());
                    break;
                }
                try (PreparedStatement attempt = connection.prepareStatement(
                        "update outbox_parked set attempts = attempts + 1, last_attempt_at = now(), reason = ? where id = ?")) {
                    attempt.setString(1, e.getCause().toString());
                    attempt.setLong(2, row.id());
                    attempt.executeUpdate();
                }
            }
        }
        try (PreparedStatement count = connection.prepareStatement("select count(*) from outbox_parked"); ResultSet rs = count.executeQuery()) {
            rs.next();
            parkedCount.set(rs.getLong(1));
        }
    }

    private List<Row> fetch(Connection connection) throws SQLException {
        // Nearly always nothing is parked, and then the plain fetch is planned as one index scan in id
        // order. With the anti-join, PostgreSQL may hash the (empty) parked table and sort the whole
        // outbox for every batch: a backlog of 50,000 rows drained at a third of the speed.
        try (PreparedStatement select = connection.prepareStatement(parkedCount.get() == 0 ? FETCH : FETCH_BEHIND_PARKED)) {
            select.setInt(1, config.outbox().batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    /** The oldest rows first, a batch at a time; the caller passes the batch size. */
    public static final String FETCH = "select id, event_id::text, topic, message_key, ce_type, ce_source, ce_subject, ce_time, "
            + "payload, correlation_id, traceparent from outbox order by id limit ?";

    /** {@link #FETCH} while rows are parked: an aggregate's rows newer than its parked row wait behind it. */
    public static final String FETCH_BEHIND_PARKED = "select id, event_id::text, topic, message_key, ce_type, ce_source, ce_subject, "
            + "ce_time, payload, correlation_id, traceparent from outbox o where not exists (select 1 from outbox_parked p "
            + "where p.topic = o.topic and p.message_key = o.message_key and p.id < o.id) order by id limit ?";

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
            // The server ends this session, and with it the advisory lock, within about 25 s of the
            // relay's machine going away (probes after 10 s idle, every 5 s, 3 unanswered), or 20 s
            // after data it sent went unacknowledged; the operating system's defaults would wait
            // two hours, and no other instance could publish meanwhile.
            statement.execute("set tcp_keepalives_idle to 10");
            statement.execute("set tcp_keepalives_interval to 5");
            statement.execute("set tcp_keepalives_count to 3");
            statement.execute("set tcp_user_timeout to 20000");
        }
    }

    /**
     * The relay's side of the same: no statement or wait of the relay blocks on the socket for
     * longer, so a server that went away without closing the connection (its machine died, the
     * network split) is given up within this time and the relay starts over, asking for the lock again.
     */
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(20);

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
            statement.execute("reset tcp_keepalives_idle");
            statement.execute("reset tcp_keepalives_interval");
            statement.execute("reset tcp_keepalives_count");
            statement.execute("reset tcp_user_timeout");
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

    /** Sends a row under a producer span, the child of the span it was appended under, ended once the broker answers. */
    private Future<?> send(KafkaProducer<String, byte[]> producer, Row row) {
        Span span = traces.publishing(row.topic(), row.type(), row.eventId(), row.traceparent());
        String publishedUnder = span.getSpanContext().isValid() ? Traces.traceparent(span.getSpanContext()) : row.traceparent();
        try {
            return producer.send(row.toRecord(publishedUnder), (metadata, failure) -> Traces.end(span, failure));
        } catch (RuntimeException e) {
            Traces.end(span, e);
            throw e;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return Producers.reliable(kafka, config.service() + "-outbox-relay");
    }

    /** One outbox row, as the CloudEvent it is published as. */
    record Row(long id, String eventId, String topic, String key, String type, String source, String subject,
            OffsetDateTime time, String payload, String correlationId, String traceparent) {

        /**
         * The CloudEvents Kafka binding in binary mode, written by the specification's SDK: the
         * attributes as {@code ce_} headers (time in RFC 3339, seconds always present), the JSON data
         * as the value, the aggregate id as the key.
         */
        ProducerRecord<String, byte[]> toRecord() {
            return toRecord(traceparent);
        }

        /** The record under {@code publishedUnder}, the producer span's traceparent (or the appending span's, or none). */
        ProducerRecord<String, byte[]> toRecord(String publishedUnder) {
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
            if (publishedUnder != null) {
                event.withExtension(Traces.TRACEPARENT, publishedUnder);
            }
            return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event.build());
        }
    }

    /** The extension attribute that ties an event to the request that caused it ({@code ce_correlationid}). */
    public static final String CORRELATION_ID = "correlationid";
}
