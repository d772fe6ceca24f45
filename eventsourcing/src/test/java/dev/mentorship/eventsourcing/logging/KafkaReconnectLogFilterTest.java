package dev.mentorship.eventsourcing.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

class KafkaReconnectLogFilterTest {

    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final String UNREACHABLE = "Connection to node -1 (/127.0.0.1:9092) could not be established. Node may not be available.";

    private final AtomicLong now = new AtomicLong();
    private final KafkaReconnectLogFilter filter = new KafkaReconnectLogFilter(now::get);

    @Test
    void one_warning_of_each_kind_goes_through_per_interval_and_the_next_counts_those_held_back() {
        assertThat(filter.isLoggable(warn("[Consumer clientId=c1, groupId=progress-service] " + UNREACHABLE))).isTrue();
        // The same warning from other clients of the service, a second apart, for half a minute.
        int held = 0;
        for (int second = 1; second < 30; second++) {
            now.set(TimeUnit.SECONDS.toNanos(second));
            held += filter.isLoggable(warn("[Producer clientId=relay] " + UNREACHABLE)) ? 0 : 1;
            held += filter.isLoggable(warn("[AdminClient clientId=readiness-check] " + UNREACHABLE)) ? 0 : 1;
        }
        assertThat(held).isEqualTo(58);
        // Another kind of warning has its own interval.
        assertThat(filter.isLoggable(warn("[Producer clientId=relay] Bootstrap broker 127.0.0.1:9092 (id: -1 rack: null) disconnected"))).isTrue();

        now.set(TimeUnit.SECONDS.toNanos(30));
        ExtLogRecord next = warn("[Producer clientId=relay] " + UNREACHABLE);
        assertThat(filter.isLoggable(next)).isTrue();
        assertThat(next.getFormattedMessage()).isEqualTo("[Producer clientId=relay] " + UNREACHABLE + " (58 more like it held back since the last one shown)");

        now.set(TimeUnit.SECONDS.toNanos(31));
        assertThat(filter.isLoggable(warn("[Producer clientId=relay] " + UNREACHABLE))).isFalse();
    }

    @Test
    void other_records_are_never_held_back() {
        for (int i = 0; i < 5; i++) {
            assertThat(filter.isLoggable(record(Level.WARN, NETWORK_CLIENT, "[Consumer clientId=c1] Error while fetching metadata: UNKNOWN_TOPIC_OR_PARTITION"))).isTrue();
            assertThat(filter.isLoggable(record(Level.ERROR, NETWORK_CLIENT, UNREACHABLE))).isTrue();
            assertThat(filter.isLoggable(record(Level.WARN, "dev.mentorship.eventsourcing.outbox.OutboxRelay", "Outbox relay paused; " + UNREACHABLE))).isTrue();
        }
    }

    private static ExtLogRecord warn(String message) {
        return record(Level.WARN, NETWORK_CLIENT, message);
    }

    private static ExtLogRecord record(java.util.logging.Level level, String logger, String message) {
        ExtLogRecord record = new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.NO_FORMAT, KafkaReconnectLogFilterTest.class.getName());
        record.setLoggerName(logger);
        return record;
    }
}
