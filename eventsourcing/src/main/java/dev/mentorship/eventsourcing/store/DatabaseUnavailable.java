package dev.mentorship.eventsourcing.store;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.Set;

/**
 * Failures that mean PostgreSQL cannot serve the service right now (stopped, restarting, recovering
 * from a crash, out of connections, unreachable, or the connection lost), as opposed to a fault in
 * the request or the code. Mostly the statement never reached the server or the server ended the
 * session before it committed; only a connection lost while a commit was under way leaves the outcome
 * unknown. Requests answer such a failure with 503; consumers wait it out rather than park the
 * records they hold (storing a consumed event twice is harmless: the inbox keeps its id).
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATEs of a server going away or not taking sessions: shutting down (57P01), crashed (57P02),
     * starting or recovering (57P03), no connection slot free (53300), and the connection class (08).
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        return find(failure) != null;
    }

    public static String describe(Throwable failure) {
        Throwable cause = find(failure);
        return cause == null ? String.valueOf(failure) : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable find(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DatabaseException database) {
                if (database.getSqlState() != null && (STATES.contains(database.getSqlState()) || database.getSqlState().startsWith("08"))) {
                    return cause;
                }
                continue;
            }
            // Refused (ConnectException), reset by the server, broken pipe: socket errors, which the
            // PostgreSQL client also raises as a bare IOException. PostgreSQL is the only peer a
            // request talks to; a body that cannot be read fails as a Jackson exception instead.
            if (cause instanceof IOException && !(cause instanceof JacksonException) || cause instanceof ClosedConnectionException
                    || cause instanceof NoStackTraceTimeoutException) {
                return cause;
            }
            // The reactive client reports a connection that went away under a statement with plain
            // Vert.x throwables: "Connection is not active now, current status: CLOSED", "Failed to
            // read any response from the server, the underlying connection may have been lost".
            if (cause.getClass().getName().startsWith("io.vertx.") && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection")) {
                return cause;
            }
        }
        return null;
    }
}
