package dev.mentorship.eventsourcing.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;

/** LISTEN on a dedicated JDBC connection, so a background loop can sleep until a commit wakes it. */
public final class PgNotifications {

    private PgNotifications() {
    }

    public static void listen(Connection connection, String channel) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen " + channel);
        }
    }

    /** Blocks until a notification arrives or {@code timeout} passes; drains what arrived. */
    public static void await(Connection connection, Duration timeout) throws SQLException {
        connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
    }
}
