package dev.mentorship.eventsourcing.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Conversions for the loosely typed columns a native query returns. */
public final class Rows {

    private Rows() {
    }

    static long asLong(Object value) {
        return ((Number) value).longValue();
    }

    static int asInt(Object value) {
        return ((Number) value).intValue();
    }

    static UUID asUuid(Object value) {
        return value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
    }

    /** A timestamp column as an instant (the reactive client gives OffsetDateTime, JDBC Timestamp); null for SQL null. */
    public static Instant asInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("Not a timestamp: " + value);
    }
}
