package dev.mentorship.eventsourcing.logging;

import io.quarkus.logging.LoggingFilter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.ExtLogRecord.FormatStyle;

/**
 * Lets through one of each warning the Kafka clients repeat while a broker cannot be reached, per
 * {@link #INTERVAL}, instead of one per connection attempt: each client of a service (its consumers,
 * the relay's producer, the dead-letter producers, the readiness check) retries every second or so
 * and warns each time, about three lines a second per service for as long as the broker is away.
 * The first warning of an outage still shows at once, and the next one that passes says how many
 * like it were held back, so a broker that stays away stays visible. Linked to the console by
 * {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "kafka-reconnects")
public final class KafkaReconnectLogFilter implements Filter {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    /** The client's own prefix, such as {@code [Consumer clientId=..., groupId=...] }. */
    private static final Pattern CLIENT = Pattern.compile("^\\[[^\\]]*\\] ");
    private static final Pattern REPEATED = Pattern.compile("could not be established|disconnected");

    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public KafkaReconnectLogFilter() {
        this(System::nanoTime);
    }

    KafkaReconnectLogFilter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!NETWORK_CLIENT.equals(record.getLoggerName()) || record.getLevel().intValue() != Level.WARNING.intValue()) {
            return true;
        }
        String text = text(record);
        if (text == null || !REPEATED.matcher(text).find()) {
            return true;
        }
        String key = CLIENT.matcher(text).replaceFirst("");
        long held = windows.computeIfAbsent(key, k -> new Window()).pass(nanoTime.getAsLong());
        if (held < 0) {
            return false;
        }
        if (held > 0 && record instanceof ExtLogRecord ext) {
            ext.setMessage(text + " (" + held + " more like it held back since the last one shown)", FormatStyle.NO_FORMAT);
            ext.setParameters(null);
        }
        return true;
    }

    private static String text(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    /** When the last line of one kind went through, and how many have been held back since. */
    private static final class Window {
        private long opened;
        private boolean started;
        private long held;

        /** -1: hold this one back; otherwise let it through, with how many were held back before it. */
        synchronized long pass(long now) {
            if (started && now - opened < INTERVAL.toNanos()) {
                held++;
                return -1;
            }
            started = true;
            opened = now;
            long before = held;
            held = 0;
            return before;
        }
    }
}
