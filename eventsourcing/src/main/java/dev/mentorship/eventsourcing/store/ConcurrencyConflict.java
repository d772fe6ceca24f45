package dev.mentorship.eventsourcing.store;

/**
 * The stream moved on since the caller read it. {@code preconditionFailed} is true when the caller
 * named the version it expected (HTTP If-Match), which makes it a 412 rather than a 409.
 */
public class ConcurrencyConflict extends RuntimeException {

    private final boolean preconditionFailed;

    public ConcurrencyConflict(String message, boolean preconditionFailed) {
        super(message, null, false, false);
        this.preconditionFailed = preconditionFailed;
    }

    public boolean preconditionFailed() {
        return preconditionFailed;
    }

    /**
     * Whether PostgreSQL ended the transaction to let a concurrent one go on: a deadlock (40P01) or
     * a serialization failure (40001) that no retry took care of. Nothing of it was committed.
     */
    public static boolean raisedByTheServer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof io.vertx.sqlclient.DatabaseException database && ("40P01".equals(database.getSqlState()) || "40001".equals(database.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
